import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

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
        let temporary = try TemporaryDirectory.make(prefix: "leadrouter-cli")
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
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
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
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["agents", "territories", "coverage", "adjacency", "referrals", "leads"] {
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("fixtures/tiny/\(file).csv"),
                to: directory.appendingPathComponent("\(file).csv")
            )
        }
        try "agent_id,territory_id,weight\nA1,T1,1.5\n".write(to: directory.appendingPathComponent("coverage.csv"), atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["demo", "--dataset", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("coverage.csv:2:3 (weight)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// `demo --data-dir`: the lead records go to DIR/leads.sqlite (the directory is created); a second run on the
    /// same directory keeps every first decision and says how many leads were already recorded.
    @Test func demoKeepsItsLeadRecordsInTheDataDirectory() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDir = directory.appendingPathComponent("records/nested").path
        let arguments = ["demo", "--dataset", "fixtures/tiny", "--data-dir", dataDir, "--json", "--examples", "0"]
        let first = try CLIProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONDecoder().decode(DemoReport.self, from: Data(first.stdout.utf8))
        #expect(report.leadStore == "sqlite:\(dataDir)/leads.sqlite")
        #expect(report.leadStoreKept)
        #expect(FileManager.default.fileExists(atPath: dataDir + "/leads.sqlite"))
        #expect(report.alreadyRecorded == 0)
        #expect(report.summary.leads == 9)

        let second = try CLIProcess.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let again = try JSONDecoder().decode(DemoReport.self, from: Data(second.stdout.utf8))
        #expect(again.alreadyRecorded == 9)
        #expect(again.summary.assignmentsByAgent == report.summary.assignmentsByAgent)
        // The text output says so too.
        let text = try CLIProcess.run(["demo", "--dataset", "fixtures/tiny", "--data-dir", dataDir])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("9 leads were already recorded there and kept their first decision"), "\(text.stdout)")
    }

    @Test func demoWithAnUnusableDataDirectoryFailsAndSaysWhy() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a-file")
        try "not a directory".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["demo", "--dataset", "fixtures/tiny", "--data-dir", file.path + "/records"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot create the data directory"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// `bench store` against an in-memory SQLite store and a SQLite file path: every lead committed, in a scratch store.
    @Test(arguments: ["memory", "file"])
    func benchStoreCommitsEveryLead(store kind: String) throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = kind == "memory" ? "sqlite::memory:" : "sqlite:\(directory.path)/bench.sqlite"
        let result = try CLIProcess.run([
            "bench", "store", "--store", store, "--dataset", "fixtures/tiny", "--leads", "60", "--concurrency", "3", "--capacity", "100",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(BenchStoreReport.self, from: Data(result.stdout.utf8))
        #expect(report.store == store)
        #expect(report.leads == 60)
        #expect(report.concurrency == 3)
        #expect(report.decisionsPerSecond > 0)
        #expect(report.p50CommitMs <= report.p99CommitMs && report.p99CommitMs <= report.maxCommitMs)
        #expect(report.scratch == (kind == "memory" ? "SQLite in memory" : "a temporary SQLite file"))
        // The bench ran in a scratch store: the given path was never created (a populated store is compared byte for
        // byte in StoreSafetyCommandTests).
        #expect(!FileManager.default.fileExists(atPath: "\(directory.path)/bench.sqlite"))
    }

    @Test func benchStoreWithABadStoreURLChangesNothing() throws {
        let result = try CLIProcess.run(["bench", "store", "--store", "mysql://localhost/leads", "--dataset", "fixtures/tiny"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("mysql"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
