import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingStores
import NIOCore
import Synchronization
import Testing

@testable import LeadRoutingService

/// The HTTP routes go through the lead lifecycle: every change shows at once in the load that previews and agent
/// views read (the lifecycle's one view, no copy), and every stored timestamp is the injected clock's.
@Suite("Lead routes through the lifecycle (SQLite in memory, test clock)")
struct LifecycleRouteTests {
    typealias S = ServiceTestSupport

    /// A wall clock the test moves by hand.
    final class TestClock: WallClock {
        let millis = Mutex<Int64>(1_800_000_000_000)
        func nowMillis() -> Int64 { self.millis.withLock { $0 } }
        func advance(_ delta: Int64) { self.millis.withLock { $0 += delta } }
    }

    struct AgentLoad: Decodable, Equatable {
        var openLeads: Int
        var available: Bool
    }

    struct Decision: Decodable {
        var agentId: String?
    }

    func withApp(_ test: @escaping @Sendable (any TestClientProtocol, SQLiteLeadStore, TestClock) async throws -> Void) async throws {
        let store = try await SQLiteLeadStore.openSQLite(path: nil)
        let clock = TestClock()
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger, connection: LeadStoreConnection(store: store), clock: clock)
        try await app.test(.router) { client in try await test(client, store, clock) }
    }

    static func agent(_ client: any TestClientProtocol, _ id: String) async throws -> AgentLoad {
        try await client.execute(uri: "/api/v1/agents/\(id)", method: .get) { response in
            #expect(response.status == .ok)
            return try S.decode(AgentLoad.self, response.body)
        }
    }

    /// Posts `body` and decodes the answer strictly; expects `status`.
    @discardableResult
    static func post<T: Decodable>(
        _ client: any TestClientProtocol,
        _ uri: String,
        _ body: String?,
        as type: T.Type,
        status: HTTPResponse.Status = .ok
    ) async throws -> T {
        try await client.execute(uri: uri, method: .post, headers: body == nil ? [:] : S.json, body: body.map { S.body($0) }) { response in
            #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
            return try S.decode(T.self, response.body)
        }
    }

    static func preview(_ client: any TestClientProtocol) async throws -> String? {
        try await Self.post(client, "/api/v1/leads:preview", #"{"id":"PREVIEW","territoryId":"T1"}"#, as: Decision.self).agentId
    }

    static func setAvailable(_ client: any TestClientProtocol, _ id: String, _ available: Bool) async throws {
        try await client.execute(
            uri: "/api/v1/agents/\(id)/availability",
            method: .put,
            headers: S.json,
            body: S.body(#"{"available":\#(available)}"#)
        ) { response throws in
            #expect(response.status == .ok)
            #expect(try S.decode(AgentLoad.self, response.body).available == available)
        }
    }

    @Test func everyRouteUpdatesTheLoadThatPreviewAndAgentViewsRead() async throws {
        try await self.withApp { client, _, _ in
            // A1 (capacity 5, 2 open in the dataset) is the best agent for T1; A2 the next that is free.
            #expect(try await Self.agent(client, "A1") == AgentLoad(openLeads: 2, available: true))
            #expect(try await Self.preview(client) == "A1")
            let created = try await Self.post(client, "/api/v1/leads", #"{"id":"S1","territoryId":"T1"}"#, as: Decision.self, status: .created)
            #expect(created.agentId == "A1")
            #expect(try await Self.agent(client, "A1").openLeads == 3)
            try await Self.post(client, "/api/v1/leads/S1/accept", nil, as: LeadSummary.self)
            #expect(try await Self.agent(client, "A1").openLeads == 3)
            try await Self.post(client, "/api/v1/leads/S1/close", #"{"won":true}"#, as: LeadSummary.self)
            #expect(try await Self.agent(client, "A1").openLeads == 2)

            try await Self.post(client, "/api/v1/leads", #"{"id":"S2","territoryId":"T1"}"#, as: Decision.self, status: .created)
            let declined = try await Self.post(client, "/api/v1/leads/S2/decline", #"{"agentId":"A1"}"#, as: LeadSummary.self)
            let next = try #require(declined.agentId)
            #expect(next != "A1")
            #expect(try await Self.agent(client, "A1").openLeads == 2)
            #expect(try await Self.agent(client, next).openLeads >= 1)

            try await Self.setAvailable(client, "A1", false)
            #expect(try await Self.agent(client, "A1") == AgentLoad(openLeads: 2, available: false))
            #expect(try await Self.preview(client) != "A1")
            try await Self.setAvailable(client, "A1", true)
            #expect(try await Self.preview(client) == "A1")
        }
    }

    /// The agent's learned response time in its stats: A1 says 10 min in the dataset and accepts after 4 min, so
    /// (10·5 + 4) / (5 + 1) = 9 min; every key is written, nulls included.
    @Test func agentStatsShowTheLearnedResponseTime() async throws {
        struct Stats: Decodable, Equatable, Sendable {
            struct Responsiveness: Decodable, Equatable, Sendable {
                var meanMinutes: Double?
                var priorMinutes: Double?
                var acceptedInStore: Int
                var observedMeanMinutes: Double?
            }
            var responsiveness: Responsiveness
        }
        struct Agent: Decodable { var stats: Stats }
        @Sendable func responsiveness(_ client: any TestClientProtocol) async throws -> (Stats.Responsiveness, String) {
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { response in
                #expect(response.status == .ok)
                return (try S.decode(Agent.self, response.body).stats.responsiveness, String(buffer: response.body))
            }
        }
        try await self.withApp { client, _, clock in
            let (before, body) = try await responsiveness(client)
            #expect(before == .init(meanMinutes: 10, priorMinutes: 10, acceptedInStore: 0, observedMeanMinutes: nil))
            #expect(body.contains(#""observedMeanMinutes":null"#))
            try await Self.post(client, "/api/v1/leads", #"{"id":"R1","territoryId":"T1"}"#, as: Decision.self, status: .created)
            clock.advance(4 * 60_000)
            try await Self.post(client, "/api/v1/leads/R1/accept", nil, as: LeadSummary.self)
            let (after, _) = try await responsiveness(client)
            #expect(after == .init(meanMinutes: 9, priorMinutes: 10, acceptedInStore: 1, observedMeanMinutes: 4))
        }
    }

    @Test func storedTimestampsComeFromTheInjectedClock() async throws {
        try await self.withApp { client, store, clock in
            let t0 = clock.nowMillis()
            try await Self.post(client, "/api/v1/leads", #"{"id":"C1","territoryId":"T1"}"#, as: Decision.self, status: .created)
            clock.advance(1_500)
            try await Self.post(client, "/api/v1/leads/C1/accept", nil, as: LeadSummary.self)
            clock.advance(1_500)
            try await Self.post(client, "/api/v1/leads/C1/close", #"{"won":false}"#, as: LeadSummary.self)
            clock.advance(1_500)
            try await Self.setAvailable(client, "A2", false)

            let record = try #require(try await store.lead("C1"))
            #expect(record.receivedAtMillis == t0)
            #expect(record.assignments.map(\.decidedAtMillis) == [t0])
            #expect(record.assignments.map(\.updatedAtMillis) == [t0 + 3_000])
            #expect(record.audit.map(\.action) == ["received", "routed", "accepted", "closed_lost"])
            #expect(record.audit.map(\.atMillis) == [t0, t0, t0 + 1_500, t0 + 3_000])
            let paused = try await store.database.read { try await $0.query("SELECT updated_at_ms FROM agent_load WHERE agent_id = 'A2'", []) }
            #expect(try paused.first?.int(0) == t0 + 4_500)
            // The service shows the stored millis as ISO-8601 times.
            try await client.execute(uri: "/api/v1/leads/C1", method: .get) { response in
                let view = try S.decode(LeadSummary.self, response.body)
                #expect(view.assignments.map(\.decidedAt) == [ISO8601Timestamp.string(millis: t0)])
            }
        }
    }

    /// The fields of `LeadView` these tests read.
    struct LeadSummary: Decodable {
        struct Assignment: Decodable {
            var agentId: String
            var decidedAt: String
        }
        var leadId: String
        var agentId: String?
        var assignments: [Assignment]
    }
}
