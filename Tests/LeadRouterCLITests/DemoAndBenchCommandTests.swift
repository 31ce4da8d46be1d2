import Foundation
import LeadRoutingCore
import Testing

@Suite struct DemoAndBenchCommandTests {
    @Test func demoRunsOnTheBundledDatasetWithNoArguments() throws {
        let result = try CLIProcess.run(["demo"])
        #expect(result.status == 0, "\(result.stderr)")
        for heading in ["Outcome", "Load across agents", "Top exclusion reasons", "Example explanations"] {
            #expect(result.stdout.contains(heading))
        }
        #expect(result.stdout.contains("fixtures/metro"))
        // Three example explanations by default.
        #expect(result.stdout.contains("\n3. lead "))
    }

    /// Without `--data-dir` the demo's temporary lead store is removed when it ends.
    @Test func demoLeavesNoTemporaryFilesBehind() throws {
        let temporary = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let result = try CLIProcess.run(["demo", "--json"], environment: ["TMPDIR": temporary.path])
        #expect(result.status == 0, "\(result.stderr)")
        struct Report: Decodable {
            var leadStore: String
            var leadStoreKept: Bool
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.leadStore.hasPrefix("sqlite:" + temporary.path), "the store was made under TMPDIR: \(report.leadStore)")
        #expect(!report.leadStoreKept)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
    }

    @Test func demoJSONAccountsForEveryLead() throws {
        let result = try CLIProcess.run(["demo", "--json", "--examples", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        struct Report: Decodable {
            var summary: BatchSummary
            var examples: [RoutingDecision]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.summary.leads == 1000)
        #expect(report.summary.routed + report.summary.unroutable == report.summary.leads)
        #expect(report.summary.assignmentsByAgent.values.reduce(0, +) == report.summary.routed)
        #expect(report.examples.count == 5)
        #expect(Set(report.examples.map(\.leadId)).count == 5)
    }

    @Test func generatedDatasetRoutesAndBenchmarks() throws {
        let directory = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = directory.appendingPathComponent("gen").path
        let generated = try CLIProcess.run([
            "generate", "--agents", "300", "--territories", "40", "--referrals", "1500", "--leads", "400", "--seed", "9",
            "--out", dataset, "--json", "--quiet",
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let bench = try CLIProcess.run(["bench", "route", "--dataset", dataset, "--leads", "800", "--warmup", "10"])
        #expect(bench.status == 0, "\(bench.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as? [String: Any])
        #expect(figures["agents"] as? Int == 300)
        #expect(figures["referrals"] as? Int == 1500)
        #expect((figures["projectionBytes"] as? Int ?? 0) > 0)
        let routing = try #require(figures["routing"] as? [String: Any])
        #expect(routing["decisions"] as? Int == 800)
        #expect((routing["p99Microseconds"] as? Double ?? -1) >= (routing["p50Microseconds"] as? Double ?? 0))
    }

    @Test func demoOnAMalformedDatasetNamesFileAndLine() throws {
        let directory = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["agents", "territories", "coverage", "adjacency", "referrals", "leads"] {
            try FileManager.default.copyItem(
                at: CLIProcess.repositoryRoot.appendingPathComponent("fixtures/tiny/\(file).csv"),
                to: directory.appendingPathComponent("\(file).csv")
            )
        }
        try "agent_id,territory_id,weight\nA1,T1,1.5\n".write(to: directory.appendingPathComponent("coverage.csv"), atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["demo", "--dataset", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("coverage.csv:2:3 (weight)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
