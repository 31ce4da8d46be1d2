import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#endif

/// The same ``AnalysisQuery`` through `leadrouter analyze … --json` and `GET /api/v1/analytics/…` of `leadrouter
/// serve` (both the built binary, on fixtures/metro) gives the same report, apart from the service's `computedAt`.
/// The flags and the query string are both written from the query's ``AnalysisQuery/textParameters``, so this
/// also shows that every parameter has the same name on both sides.
@Suite("analyze --json equals GET /api/v1/analytics")
struct AnalyzeServeParityTests {
    static let queries: [AnalysisQuery] = [
        try! AnalysisQuery(.pagerank(damping: 0.85, tolerance: 1e-6, maxIterations: 100), top: 5),
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
        let server = try await ServedBinary.start(dataset: "fixtures/metro")
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

/// `leadrouter serve` on a free port without authentication or a lead store file, stopped with SIGTERM.
struct ServedBinary {
    let process: Process
    let port: Int

    static func start(dataset: String) async throws -> ServedBinary {
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = [
            "serve", "--dataset", dataset, "--insecure-no-auth", "--port", "0", "--log-level", "notice", "--store", "sqlite::memory:",
        ]
        process.currentDirectoryURL = CLIProcess.repositoryRoot
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The `listening` log line carries the bound address: …127.0.0.1:PORT"
        var log = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            log += String(decoding: chunk, as: UTF8.self)
            for line in log.split(separator: "\n") where line.contains("\"msg\":\"listening\"") {
                if let range = line.range(of: #":(\d+)""#, options: .regularExpression), let port = Int(line[range].dropFirst().dropLast()) {
                    return ServedBinary(process: process, port: port)
                }
            }
        }
        if process.isRunning { process.terminate() }
        throw ServeFailed(log: log)
    }

    func stop() {
        guard self.process.isRunning else { return }
        kill(self.process.processIdentifier, SIGTERM)
        self.process.waitUntilExit()
    }

    struct ServeFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "no listening line from leadrouter serve in: \(self.log)" }
    }
}
