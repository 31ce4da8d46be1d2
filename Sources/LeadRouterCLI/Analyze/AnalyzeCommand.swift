import ArgumentParser

/// `leadrouter analyze <algorithm>`: network analysis of the referral network on the in-memory projection.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Network analysis of the referral network: influence, brokers, communities, reach, leakage, coverage gaps.",
        discussion: """
            Every algorithm reads --dataset DIR (default: the bundled fixtures/metro), prints a ranked text summary, \
            JSON with --json, or every agent/territory as CSV with --csv [--out FILE]. Referral edges are weighted \
            by `sent`. The definitions follow NetworkX (checked by scripts/checks/networkx).
            """,
        subcommands: [
            AnalyzePageRankCommand.self,
            AnalyzeBetweennessCommand.self,
            AnalyzeCommunitiesCommand.self,
            AnalyzeComponentsCommand.self,
            AnalyzeReciprocityCommand.self,
            AnalyzeReachCommand.self,
            AnalyzeTopReferrersCommand.self,
            AnalyzeLeakageCommand.self,
            AnalyzeCoverageGapsCommand.self,
        ]
    )
}
