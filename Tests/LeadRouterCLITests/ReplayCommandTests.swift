import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

/// `replay`: parsing in process; the built binary on leads committed by `route --store`, reading the store only.
@Suite struct ReplayCommandTests {
    @Test func parsesItsOptions() throws {
        let parsed = try LeadRouterCommand.parseAsRoot([
            "replay", "--dataset", "d", "--store", "sqlite:x.db", "--policy", "b.json", "--since", "2026-01-01", "--limit", "10", "--json",
        ])
        let command = try #require(parsed as? ReplayCommand)
        #expect(command.graph.policy == "b.json" && command.graph.dataset == "d")
        #expect(command.since == "2026-01-01" && command.limit == 10 && command.json)
        do {
            _ = try LeadRouterCommand.parseAsRoot(["replay", "--store", "sqlite:x.db", "--limit", "0"])
            Issue.record("--limit 0 was accepted")
        } catch {
            #expect(LeadRouterCommand.message(for: error).contains("--limit"))
        }
    }

    @Test func replaysCommittedLeadsUnderAnotherPolicyWithoutWriting() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-replay")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = "sqlite:" + directory.appendingPathComponent("leads.sqlite").path
        let tiny = RepositoryPaths.tinyFixture
        let routed = try CLIProcess.run(["route", "--dataset", tiny, "--leads", tiny + "/leads.csv", "--store", store, "--json"])
        #expect(routed.status == 0, "\(routed.stderr)")
        let policy = RepositoryPaths.tinyPolicy("coverage-only")
        let before = try Data(contentsOf: directory.appendingPathComponent("leads.sqlite"))

        let same = try CLIProcess.run(["replay", "--dataset", tiny, "--store", store, "--json", "--quiet"])
        #expect(same.status == 0, "\(same.stderr)")
        let sameReport = try JSONDecoder().decode(ShadowReplayReport.self, from: Data(same.stdout.utf8))
        #expect(sameReport.replayed > 0 && sameReport.agreed == sameReport.replayed, "\(same.stdout)")

        let other = try CLIProcess.run(["replay", "--dataset", tiny, "--store", store, "--policy", policy, "--quiet"])
        #expect(other.status == 0, "\(other.stderr)")
        for line in ["agreement:", "load Gini over agents", "predicted conversions (prediction from the current conversion estimates"] {
            #expect(other.stdout.contains(line), "\(other.stdout)")
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("leads.sqlite")) == before, "replay wrote to the store")

        let badSince = try CLIProcess.run(["replay", "--dataset", tiny, "--store", store, "--since", "yesterday"])
        let listed = try CLIProcess.run(["lead", "list", "--store", store, "--since", "yesterday"])
        #expect(badSince.status != 0 && listed.status != 0)
        #expect(badSince.stderr == listed.stderr, "the same mistake, the same message")
    }
}
