import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The same ``AnalysisQuery`` through `leadrouter analyze … --json` and `GET /api/v1/analytics/…` of `leadrouter
/// serve` (both the built binary, on fixtures/metro) gives the same report, apart from the service's `computedAt`.
/// The flags and the query string are both written from the query's ``AnalysisQuery/textParameters``, so this
/// also shows that every parameter has the same name on both sides.
@Suite("analyze --json equals GET /api/v1/analytics")
struct AnalyzeServeParityTests {
    static let queries: [AnalysisQuery] = [
        try! AnalysisQuery(.pagerank(damping: 0.85, tolerance: 1e-10, stop: .converged, maxIterations: 1000), top: 5),
        try! AnalysisQuery(.pagerank(damping: 0.85, tolerance: 1e-6, stop: .networkx, maxIterations: 100), top: 5),
        try! AnalysisQuery(.betweenness(k: nil, seed: 1)),
        try! AnalysisQuery(.betweenness(k: 16, seed: 3), top: 4, offset: 2),
        try! AnalysisQuery(.communities(resolution: 1, seed: 2)),
        try! AnalysisQuery(.components(kind: .strong)),
        try! AnalysisQuery(.reciprocity, offset: 3),
        try! AnalysisQuery(.topReferrers, top: 4, offset: 5),
        try! AnalysisQuery(.leakage(by: .community, resolution: 1, seed: 1)),
        try! AnalysisQuery(.leakage(by: .brokerage, resolution: 1, seed: 1), top: 20),
        try! AnalysisQuery(.coverageGaps(hops: 0, demandScale: 8)),
        try! AnalysisQuery(.reach(agent: "A0000007", hops: 3, direction: .both), top: 12),
        try! AnalysisQuery(.reach(agent: nil, hops: 2, direction: .out), top: 5, offset: 10),
    ]

    @Test func cliJSONAndHTTPGiveTheSameReport() async throws {
        let server = try await ServerProcess.start([
            "serve", "--dataset", "fixtures/metro", "--insecure-no-auth", "--port", "0", "--log-level", "notice", "--store", "sqlite::memory:",
        ])
        defer { server.stop() }
        // Every parameter spelt out, then every algorithm with none (so the defaults must agree too).
        let requests =
            Self.queries.map { ($0.algorithm, $0.textParameters.map { (name: $0.name.rawValue, value: $0.value) }) }
            + AnalysisAlgorithm.allCases.map { ($0, [(name: String, value: String)]()) }
        for (algorithm, parameters) in requests {
            let flags = parameters.flatMap { ["--\($0.name)", $0.value] }
            let cli = try CLIProcess.run(["analyze", algorithm.rawValue] + flags + ["--dataset", "fixtures/metro", "--json", "--quiet"])
            #expect(cli.status == 0, "\(algorithm) \(flags): \(cli.stderr)")
            let queryString = parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            let url = URL(string: "http://127.0.0.1:\(server.port)/api/v1/analytics/\(algorithm.rawValue)?\(queryString)")!
            let (data, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(url): \(String(decoding: data, as: UTF8.self))")
            var http = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(http.removeValue(forKey: "computedAt") is String)
            let fromCLI = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8))
            #expect(try Self.canonical(fromCLI) == Self.canonical(http), "\(algorithm) \(flags)")
        }
    }
}

extension AnalyzeServeParityTests {
    /// Compact JSON with sorted keys: equal for equal values whatever the spacing and member order.
    static func canonical(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
