import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

/// `simulate`: parsing in process, bad settings refused by name, and the built binary on a small generated dataset.
@Suite struct SimulateCommandTests {
    @Test func parsesPoliciesBaselinesAndOutputs() throws {
        let parsed = try LeadRouterCommand.parseAsRoot([
            "simulate", "--dataset", "d", "--truth", "d/truth", "--policy", "a.json", "--policy", "b.json", "--baseline", "round-robin",
            "--baseline", "oracle", "--days", "10", "--seed", "4", "--replications", "3", "--leads-per-day", "50", "--json", "--svg", "c.svg",
        ])
        let command = try #require(parsed as? SimulateCommand)
        #expect(command.policy == ["a.json", "b.json"])
        #expect(command.baseline == [.roundRobin, .oracle])
        #expect(command.simulationConfiguration == SimulationConfiguration(days: 10, leadsPerDay: 50, seed: 4, replications: 3))
        #expect(command.json && command.svg == "c.svg")
    }

    @Test func defaultsToTheBuiltInPolicyAndEveryBaseline() throws {
        let command = try #require(try LeadRouterCommand.parseAsRoot(["simulate"]) as? SimulateCommand)
        #expect(try command.arms().map(\.name) == ["default-2"] + SimulationBaseline.allCases.map(\.rawValue))
    }

    @Test func refusesBadSettingsNamingTheFlag() {
        for (arguments, flag) in [
            (["simulate", "--replications", "0"], "--replications"), (["simulate", "--days", "0"], "--days"),
            (["simulate", "--baseline", "best"], "--baseline"), (["simulate", "--offer-sla", "-1"], "--offer-sla"),
        ] {
            do {
                _ = try LeadRouterCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) was accepted")
            } catch {
                #expect(LeadRouterCommand.message(for: error).contains(flag), "\(LeadRouterCommand.message(for: error))")
            }
        }
    }

    @Test func simulatesAGeneratedDatasetEndToEnd() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-simulate")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = directory.appendingPathComponent("world").path
        let generated = try CLIProcess.run([
            "generate", "--out", dataset, "--agents", "40", "--territories", "8", "--referrals", "150", "--leads", "100", "--seed", "3",
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let svg = directory.appendingPathComponent("conversions.svg").path
        let result = try CLIProcess.run([
            "simulate", "--dataset", dataset, "--days", "5", "--replications", "2", "--baseline", "round-robin", "--baseline", "oracle",
            "--svg", svg, "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for column in ["policy", "conversions", "% of oracle", "load Gini", "starved", "SLA breaches", "first contact min"] {
            #expect(result.stdout.contains(column))
        }
        for arm in ["default-2", "round-robin", "oracle"] { #expect(result.stdout.contains(arm)) }
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg") && picture.contains("polyline"))
        let missing = try CLIProcess.run(["simulate", "--dataset", dataset, "--truth", directory.path, "--quiet"])
        #expect(missing.status != 0 && missing.stderr.contains("model.json"))
    }
}
