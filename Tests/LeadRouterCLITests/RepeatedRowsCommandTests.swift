import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

/// A dataset as real exports write it (adjacency in both directions, a duplicate row, gzip-compressed files) routes
/// like the clean one, and the command says what it merged.
@Suite struct RepeatedRowsCommandTests {
    @Test func aRealWorldShapedCopyOfTheTinyFixtureRoutesTheSame() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-repeats")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["agents.csv", "territories.csv", "coverage.csv", "adjacency.csv", "referrals.csv", "leads.csv"] {
            try FileManager.default.copyItem(atPath: RepositoryPaths.tinyFixture + "/" + name, toPath: directory.path + "/" + name)
        }
        // Every adjacency pair again in the other direction (one without its distance), one coverage row twice.
        let adjacency = directory.appendingPathComponent("adjacency.csv")
        try (String(contentsOf: adjacency, encoding: .utf8) + "T2,T1,1.5\nT3,T1,\nT4,T2,5.004\n").write(
            to: adjacency,
            atomically: true,
            encoding: .utf8
        )
        let coverage = directory.appendingPathComponent("coverage.csv")
        try (String(contentsOf: coverage, encoding: .utf8) + "A1,T1,1.0\n").write(to: coverage, atomically: true, encoding: .utf8)
        for name in ["referrals.csv", "coverage.csv"] {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gzip.arguments = ["gzip", directory.path + "/" + name]
            try gzip.run()
            gzip.waitUntilExit()
            #expect(gzip.terminationStatus == 0)
        }
        let lead = #"{"id":"L11","territoryId":"T7","kind":"buy","sourceAgentId":"A12"}"#
        let clean = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--lead", "-", "--json"], stdin: lead)
        let repeated = try CLIProcess.run(["route", "--dataset", directory.path, "--lead", "-", "--json"], stdin: lead)
        #expect(repeated.status == 0, "\(repeated.stderr)")
        #expect(
            repeated.stderr.contains("merged 4 repeated rows: coverage.csv 1, adjacency.csv 3 (3 listed in both directions)"),
            "\(repeated.stderr)"
        )
        let a = try JSONDecoder().decode(RoutingDecision.self, from: Data(clean.stdout.utf8))
        let b = try JSONDecoder().decode(RoutingDecision.self, from: Data(repeated.stdout.utf8))
        #expect(a.agentId == b.agentId && a.score == b.score && a.candidates.map(\.paths) == b.candidates.map(\.paths))
        #expect(clean.stderr.isEmpty)

        // A contradiction names both lines, and nothing routes.
        try (String(contentsOf: adjacency, encoding: .utf8) + "T1,T2,9\n").write(to: adjacency, atomically: true, encoding: .utf8)
        let contradicted = try CLIProcess.run(["route", "--dataset", directory.path, "--lead", "-", "--json"], stdin: lead)
        #expect(contradicted.status != 0)
        #expect(contradicted.stderr.contains("adjacency.csv:8:3 (distance_km): contradicts adjacency.csv:2:"), "\(contradicted.stderr)")
        #expect(contradicted.stdout.isEmpty)
    }
}
