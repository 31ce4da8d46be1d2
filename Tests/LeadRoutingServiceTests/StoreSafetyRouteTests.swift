import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingStores
import LeadRoutingTestSupport
import NIOCore
import Synchronization
import Testing

@testable import LeadRoutingService

/// Intake, closes and outages over HTTP: an unknown territory is 422 naming `territoryId`; close needs `won`; a
/// mistaken close is corrected or reopened; an unreachable or refusing Postgres answers 503 within its deadline.
@Suite("Store safety routes")
struct StoreSafetyRouteTests {
    typealias S = ServiceTestSupport

    func withApp(
        acceptUnknownTerritories: Bool = false,
        _ test: @escaping @Sendable (any TestClientProtocol, SQLiteLeadStore) async throws -> Void
    ) async throws {
        let store = try await SQLiteLeadStore.openSQLite(path: nil)
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.acceptUnknownTerritories = acceptUnknownTerritories
        let app = try await buildApplication(configuration, logger: S.logger, connection: LeadStoreConnection(store: store))
        try await app.test(.router) { client in try await test(client, store) }
    }

    static func post(
        _ client: any TestClientProtocol,
        _ uri: String,
        _ body: String?,
        expect status: HTTPResponse.Status
    ) async throws -> [String: Any] {
        try await client.execute(uri: uri, method: .post, headers: body == nil ? [:] : S.json, body: body.map { S.body($0) }) { response in
            #expect(response.status == status, "\(uri) \(body ?? "(no body)"): \(String(buffer: response.body))")
            return try S.object(response.body)
        }
    }

    @Test func unknownTerritoryIs422NamingTerritoryIdAndRecordsNothing() async throws {
        try await self.withApp { client, _ in
            let problem = try await Self.post(client, "/api/v1/leads", #"{"id":"U1","territoryId":"NOWHERE"}"#, expect: .unprocessableContent)
            #expect(problem["field"] as? String == "territoryId")
            let detail = try #require(problem["detail"] as? String)
            // The CLI prints the same text (LeadValidationError.unknownTerritory).
            #expect(detail.hasPrefix("invalid lead: territoryId: unknown territory NOWHERE (not in graph ds-"), "\(detail)")
            try await client.execute(uri: "/api/v1/leads/U1", method: .get) { #expect($0.status == .notFound) }
        }
        try await self.withApp(acceptUnknownTerritories: true) { client, _ in
            let decision = try await Self.post(client, "/api/v1/leads", #"{"id":"U1","territoryId":"NOWHERE"}"#, expect: .created)
            #expect(decision["status"] as? String == "unroutable")
            #expect(decision["reason"] as? String == "unknown_territory")
        }
    }

    @Test func closeNeedsWonAndAMistakenCloseIsCorrectedThenReopened() async throws {
        try await self.withApp { client, store in
            _ = try await Self.post(client, "/api/v1/leads", #"{"id":"K1","territoryId":"T1"}"#, expect: .created)
            _ = try await Self.post(client, "/api/v1/leads/K1/accept", nil, expect: .ok)
            for body in [nil, "{}", #"{"agentId":"A1"}"#] {
                let problem = try await Self.post(client, "/api/v1/leads/K1/close", body, expect: .unprocessableContent)
                #expect(problem["field"] as? String == "won")
            }
            #expect(try await store.lead("K1")?.status == .routed)
            _ = try await Self.post(client, "/api/v1/leads/K1/close", #"{"won":false}"#, expect: .ok)
            let missing = try await Self.post(client, "/api/v1/leads/K1/correct", nil, expect: .unprocessableContent)
            #expect(missing["field"] as? String == "won")
            let corrected = try await Self.post(client, "/api/v1/leads/K1/correct", #"{"won":true}"#, expect: .ok)
            #expect(corrected["status"] as? String == "closed")
            var load = try #require(try await store.agentLoads().first { $0.agentId == "A1" })
            #expect(load.closedWon == 1 && load.closedLost == 0)
            let reopened = try await Self.post(client, "/api/v1/leads/K1/reopen", nil, expect: .ok)
            #expect(reopened["assignmentState"] as? String == "accepted")
            let history = try #require(reopened["history"] as? [[String: Any]])
            #expect(Array(history.compactMap { $0["action"] as? String }.suffix(2)) == ["close_corrected", "reopened"])
            load = try #require(try await store.agentLoads().first { $0.agentId == "A1" })
            #expect(load.closedWon == 0 && load.closedLost == 0)
            #expect(try await store.checkInvariants().allSatisfy { $0.violations == 0 })
            // Nothing to reopen on a lead that was never closed.
            _ = try await Self.post(client, "/api/v1/leads", #"{"id":"K2","territoryId":"T1"}"#, expect: .created)
            _ = try await Self.post(client, "/api/v1/leads/K2/reopen", nil, expect: .conflict)
        }
    }

    /// Postgres unreachable (a closed port) after the service started: a lead request answers 503 with Retry-After
    /// within the call deadline (here 3 s) plus a margin, not after a client's 30 s. A bound check, not a benchmark.
    @Test func unreachablePostgresAnswers503WithinTheDeadline() async throws {
        let port = try ClosedPort.find()
        let url = "postgres://leadrouter@127.0.0.1:\(port)/none?connect_timeout=1&call_timeout=3"
        let outage = try await LeadStoreConnection.open(url)
        try await Self.withOutage(outage) { client in
            let start = ContinuousClock.now
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: S.body(#"{"id":"D1","territoryId":"T1"}"#)) {
                response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(String(buffer: response.body).contains("lead store unavailable"))
            }
            let elapsed = start.duration(to: .now)
            #expect(elapsed < .seconds(3) + .seconds(2), "answered after \(elapsed)")
        }
    }

    /// A login the server refuses (an unknown role) is reported as an authentication failure, not as an outage.
    @Test(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run (scripts/test starts a throwaway cluster)"))
    func refusedLoginIsReportedAsSuch() async throws {
        let base = try #require(TestEnvironment.postgresURL)
        let url =
            base.replacingOccurrences(of: "postgres://leadrouter@", with: "postgres://leadrouter_nobody:wrong@") + "?connect_timeout=1&call_timeout=3"
        let outage = try await LeadStoreConnection.open(url)
        try await Self.withOutage(outage) { client in
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: S.body(#"{"id":"D2","territoryId":"T1"}"#)) {
                response throws in
                #expect(response.status == .serviceUnavailable)
                let problem = try S.object(response.body)
                #expect(problem["type"] as? String == ServiceError.typeBase + "store-authentication-failed")
                #expect((problem["detail"] as? String)?.contains("authentication failed") == true)
            }
        }
        let cli = try CLIProcess.run(["assignments", "--store", url])
        #expect(cli.status != 0)
        #expect(cli.stderr.contains("refused the login of user leadrouter_nobody"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("cannot reach"))
    }

    /// Starts the app on a working SQLite store (so it starts as in production), then sends every store call to
    /// `outage` (its pool running) while `test` runs.
    static func withOutage(_ outage: LeadStoreConnection, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let store = SwitchableLeadStore(try await SQLiteLeadStore.openSQLite(path: nil), outage: outage.store)
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger, connection: LeadStoreConnection(store: store))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await outage.run() }
            defer { group.cancelAll() }
            try await app.test(.router) { client in
                store.down.withLock { $0 = true }
                try await test(client)
            }
        }
    }
}

/// A loopback port nothing listens on (bound, then closed).
enum ClosedPort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
