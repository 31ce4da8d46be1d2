import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingService
import NIOCore
import Testing

@Suite("Store-backed lead routes (SQLite in memory)")
struct LeadStoreRouteTests {
    typealias S = ServiceTestSupport

    func withApp(
        _ configuration: ServiceConfiguration? = nil,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var configuration = configuration ?? S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.router, test)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ body: String? = nil) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .post, headers: body == nil ? [:] : S.json, body: body.map { S.body($0) }) { response in
            (response.status, (try? S.object(response.body)) ?? [:])
        }
    }

    @Test func createIs201ThenIdempotent200ThenConflict409() async throws {
        try await self.withApp { client in
            let lead = #"{"id":"C1","territoryId":"T1","kind":"buy"}"#
            let (created, decision) = try await Self.post(client, "/api/v1/leads", lead)
            #expect(created == .created)
            #expect(decision["status"] as? String == "routed")
            let agent = try #require(decision["agentId"] as? String)
            // Same id, same payload (other key order and spacing): the same decision, 200.
            let (again, replay) = try await Self.post(client, "/api/v1/leads", #"{ "kind":"buy", "territoryId":"T1", "id":"C1" }"#)
            #expect(again == .ok)
            #expect(replay["agentId"] as? String == agent)
            // Same id, other payload: 409, nothing changed.
            let (conflict, problem) = try await Self.post(client, "/api/v1/leads", #"{"id":"C1","territoryId":"T2","kind":"buy"}"#)
            #expect(conflict == .conflict)
            #expect(problem["status"] as? Int == 409)
            try await client.execute(uri: "/api/v1/leads/C1", method: .get) { response throws in
                #expect(response.status == .ok)
                let record = try S.object(response.body)
                #expect(record["agentId"] as? String == agent)
                #expect(record["status"] as? String == "routed")
                #expect(record["assignmentState"] as? String == "offered")
                #expect((record["history"] as? [Any])?.isEmpty == false)
                #expect(String(buffer: response.body).contains("price") == false)
            }
        }
    }

    @Test func invalidLeadIs422AndNothingIsStored() async throws {
        try await self.withApp { client in
            let (status, problem) = try await Self.post(client, "/api/v1/leads", #"{"id":"BAD","territoryId":"T1","urgency":9}"#)
            #expect(status == .unprocessableContent)
            #expect(problem["field"] as? String == "urgency")
            try await client.execute(uri: "/api/v1/leads/BAD", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func lifecycleAcceptDeclineClose() async throws {
        try await self.withApp { client in
            _ = try await Self.post(client, "/api/v1/leads", #"{"id":"F1","territoryId":"T1"}"#)
            _ = try await Self.post(client, "/api/v1/leads", #"{"id":"F2","territoryId":"T1"}"#)
            let (accepted, record) = try await Self.post(client, "/api/v1/leads/F1/accept")
            #expect(accepted == .ok)
            #expect(record["assignmentState"] as? String == "accepted")
            let firstAgent = try #require(record["agentId"] as? String)
            let (closed, closedRecord) = try await Self.post(client, "/api/v1/leads/F1/close", #"{"won":true}"#)
            #expect(closed == .ok)
            #expect(closedRecord["status"] as? String == "closed")
            // Accepting a closed lead is not a valid transition.
            let (again, _) = try await Self.post(client, "/api/v1/leads/F1/accept", #"{"agentId":"\#(firstAgent)"}"#)
            #expect(again == .conflict)
            // Decline re-routes to somebody else.
            let before = try await client.execute(uri: "/api/v1/leads/F2", method: .get) { try S.object($0.body)["agentId"] as? String }
            let (declined, rerouted) = try await Self.post(client, "/api/v1/leads/F2/decline")
            #expect(declined == .ok)
            #expect(rerouted["agentId"] as? String != before)
            let (missing, _) = try await Self.post(client, "/api/v1/leads/NOPE/accept")
            #expect(missing == .notFound)
        }
    }

    @Test func pausedAgentGetsNoNewLeads() async throws {
        try await self.withApp { client in
            let (_, first) = try await Self.post(client, "/api/v1/leads:preview", #"{"id":"P1","territoryId":"T1"}"#)
            let best = try #require(first["agentId"] as? String)
            try await client.execute(
                uri: "/api/v1/agents/\(best)/availability",
                method: .put,
                headers: S.json,
                body: S.body(#"{"available":false}"#)
            ) { response throws in
                #expect(response.status == .ok)
                #expect(try S.object(response.body)["available"] as? Bool == false)
            }
            let (status, decision) = try await Self.post(client, "/api/v1/leads", #"{"id":"P2","territoryId":"T1"}"#)
            #expect(status == .created)
            #expect(decision["agentId"] as? String != best)
            try await client.execute(uri: "/api/v1/agents/\(best)/availability", method: .put, headers: S.json, body: S.body("{}")) {
                response throws in
                #expect(response.status == .unprocessableContent)
                #expect(try S.object(response.body)["field"] as? String == "available")
            }
            try await client.execute(uri: "/api/v1/agents/NOPE/availability", method: .put, headers: S.json, body: S.body(#"{"available":true}"#)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func readyReportsTheStoreAndMetricsTheStoreLatency() async throws {
        try await self.withApp { client in
            _ = try await Self.post(client, "/api/v1/leads", #"{"id":"R1","territoryId":"T2"}"#)
            try await client.execute(uri: "/api/v1/ready", method: .get) { response throws in
                #expect(response.status == .ok)
                let store = try #require(try S.object(response.body)["store"] as? [String: Any])
                #expect(store["configured"] as? Bool == true)
                #expect(store["reachable"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/metrics", method: .get) { response throws in
                let text = String(buffer: response.body)
                #expect(text.contains(#"leadrouter_store_operation_duration_seconds_count{operation="commit"} 1"#))
                #expect(text.contains(#"leadrouter_decisions_total{mode="commit",status="routed"} 1"#))
            }
        }
    }
}
