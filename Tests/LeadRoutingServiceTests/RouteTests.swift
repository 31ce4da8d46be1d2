import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingService
import NIOCore
import Testing

@Suite("Routes (HummingbirdTesting .router, tiny dataset, auth off)")
struct RouteTests {
    typealias S = ServiceTestSupport

    func withApp(
        _ configuration: ServiceConfiguration = S.configuration(auth: false),
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.router, test)
    }

    @Test func healthAndReady() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/health", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(try S.object(response.body)["status"] as? String == "ok")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.count == 32)
            }
            try await client.execute(uri: "/api/v1/ready", method: .get) { response throws in
                #expect(response.status == .ok)
                let body = try S.object(response.body)
                #expect(body["status"] as? String == "ready")
                let graph = try #require(body["graph"] as? [String: Any])
                #expect(graph["loaded"] as? Bool == true)
                #expect(graph["agents"] as? Int == 14)
                #expect((graph["version"] as? String)?.hasPrefix("ds-") == true)
                #expect(graph["ageSeconds"] is Double || graph["ageSeconds"] is Int)
            }
        }
    }

    @Test func requestIdIsEchoedWhenWellFormed() async throws {
        try await self.withApp { client in
            let header = HTTPField.Name("X-Request-Id")!
            try await client.execute(uri: "/api/v1/health", method: .get, headers: [header: "abc-123"]) { response throws in
                #expect(response.headers[header] == "abc-123")
            }
            try await client.execute(uri: "/api/v1/health", method: .get, headers: [header: "bad id\u{7f}"]) { response throws in
                #expect(response.headers[header] != "bad id\u{7f}")
                #expect(response.headers[header]?.count == 32)
            }
        }
    }

    @Test func previewRoutesALead() async throws {
        try await self.withApp { client in
            let lead = #"{"id":"P1","territoryId":"T1","kind":"buy","price":250000,"language":"en"}"#
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body(lead)) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let decision = try ResponseBody.decode(RoutingDecision.self, response.body)
                #expect(decision.leadId == "P1")
                #expect(decision.status == .routed)
                #expect(decision.agentId != nil)
                #expect(!decision.candidates.isEmpty)
                #expect(decision.graphVersion.hasPrefix("ds-"))
            }
            // Preview commits nothing: the same lead previews the same way again.
            let first = try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body(lead)) {
                try #require(try ResponseBody.decode(RoutingDecision.self, $0.body).agentId)
            }
            let second = try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body(lead)) {
                try #require(try ResponseBody.decode(RoutingDecision.self, $0.body).agentId)
            }
            #expect(first == second)
        }
    }

    @Test func previewOfUnknownTerritoryIsUnroutable() async throws {
        try await self.withApp { client in
            let lead = #"{"id":"P2","territoryId":"NOWHERE"}"#
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body(lead)) { response throws in
                #expect(response.status == .ok)
                let decision = try S.object(response.body)
                #expect(decision["status"] as? String == "unroutable")
                #expect(decision["reason"] as? String == "unknown_territory")
            }
        }
    }

    @Test(arguments: [
        (#"{"id":"X"}"#, "territoryId"),
        (#"{"id":"X","territoryId":"T1","urgency":7}"#, "urgency"),
        (#"{"id":"X","territoryId":"T1","kind":"lease"}"#, "kind"),
        (#"{"id":"X","territoryId":"T1","price":-5}"#, "price"),
        (#"{"id":"","territoryId":"T1"}"#, "id"),
    ])
    func invalidLeadIs422WithTheField(body: String, field: String) async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body(body)) { response throws in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try S.object(response.body)
                #expect(problem["status"] as? Int == 422)
                #expect(problem["field"] as? String == field)
                #expect(problem["title"] as? String == "Invalid Lead")
                #expect(problem["instance"] as? String == "/api/v1/leads:preview")
                #expect(problem["requestId"] is String)
            }
        }
    }

    @Test func malformedJSONIs400WithoutInternals() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body("{not json")) { response throws in
                #expect(response.status == .badRequest)
                #expect(try S.object(response.body)["title"] as? String == "Malformed JSON")
                #expect(response.headers[.contentType] == "application/problem+json")
                let text = String(buffer: response.body)
                #expect(!text.contains("DecodingError"))
                #expect(!text.contains("Swift"))
            }
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await self.withApp { client in
            let headers: HTTPFields = [.contentType: "text/plain"]
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: headers, body: S.body("{}")) { response throws in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await self.withApp(S.configuration(auth: false, bodyLimit: 100)) { client in
            let lead = #"{"id":"P1","territoryId":"T1","notes":""# + String(repeating: "x", count: 500) + #""}"#
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body(lead)) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try S.object(response.body)["status"] as? Int == 413)
            }
        }
    }

    @Test func unknownPathIs404AndWrongMethodIs405() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try S.object(response.body)["status"] as? Int == 404)
            }
            try await client.execute(uri: "/api/v1/health", method: .delete) { response throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/v1/agents/A1", method: .post) { response throws in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test func agentsPageThroughAllAgentsInIdOrder() async throws {
        try await self.withApp { client in
            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let uri = "/api/v1/agents?limit=4" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.execute(uri: uri, method: .get) { response throws in
                    #expect(response.status == .ok)
                    return try ResponseBody.decode(AgentPageBody.self, response.body)
                }
                #expect(page.agents.count <= 4)
                seen += page.agents.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen.count == 14)
            #expect(seen == seen.sorted())
            #expect(Set(seen).count == 14)
        }
    }

    @Test func agentFilters() async throws {
        try await self.withApp { client in
            func ids(_ query: String) async throws -> [String] {
                try await client.execute(uri: "/api/v1/agents?" + query, method: .get) {
                    try ResponseBody.decode(AgentPageBody.self, $0.body).agents.map(\.id)
                }
            }
            #expect(try await ids("active=false") == ["A4"])
            #expect(try await ids("language=es") == ["A3"])
            let renters = try await ids("kind=rent&state=NJ")
            #expect(!renters.isEmpty && !renters.contains("A6"), "\(renters)")
            // Invalid query parameters are 422, as on every route.
            try await client.execute(uri: "/api/v1/agents?limit=0", method: .get) { response throws in
                #expect(response.status == .unprocessableContent)
                #expect(try S.object(response.body)["field"] as? String == "limit")
                #expect(try S.object(response.body)["title"] as? String == "Invalid Parameter")
            }
            try await client.execute(uri: "/api/v1/agents?cursor=%%%", method: .get) { response throws in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/agents?territory=NOPE", method: .get) { response throws in
                #expect(response.status == .unprocessableContent)
                #expect(try S.object(response.body)["field"] as? String == "territory")
            }
        }
    }

    @Test func agentDetailAndCoverage() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { response throws in
                #expect(response.status == .ok)
                let agent = try ResponseBody.decode(AgentBody.self, response.body)
                #expect(agent.id == "A1")
                #expect(agent.capacity == 5)
                #expect(agent.openLeads == 2)
                #expect(agent.available)
                #expect(agent.stats.closed == 8)
            }
            try await client.execute(uri: "/api/v1/agents/NOPE", method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/v1/territories/T1/coverage", method: .get) { response throws in
                #expect(response.status == .ok)
                let coverage = try S.object(response.body)
                #expect(coverage["territoryId"] as? String == "T1")
                #expect(coverage["state"] as? String == "NY")
                let agents = try #require(coverage["agents"] as? [[String: Any]])
                #expect(agents.allSatisfy { $0["agentId"] is String })
                #expect(agents.contains { $0["agentId"] as? String == "A1" })
            }
            try await client.execute(uri: "/api/v1/territories/NOPE/coverage", method: .get) { response throws in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func metricsExposeDecisionsGraphAndHTTP() async throws {
        try await self.withApp { client in
            _ = try await client.execute(
                uri: "/api/v1/leads:preview",
                method: .post,
                headers: S.json,
                body: S.body(#"{"id":"M1","territoryId":"T1"}"#)
            )
            _ = try await client.execute(uri: "/api/v1/nothing", method: .get)
            try await client.execute(uri: "/api/v1/metrics", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("leadrouter_decision_duration_seconds_bucket"))
                #expect(text.contains(#"leadrouter_decisions_total{mode="preview",status="routed"} 1"#))
                #expect(text.contains("leadrouter_graph_age_seconds"))
                #expect(text.contains("leadrouter_graph_info{"))
                #expect(text.contains(#"leadrouter_http_requests_total{route="/api/v1/leads:preview",method="POST",status="200"} 1"#))
                #expect(text.contains(#"route="unmatched",method="GET",status="404""#))
            }
        }
    }

    @Test func leadStoreEndpointsAnswer503WithoutAStore() async throws {
        try await self.withApp { client in
            let lead = #"{"id":"S1","territoryId":"T1"}"#
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: S.body(lead)) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try S.object(response.body)["detail"] as? String == "lead store not configured")
            }
            try await client.execute(uri: "/api/v1/leads/S1", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test func openAPIDocumentIsServed() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }
}
