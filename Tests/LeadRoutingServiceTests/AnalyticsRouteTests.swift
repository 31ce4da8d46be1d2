import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingService
import NIOCore
import Testing

@Suite("GET /api/v1/analytics/{algorithm} (HummingbirdTesting .router, tiny dataset)")
struct AnalyticsRouteTests {
    typealias S = ServiceTestSupport

    func withApp(
        auth: Bool = false,
        dataset: String = S.tinyDataset,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try await buildApplication(S.configuration(auth: auth, dataset: dataset), logger: S.logger)
        try await app.test(.router, test)
    }

    @Test func pageRankAnswersTheCLIReportWithVersionAndTime() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/analytics/pagerank?top=3", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let report = try S.decode(PageRankReport.self, response.body)
                #expect(report.algorithm == "pagerank")
                #expect(report.graphVersion.hasPrefix("ds-"))
                #expect(report.agents == 14)
                #expect(report.damping == 0.85)
                #expect(report.top.count == 3)
                #expect(report.top.map(\.rank) == [1, 2, 3])
                #expect(report.top[0].score >= report.top[1].score)
                let object = try S.object(response.body)
                #expect((object["computedAt"] as? String).map { ISO8601Shape.isValid($0) } == true)
            }
        }
    }

    @Test func aRepeatedRequestIsServedFromTheCacheWithTheSameBody() async throws {
        try await self.withApp { client in
            let uri = "/api/v1/analytics/communities?seed=3&top=5"
            let first = try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            let second = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
            #expect(first == second)
            // Other parameters are computed anew.
            try await client.execute(uri: "/api/v1/analytics/communities?seed=3&top=4", method: .get) { #expect($0.status == .ok) }
            let metrics = try await client.execute(uri: "/api/v1/metrics", method: .get) { String(buffer: $0.body) }
            #expect(metrics.contains(#"leadrouter_analytics_requests_total{algorithm="communities",cache="hit"} 1"#))
            #expect(metrics.contains(#"leadrouter_analytics_requests_total{algorithm="communities",cache="miss"} 2"#))
        }
    }

    @Test(arguments: [
        ("betweenness", "algorithm"), ("components?kind=strong", "kind"), ("reciprocity", "overall"), ("top-referrers", "topReceivers"),
        ("leakage", "unassignedAgents"), ("coverage-gaps?hops=0", "territoriesShort"), ("reach?agent=A1&hops=3&direction=both", "agentsPerHop"),
        ("reach", "meanReach"),
    ])
    func everyAlgorithmAnswers(path: String, key: String) async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/analytics/" + path, method: .get) { response throws in
                #expect(response.status == .ok, "\(path): \(String(buffer: response.body))")
                let object = try S.object(response.body)
                #expect(object.keys.contains(key), "\(path)")
                #expect(object["graphVersion"] is String)
                #expect(object["computedAt"] is String)
            }
        }
    }

    @Test func smallGraphsGetTheExactBetweennessAndLargeKTheSameResult() async throws {
        try await self.withApp { client in
            let report = try await client.execute(uri: "/api/v1/analytics/betweenness", method: .get) {
                try S.decode(BetweennessReport.self, $0.body)
            }
            #expect(report.exact)
            #expect(report.seed == nil)
            #expect(report.sampleSize == 14)
            let sampled = try await client.execute(uri: "/api/v1/analytics/betweenness?k=4&seed=9", method: .get) {
                try S.decode(BetweennessReport.self, $0.body)
            }
            #expect(!sampled.exact)
            #expect(sampled.sampleSize == 4)
            #expect(sampled.seed == 9)
        }
    }

    @Test func reachOfEveryAgentIsPagedWithOffsetAndTop() async throws {
        try await self.withApp { client in
            let all = try await client.execute(uri: "/api/v1/analytics/reach?top=14", method: .get) { response throws in
                #expect(response.status == .ok)
                return try S.decode(ReachAllReport.self, response.body)
            }
            #expect(all.agents == 14)
            #expect(all.top.count == 14)
            let page = try await client.execute(uri: "/api/v1/analytics/reach?offset=4&top=3", method: .get) {
                try S.decode(ReachAllReport.self, $0.body)
            }
            #expect(page.top == Array(all.top[4..<7]))
            #expect(page.top.map(\.rank) == [5, 6, 7])
        }
    }

    /// The dataset's `truth/agent_brokerage.csv` gives the groups (fixtures/metro has one, fixtures/tiny not).
    @Test func leakageByBrokerageReadsTheDatasetsAgentGroups() async throws {
        try await self.withApp(dataset: S.metroDataset) { client in
            let report = try await client.execute(uri: "/api/v1/analytics/leakage?by=brokerage&top=3", method: .get) { response throws in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                return try S.decode(LeakageReport.self, response.body)
            }
            #expect(report.by == "brokerage")
            #expect(report.groups > 1)
            #expect(report.top.count == 3)
            #expect(report.top.allSatisfy { $0.group.hasPrefix("B") })
        }
    }

    struct FixedClock: WallClock {
        var millis: Int64
        func nowMillis() -> Int64 { self.millis }
    }

    @Test func computedAtComesFromTheInjectedClock() async throws {
        let app = try await buildApplication(S.configuration(auth: false), logger: S.logger, clock: FixedClock(millis: 1_767_323_045_000))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/analytics/reciprocity", method: .get) { response throws in
                #expect(try S.object(response.body)["computedAt"] as? String == "2026-01-02T03:04:05.000Z")
            }
        }
    }

    @Test func unknownAlgorithmIs404Problem() async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/analytics/eigenvector", method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try S.decode(ProblemDetails.self, response.body)
                #expect(problem.status == 404)
                #expect(problem.detail?.contains("pagerank") == true)
            }
        }
    }

    @Test(arguments: [
        ("pagerank?damping=1.5", "damping"), ("pagerank?damping=nan", "damping"), ("pagerank?max-iterations=0", "max-iterations"),
        ("pagerank?top=1001", "top"), ("pagerank?top=x", "top"), ("betweenness?k=0", "k"), ("communities?seed=-1", "seed"),
        ("communities?resolution=0", "resolution"), ("components?kind=medium", "kind"), ("leakage?by=brokerage", "by"),
        ("coverage-gaps?demand-scale=0", "demand-scale"), ("coverage-gaps?hops=11", "hops"), ("reach?agent=", "agent"), ("reach?agent=NOPE", "agent"),
        ("reach?offset=-1", "offset"), ("top-referrers?offset=x", "offset"),
        ("reach?agent=A1&hops=0", "hops"), ("reach?agent=A1&direction=up", "direction"),
        ("pagerank?tolerance=0.0000000000000001&max-iterations=1", "max-iterations"),
    ])
    func invalidParameterIs422NamingIt(path: String, field: String) async throws {
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/analytics/" + path, method: .get) { response throws in
                #expect(response.status == .unprocessableContent, "\(path)")
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try S.decode(ProblemDetails.self, response.body)
                #expect(problem.status == 422)
                #expect(problem.field == field, "\(path): \(problem.detail ?? "")")
            }
        }
    }

    @Test func needsAnalyticsReadScope() async throws {
        let withoutScope = try await S.token(scopes: ["leads:read"])
        let withScope = try await S.token(scopes: ["analytics:read"])
        try await self.withApp(auth: true) { client in
            let uri = "/api/v1/analytics/reciprocity"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: uri, method: .get, headers: S.bearer(withoutScope)) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: uri, method: .get, headers: S.bearer(withScope)) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
