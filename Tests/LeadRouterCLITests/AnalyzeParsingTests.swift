import ArgumentParser
import LeadRoutingAnalysis
import LeadRoutingCore
import Testing

@testable import LeadRouterCLI

/// `analyze` flags map to the core's ``AnalysisQuery`` (parsed in process, as swift-argument-parser's tests do):
/// the flags' defaults are the query's, and an invalid value is a usage error naming the flag.
@Suite("analyze flags → AnalysisQuery")
struct AnalyzeParsingTests {
    static func command<C: AnalyzeSubcommand>(_ type: C.Type, _ arguments: [String]) throws -> C {
        let parsed = try LeadRouterCommand.parseAsRoot(["analyze"] + arguments)
        return try #require(parsed as? C, "parsed \(Swift.type(of: parsed))")
    }

    @Test func defaultsAreTheQueryDefaults() throws {
        let cases: [(any AnalyzeSubcommand.Type, String)] = [
            (AnalyzePageRankCommand.self, "pagerank"), (AnalyzeBetweennessCommand.self, "betweenness"),
            (AnalyzeCommunitiesCommand.self, "communities"), (AnalyzeComponentsCommand.self, "components"),
            (AnalyzeReciprocityCommand.self, "reciprocity"), (AnalyzeTopReferrersCommand.self, "top-referrers"),
            (AnalyzeLeakageCommand.self, "leakage"), (AnalyzeCoverageGapsCommand.self, "coverage-gaps"), (AnalyzeReachCommand.self, "reach"),
        ]
        for (type, name) in cases {
            let command = try #require(try LeadRouterCommand.parseAsRoot(["analyze", name]) as? any AnalyzeSubcommand)
            #expect(Swift.type(of: command) == type)
            let algorithm = try #require(AnalysisAlgorithm(rawValue: name))
            #expect(try command.options.query(command.parameters) == (try AnalysisQuery(algorithm: algorithm, text: [:])), "\(name)")
        }
    }

    @Test func flagsBecomeQueryParameters() throws {
        let pagerank = try Self.command(AnalyzePageRankCommand.self, ["pagerank", "--damping", "0.9", "--max-iterations", "50", "--top", "3"])
        #expect(
            try pagerank.options.query(pagerank.parameters)
                == (try AnalysisQuery(.pagerank(damping: 0.9, tolerance: 1e-10, stop: .converged, maxIterations: 50), top: 3))
        )
        let networkx = try Self.command(AnalyzePageRankCommand.self, ["pagerank", "--stop", "networkx"])
        #expect(
            try networkx.options.query(networkx.parameters)
                == (try AnalysisQuery(.pagerank(damping: 0.85, tolerance: 1e-6, stop: .networkx, maxIterations: 1000)))
        )
        let tolerance = try Self.command(AnalyzePageRankCommand.self, ["pagerank", "--stop", "networkx", "--tolerance", "1e-10"])
        #expect(
            try tolerance.options.query(tolerance.parameters)
                == (try AnalysisQuery(algorithm: .pagerank, text: ["stop": "networkx", "tolerance": "1e-10"]))
        )
        let reach = try Self.command(AnalyzeReachCommand.self, ["reach", "--hops", "3", "--direction", "in", "--offset", "5"])
        #expect(try reach.options.query(reach.parameters) == (try AnalysisQuery(.reach(agent: nil, hops: 3, direction: .in), offset: 5)))
        let leakage = try Self.command(AnalyzeLeakageCommand.self, ["leakage", "--by", "brokerage", "--groups", "g.csv"])
        #expect(leakage.parameters == .leakage(by: .brokerage, resolution: 1, seed: 1))
        #expect(leakage.groups == "g.csv")
    }

    @Test(arguments: [
        (["pagerank", "--damping", "2"], "--damping"), (["pagerank", "--tolerance", "0"], "--tolerance"),
        (["pagerank", "--stop", "exact"], "--stop"),
        (["pagerank", "--max-iterations", "0"], "--max-iterations"), (["betweenness", "--k", "0"], "--k"),
        (["betweenness", "--seed", "9007199254740992"], "--seed"), (["communities", "--resolution", "0"], "--resolution"),
        (["coverage-gaps", "--hops", "11"], "--hops"), (["coverage-gaps", "--demand-scale", "0"], "--demand-scale"),
        (["reach", "--hops", "0"], "--hops"), (["reach", "--agent", ""], "--agent"), (["top-referrers", "--top", "1001"], "--top"),
        (["reciprocity", "--offset", "-1"], "--offset"), (["components", "--kind", "medium"], "--kind"), (["leakage", "--by", "office"], "--by"),
    ])
    func anInvalidValueIsAUsageErrorNamingTheFlag(arguments: [String], flag: String) {
        do {
            _ = try LeadRouterCommand.parseAsRoot(["analyze"] + arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            let message = LeadRouterCommand.message(for: error)
            #expect(message.contains(flag), "\(arguments): \(message)")
            #expect(LeadRouterCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
        }
    }
}
