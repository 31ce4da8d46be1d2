import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
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

    /// POSTs `body` and returns the status with the raw response body; callers decode it strictly as the type the
    /// status promises (a decision, a lead record or a problem).
    static func post(_ client: any TestClientProtocol, _ uri: String, _ body: String? = nil) async throws -> (HTTPResponse.Status, ByteBuffer) {
        try await client.execute(uri: uri, method: .post, headers: body == nil ? [:] : S.json, body: body.map { S.body($0) }) { response in
            (response.status, response.body)
        }
    }

    /// POSTs and decodes the body as `T`; a missing field fails the test.
    static func post<T: Decodable>(
        _ type: T.Type,
        _ client: any TestClientProtocol,
        _ uri: String,
        _ body: String? = nil
    ) async throws -> (HTTPResponse.Status, T) {
        let (status, buffer) = try await self.post(client, uri, body)
        return (status, try ResponseBody.decode(type, buffer))
    }

    @Test func createIs201ThenIdempotent200ThenConflict409() async throws {
        try await self.withApp { client in
            let lead = #"{"id":"C1","territoryId":"T1","kind":"buy"}"#
            let (created, decision) = try await Self.post(RoutingDecision.self, client, "/api/v1/leads", lead)
            #expect(created == .created)
            #expect(decision.status == .routed)
            let agent = try #require(decision.agentId)
            // Same id, same payload (other key order and spacing): the same decision, 200.
            let (again, replay) = try await Self.post(
                RoutingDecision.self,
                client,
                "/api/v1/leads",
                #"{ "kind":"buy", "territoryId":"T1", "id":"C1" }"#
            )
            #expect(again == .ok)
            #expect(try #require(replay.agentId) == agent)
            // Same id, other payload: 409, nothing changed.
            let (conflict, problem) = try await Self.post(
                ProblemDetails.self,
                client,
                "/api/v1/leads",
                #"{"id":"C1","territoryId":"T2","kind":"buy"}"#
            )
            #expect(conflict == .conflict)
            #expect(problem.status == 409)
            try await client.execute(uri: "/api/v1/leads/C1", method: .get) { response throws in
                #expect(response.status == .ok)
                let record = try ResponseBody.decode(LeadRecordBody.self, response.body)
                #expect(try #require(record.agentId) == agent)
                #expect(record.status == "routed")
                #expect(record.assignmentState == "offered")
                #expect(record.decision.agentId == agent)
                #expect(!record.history.isEmpty)
                #expect(String(buffer: response.body).contains("price") == false)
            }
        }
    }

    @Test func invalidLeadIs422AndNothingIsStored() async throws {
        try await self.withApp { client in
            let (status, problem) = try await Self.post(ProblemDetails.self, client, "/api/v1/leads", #"{"id":"BAD","territoryId":"T1","urgency":9}"#)
            #expect(status == .unprocessableContent)
            #expect(try #require(problem.field) == "urgency")
            try await client.execute(uri: "/api/v1/leads/BAD", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func lifecycleAcceptDeclineClose() async throws {
        try await self.withApp { client in
            #expect(try await Self.post(RoutingDecision.self, client, "/api/v1/leads", #"{"id":"F1","territoryId":"T1"}"#).0 == .created)
            #expect(try await Self.post(RoutingDecision.self, client, "/api/v1/leads", #"{"id":"F2","territoryId":"T1"}"#).0 == .created)
            let (accepted, record) = try await Self.post(LeadRecordBody.self, client, "/api/v1/leads/F1/accept")
            #expect(accepted == .ok)
            #expect(record.assignmentState == "accepted")
            let firstAgent = try #require(record.agentId)
            let (closed, closedRecord) = try await Self.post(LeadRecordBody.self, client, "/api/v1/leads/F1/close", #"{"won":true}"#)
            #expect(closed == .ok)
            #expect(closedRecord.status == "closed")
            // Accepting a closed lead is not a valid transition.
            let (again, conflict) = try await Self.post(ProblemDetails.self, client, "/api/v1/leads/F1/accept", #"{"agentId":"\#(firstAgent)"}"#)
            #expect(again == .conflict)
            #expect(conflict.status == 409)
            // Decline re-routes to somebody else.
            let before = try await client.execute(uri: "/api/v1/leads/F2", method: .get) {
                try #require(try ResponseBody.decode(LeadRecordBody.self, $0.body).agentId)
            }
            let (declined, rerouted) = try await Self.post(LeadRecordBody.self, client, "/api/v1/leads/F2/decline", #"{"agentId":"\#(before)"}"#)
            #expect(declined == .ok)
            #expect(try #require(rerouted.agentId) != before)
            let (missing, notFound) = try await Self.post(ProblemDetails.self, client, "/api/v1/leads/NOPE/accept")
            #expect(missing == .notFound)
            #expect(notFound.status == 404)
        }
    }

    @Test func pausedAgentGetsNoNewLeads() async throws {
        try await self.withApp { client in
            let (_, first) = try await Self.post(RoutingDecision.self, client, "/api/v1/leads:preview", #"{"id":"P1","territoryId":"T1"}"#)
            let best = try #require(first.agentId)
            try await client.execute(
                uri: "/api/v1/agents/\(best)/availability",
                method: .put,
                headers: S.json,
                body: S.body(#"{"available":false}"#)
            ) { response throws in
                #expect(response.status == .ok)
                let agent = try ResponseBody.decode(AgentBody.self, response.body)
                #expect(agent.id == best && agent.available == false)
            }
            let (status, decision) = try await Self.post(RoutingDecision.self, client, "/api/v1/leads", #"{"id":"P2","territoryId":"T1"}"#)
            #expect(status == .created)
            #expect(try #require(decision.agentId) != best)
            try await client.execute(uri: "/api/v1/agents/\(best)/availability", method: .put, headers: S.json, body: S.body("{}")) {
                response throws in
                #expect(response.status == .unprocessableContent)
                #expect(try ResponseBody.decode(ProblemDetails.self, response.body).field == "available")
            }
            try await client.execute(uri: "/api/v1/agents/NOPE/availability", method: .put, headers: S.json, body: S.body(#"{"available":true}"#)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func readyReportsTheStoreAndMetricsTheStoreLatency() async throws {
        try await self.withApp { client in
            #expect(try await Self.post(RoutingDecision.self, client, "/api/v1/leads", #"{"id":"R1","territoryId":"T2"}"#).0 == .created)
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
