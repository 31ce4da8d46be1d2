import Foundation
import LeadRoutingTestSupport
import Testing

/// `leadrouter analyze …` and `bench analyze` end to end on the bundled fixtures.
@Suite("analyze command")
struct AnalyzeCommandTests {
    static let algorithms = [
        "pagerank", "betweenness", "communities", "components", "reciprocity", "reach", "top-referrers", "leakage", "coverage-gaps",
    ]

    @Test(arguments: algorithms)
    func everyAlgorithmPrintsTextJSONAndCSV(_ algorithm: String) throws {
        let text = try CLIProcess.run(["analyze", algorithm, "--dataset", "fixtures/tiny", "--quiet"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.isEmpty)
        let json = try CLIProcess.run(["analyze", algorithm, "--dataset", "fixtures/tiny", "--json", "--quiet"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["algorithm"] as? String == algorithm)
        let csv = try CLIProcess.run(["analyze", algorithm, "--dataset", "fixtures/tiny", "--csv", "--quiet"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(
            lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == lines[0].split(separator: ",").count }
        )
    }

    @Test func pageRankCSVHasOneLinePerAgentAndSumsToOne() throws {
        let dir = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        let out = dir.appendingPathComponent("pr.csv").path
        let result = try CLIProcess.run(["analyze", "pagerank", "--dataset", "fixtures/tiny", "--csv", "--out", out, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "id,score")
        #expect(lines.count == 15)
        let sum = lines.dropFirst().compactMap { Double($0.split(separator: ",")[1]) }.reduce(0, +)
        #expect(abs(sum - 1) < 1e-9)
    }

    @Test func picturesAreWritten() throws {
        let dir = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        let svg = dir.appendingPathComponent("gaps.svg").path
        let bars = dir.appendingPathComponent("pr.svg").path
        let dot = dir.appendingPathComponent("c.dot").path
        #expect(try CLIProcess.run(["analyze", "coverage-gaps", "--svg", svg, "--quiet"]).status == 0)
        #expect(try CLIProcess.run(["analyze", "pagerank", "--svg", bars, "--quiet"]).status == 0)
        #expect(try CLIProcess.run(["analyze", "communities", "--dot", dot, "--quiet"]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("Shortfall"))
        #expect(try String(contentsOfFile: bars, encoding: .utf8).hasPrefix("<svg"))
        #expect(try String(contentsOfFile: dot, encoding: .utf8).hasPrefix("graph communities"))
    }

    @Test func pngWithoutGraphvizSaysSo() throws {
        let dir = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        let result = try CLIProcess.run(
            ["analyze", "communities", "--png", dir.appendingPathComponent("c.png").path, "--quiet"],
            environment: ["PATH": "/nonexistent"]
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("Graphviz"))
    }

    @Test func unknownAgentIsAnError() throws {
        let result = try CLIProcess.run(["analyze", "reach", "--dataset", "fixtures/tiny", "--agent", "NOPE"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("NOPE"))
    }

    @Test func benchAnalyzePrintsSecondsPerAlgorithm() throws {
        let result = try CLIProcess.run(["bench", "analyze", "--dataset", "fixtures/tiny", "--k", "4", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let seconds = object?["seconds"] as? [String: Double]
        #expect(seconds?["pagerank"] != nil && seconds?["louvain"] != nil && seconds?["strongComponents"] != nil)
    }
}
