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

    @Test func pngWithoutGraphvizFailsBeforeWritingAnything() throws {
        let dir = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        let files = ["c.png", "c.dot", "report.json"].map { dir.appendingPathComponent($0).path }
        let result = try CLIProcess.run(
            ["analyze", "communities", "--png", files[0], "--dot", files[1], "--json", "--out", files[2], "--quiet"],
            environment: ["PATH": "/nonexistent"]
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("Graphviz") && result.stderr.contains("nothing was written"))
        #expect(result.stdout.isEmpty)
        for file in files { #expect(!FileManager.default.fileExists(atPath: file), "\(file)") }
    }

    @Test func pictureIntoAMissingDirectoryFailsBeforeWritingAnything() throws {
        let dir = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        let json = dir.appendingPathComponent("report.json").path
        let result = try CLIProcess.run(
            ["analyze", "pagerank", "--svg", dir.appendingPathComponent("no/such/pr.svg").path, "--json", "--out", json, "--quiet"]
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("--svg") && result.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: json))
    }

    @Test func jsonSurvivesAPictureThatFails() throws {
        // A `dot` that is found but fails while rendering: the check passes, the picture fails after the report.
        let dir = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        let fakeDot = dir.appendingPathComponent("dot")
        try Data("#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n".utf8).write(to: fakeDot)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeDot.path)
        let png = dir.appendingPathComponent("c.png").path
        let result = try CLIProcess.run(
            ["analyze", "communities", "--dataset", "fixtures/tiny", "--png", png, "--json", "--quiet"],
            environment: ["PATH": dir.path]
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("--png") && result.stderr.contains("syntax error"))
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["algorithm"] as? String == "communities")
        #expect(!FileManager.default.fileExists(atPath: png))
    }

    @Test func communitiesAreCalledTheSameInTextCSVAndJSON() throws {
        let text = try CLIProcess.run(["analyze", "communities", "--quiet"])
        let csv = try CLIProcess.run(["analyze", "communities", "--csv", "--quiet"])
        let json = try CLIProcess.run(["analyze", "communities", "--json", "--quiet"])
        let leakage = try CLIProcess.run(["analyze", "leakage", "--quiet"])
        #expect(text.stdout.contains("\nC0 "))
        #expect(csv.stdout.contains(",C0\n") && !csv.stdout.contains(",0\n"))
        let top = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["top"] as? [[String: Any]]
        #expect(top?.first?["community"] as? String == "C0")
        #expect(leakage.stdout.contains("\nC0 "))
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
