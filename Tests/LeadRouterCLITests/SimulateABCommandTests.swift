import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingStores
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

/// `simulate --ab`: the flags parsed in process, misuse refused naming the flag, and an A/B test on the bundled
/// metro dataset in which a clearly worse policy loses.
@Suite struct SimulateABCommandTests {
    static func command(_ arguments: [String]) throws -> SimulateCommand {
        try #require(try LeadRouterCommand.parseAsRoot(["simulate"] + arguments) as? SimulateCommand)
    }

    /// A policy file that ranks by headroom alone: spreads leads by free capacity, blind to who converts.
    static func headroomOnlyPolicy(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("headroom-only.json").path
        let json = """
            {"version": "headroom-only", "weights": {"coverage": 0, "referral": 0, "performance": 0, "headroom": 1, \
            "fairness": 0, "responsiveness": 0, "distance": 0}}
            """
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func parsesTheABFlagsIntoOneSplitArm() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-simulate-ab")
        defer { try? FileManager.default.removeItem(at: directory) }
        let worse = try Self.headroomOnlyPolicy(in: directory)
        let command = try Self.command(["--ab", "--policy", "builtin", "--policy", worse, "--split", "30", "--batch-minutes", "15"])
        #expect(command.ab && command.split == 30)
        #expect(command.simulationConfiguration.batchMinutes == 15)
        let arms = try command.arms()
        #expect(arms.count == 1)
        guard case .abTest(let test) = try #require(arms.first).kind else {
            Issue.record("not an A/B arm")
            return
        }
        #expect(test.arms.map(\.name) == ["default-2", "headroom-only"])
        #expect(test.split.shares == [0.3, 0.7])
        let equal = try Self.command(["--ab", "--policy", "builtin", "--policy", worse, "--policy", "builtin"]).arms()
        guard case .abTest(let three) = try #require(equal.first).kind else {
            Issue.record("not an A/B arm")
            return
        }
        #expect(three.arms.map(\.name) == ["default-2", "headroom-only", "builtin"])
        #expect(three.split.weights == [1, 1, 1])
    }

    @Test func refusesABMisuseNamingTheFlag() {
        for (arguments, flag) in [
            (["--ab"], "--ab"), (["--ab", "--policy", "builtin"], "--ab"),
            (["--ab", "--policy", "builtin", "--policy", "b.json", "--baseline", "oracle"], "--baseline"),
            (["--policy", "builtin", "--policy", "b.json", "--split", "40"], "--split"),
            (["--ab", "--policy", "builtin", "--policy", "b.json", "--split", "0"], "--split"),
            (["--ab", "--policy", "builtin", "--policy", "b.json", "--split", "100"], "--split"),
            (["--batch-minutes", "0"], "--batch-minutes"),
            (["--response-drift", "-1"], "--response-drift"), (["--response-drift", "2.5"], "--response-drift"),
        ] {
            do {
                _ = try LeadRouterCommand.parseAsRoot(["simulate"] + arguments)
                Issue.record("\(arguments) was accepted")
            } catch {
                #expect(LeadRouterCommand.message(for: error).contains(flag), "\(LeadRouterCommand.message(for: error))")
            }
        }
    }

    /// `--response-drift` moves the truth's response times away from the dataset's figures; without it they are the
    /// dataset's.
    @Test func responseDriftReachesTheTruth() throws {
        let plain = try Self.command(["--days", "1", "--quiet"]).loadSimulation().simulation
        let drifted = try Self.command(["--days", "1", "--quiet", "--response-drift", "0.6"]).loadSimulation().simulation
        let stated = (0..<Int32(plain.projection.agentCount)).compactMap { agent in
            plain.projection.agentSummary(at: agent).responseMinutes.map { (agent, $0) }
        }
        #expect(!stated.isEmpty)
        // Without drift the truth is the dataset's figure (at least a minute).
        for (agent, minutes) in stated {
            #expect(abs(plain.truth.meanResponseMinutes(agent: agent) - max(1, minutes)) < 1e-3, "agent \(agent)")
        }
        let moved = stated.filter { abs(drifted.truth.meanResponseMinutes(agent: $0.0) - plain.truth.meanResponseMinutes(agent: $0.0)) > 1e-3 }
        #expect(moved.count > stated.count * 9 / 10, "only \(moved.count) of \(stated.count) moved")
    }

    @Test func headroomOnlyLosesToTheDefaultOnMetro() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-simulate-ab")
        defer { try? FileManager.default.removeItem(at: directory) }
        let worse = try Self.headroomOnlyPolicy(in: directory)
        let command = try Self.command([
            "--ab", "--policy", "builtin", "--policy", worse, "--days", "12", "--leads-per-day", "60", "--replications", "3", "--quiet",
        ])
        let report = try await command.loadSimulation().simulation.runInMemory(try command.arms())
        let test = try #require(report.abTest)
        let difference = try #require(test.differences.first)
        #expect(difference.name == "headroom-only")
        // Expected conversions carry no close-out luck: the worse policy's whole interval is below the default's.
        #expect(difference.expectedConversionPoints.high < 0, "\(difference.expectedConversionPoints)")
        #expect(difference.conversionPoints.mean < 0, "\(difference.conversionPoints)")
        let text = SimulationText.abTable(report, test)
        for column in ["policy", "share %", "conversion %", "expected conv. %", "Difference from default-2", "headroom-only"] {
            #expect(text.contains(column))
        }
        let json = try JSONOutput.string(report, pretty: true)
        for key in ["\"abTest\"", "\"differences\"", "\"conversionPoints\"", "\"conversionPercent\"", "\"arms\""] {
            #expect(json.contains(key), "\(key)")
        }
    }
}
