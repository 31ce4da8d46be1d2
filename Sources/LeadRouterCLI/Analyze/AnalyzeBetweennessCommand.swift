import ArgumentParser
import LeadRoutingCore

/// `leadrouter analyze betweenness`: Brandes betweenness, exact or sampled.
struct AnalyzeBetweennessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "betweenness",
        abstract: "Betweenness centrality (brokers): exact, or sampled from --k pivots for large graphs.",
        discussion: """
            Brandes' algorithm on unweighted hops along referral direction, endpoints excluded, normalised as \
            NetworkX 3.6 does for directed graphs (1/((n-1)(n-2)); with k pivots the NetworkX sampling scale). \
            Exact costs O(agents × referrals): use --k on large networks. CSV: id,score.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Sample this many source pivots instead of all agents (exact when omitted or ≥ agents).")
    var k: Int?

    @Option(name: .long, help: "Seed of the pivot sample.")
    var seed: UInt64 = 1

    func validate() throws {
        if let k = self.k, k <= 0 { throw ValidationError("--k must be > 0") }
    }

    func run() async throws {
        let input = try await self.options.load()
        let progress = self.options.progressBar()
        let sources: Betweenness.Sources = self.k.map { .sample(count: $0, seed: self.seed) } ?? .all
        let result: Betweenness.Result
        do {
            result = try Betweenness(sources: sources).run(on: input.graph) { progress.update(phase: "betweenness", done: $0, total: $1) }
        } catch {
            throw CLIError("betweenness: \(error)")
        }
        progress.finish()
        let ids = input.agentIds
        let top = RankedScore.ranked(Ranking.top(self.options.top, of: result.scores), scores: result.scores, ids: ids)
        let json = BetweennessReport(
            algorithm: "betweenness",
            graphVersion: input.projection.version,
            agents: input.projection.agentCount,
            exact: result.exact,
            sampleSize: result.sampleSize,
            seed: result.exact ? nil : self.seed,
            top: top
        )
        let kind = result.exact ? "exact" : "sampled, k = \(result.sampleSize) pivots, seed \(self.seed)"
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,score", count: ids.count) { "\(ids[$0]),\(AnalysisFormat.number(result.scores[$0]))" } },
            json: json,
            text: { "Betweenness (\(kind)): \(input.projection.agentCount) agents\n" + AnalysisFormat.table("rank  agent          score", top) }
        )
    }
}
