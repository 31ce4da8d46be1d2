import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

/// `rebalance plan` and `bench rebalance`: parsing in process, and the built binary on a temporary SQLite store.
@Suite struct RebalanceCommandTests {
    @Test func planParsesItsOptions() throws {
        let parsed = try LeadRouterCommand.parseAsRoot([
            "rebalance", "plan", "--store", "sqlite::memory:", "--scope", "open", "--out", "p.json", "--export-dimacs", "p.dimacs",
            "--svg", "p.svg", "--json",
        ])
        let command = try #require(parsed as? RebalancePlanCommand)
        #expect(command.scope == .open)
        #expect(command.out == "p.json")
        #expect(command.exportDimacs == "p.dimacs")
        #expect(command.svg == "p.svg")
        #expect(command.json)
        #expect(command.offerSLAMinutes == 60)
    }

    @Test func planRejectsAnUnknownScopeAndAMissingOut() {
        for arguments in [
            ["rebalance", "plan", "--store", "sqlite::memory:", "--scope", "all", "--out", "p.json"],
            ["rebalance", "plan", "--store", "sqlite::memory:"],
        ] {
            #expect(throws: (any Error).self) { _ = try LeadRouterCommand.parseAsRoot(arguments) }
        }
    }

    @Test func benchRebalanceExportsTheInstanceItSolved() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-rebalance")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dimacs = directory.appendingPathComponent("instance.dimacs").path
        let result = try CLIProcess.run([
            "bench", "rebalance", "--leads", "40", "--agents", "8", "--candidates", "3", "--score-levels", "5", "--export-dimacs", dimacs,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(BenchRebalanceResult.self, from: Data(result.stdout.utf8))
        #expect(report.leads == 40)
        #expect(report.placed + report.unplaced == 40)
        let text = try String(contentsOfFile: dimacs, encoding: .utf8)
        #expect(text.contains("p min \(report.nodes) \(report.arcs)\n"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("a ") }.count == report.arcs)
    }

    /// Routes the tiny fixture's leads into a store, then plans with every open offer movable.
    @Test func planOverAStoreWritesThePlanAndItsInstance() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-rebalance")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:" + directory.appendingPathComponent("leads.sqlite").path
        let graph = ["--store", url, "--dataset", RepositoryPaths.tinyFixture]
        for (id, territory) in [("R1", "T1"), ("R2", "T1"), ("R3", "T2"), ("R4", "T5")] {
            let routed = try CLIProcess.run(["route", "--lead", "-", "--json"] + graph, stdin: #"{"id":"\#(id)","territoryId":"\#(territory)"}"#)
            #expect(routed.status == 0, "\(routed.stderr)")
        }
        let planPath = directory.appendingPathComponent("plan.json").path
        let dimacsPath = directory.appendingPathComponent("plan.dimacs").path
        let svgPath = directory.appendingPathComponent("plan.svg").path
        let result = try CLIProcess.run(
            ["rebalance", "plan", "--scope", "open", "--out", planPath, "--export-dimacs", dimacsPath, "--svg", svgPath, "--json"] + graph
        )
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try JSONDecoder().decode(RebalancePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
        #expect(plan.scope == .open)
        // R4's territory T5 has nobody: unroutable, and it stays unplaced.
        #expect(plan.unplaced == ["R4"])
        #expect(plan.summary.before.unassigned == 1)
        #expect(plan.summary.after.unassigned == 1)
        #expect(plan.moves.allSatisfy { $0.fromAgentId != $0.toAgentId && $0.fromAgentId != nil })
        let dimacs = try String(contentsOfFile: dimacsPath, encoding: .utf8)
        #expect(dimacs.contains("c leadrouter rebalance plan \(plan.planId)\n"))
        #expect(try String(contentsOfFile: svgPath, encoding: .utf8).hasPrefix("<svg"))
        let line = try JSONDecoder().decode(RebalancePlanSummaryLine.self, from: Data(result.stdout.utf8))
        #expect(line.planId == plan.planId)
        #expect(line.objective == plan.objective)
    }
}
