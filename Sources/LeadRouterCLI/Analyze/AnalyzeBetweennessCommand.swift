import ArgumentParser
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter analyze betweenness`: Brandes betweenness, exact or sampled.
struct AnalyzeBetweennessCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "betweenness",
        abstract: "Betweenness centrality (brokers): exact, or sampled from --k pivots for large graphs.",
        discussion: """
            Brandes' algorithm on unweighted hops along referral direction, endpoints excluded, normalised as \
            NetworkX 3.6 does for directed graphs (1/((n-1)(n-2)); with k pivots the NetworkX sampling scale). \
            Exact costs O(agents × referrals): without --k it is exact up to \
            \(AnalysisQuery.Limit.exactBetweennessAgents) agents and sampled from \(AnalysisQuery.Default.pivots) \
            pivots above. CSV: id,score.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Sample this many source pivots, 1–100000 (exact when ≥ agents; default: see above).")
    var k: Int?

    @Option(name: .long, help: "Seed of the pivot sample.")
    var seed: UInt64 = AnalysisQuery.Default.seed

    var parameters: AnalysisQuery.Parameters { .betweenness(k: self.k, seed: self.seed) }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .betweenness(let report, let result) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,score", count: ids.count) { "\(ids[$0]),\(AnalysisFormat.number(result.scores[$0]))" } },
            json: report,
            text: { input.text.betweenness(report) }
        )
    }
}
