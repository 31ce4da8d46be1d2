import ArgumentParser
import Foundation
import LeadRoutingCore

/// `leadrouter analyze communities`: Louvain communities of the undirected referral network.
struct AnalyzeCommunitiesCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Louvain communities (undirected view, weights summed over both directions) with their modularity.",
        discussion: """
            Seeded and deterministic; modularity is computed as NetworkX's modularity on the undirected view. \
            Communities are numbered by decreasing size. CSV: id,community. --dot draws communities as nodes sized \
            by agent count and edges by referral volume, labelled with their top agents; --png renders that with \
            Graphviz `dot` when it is installed.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Modularity resolution (gamma), in (0, 1000].")
    var resolution: Double = AnalysisQuery.Default.resolution

    @Option(name: .long, help: "Seed of the node order.")
    var seed: UInt64 = AnalysisQuery.Default.seed

    @Option(name: .long, help: ArgumentHelp("Write the community graph as Graphviz DOT.", valueName: "file"))
    var dot: String?

    @Option(name: .long, help: ArgumentHelp("Render the community graph to PNG (needs Graphviz `dot` on PATH).", valueName: "file"))
    var png: String?

    @Option(name: .long, help: "Largest communities drawn in --dot/--png.")
    var drawCommunities: Int = 16

    var parameters: AnalysisQuery.Parameters { .communities(resolution: self.resolution, seed: self.seed) }

    func validate() throws {
        _ = try self.options.query(self.parameters)
        if self.drawCommunities <= 0 { throw ValidationError("--draw-communities must be > 0") }
    }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .communities(let report, let result, let summary) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        if self.dot != nil || self.png != nil {
            let dotText = self.drawing(input: input, result: result, summary: summary).render()
            if let dot = self.dot { try Data(dotText.utf8).write(to: URL(fileURLWithPath: dot)) }
            if let png = self.png { try GraphvizRenderer.png(dot: dotText, to: png) }
        }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,community", count: ids.count) { "\(ids[$0]),\(result.communities[$0])" } },
            json: report,
            text: {
                var text =
                    "Louvain: \(report.communities) communities, modularity \(String(format: "%.4f", result.modularity)), \(result.levels) levels\n"
                text += "comm  agents  internal referrals  top agents\n"
                for row in report.top {
                    text += String(format: "%4d  %6d  %18.0f  ", row.community, row.agents, row.internalReferrals)
                    text += row.topAgents.joined(separator: ", ") + "\n"
                }
                return text
            }
        )
    }

    private func drawing(input: AnalysisInput, result: Louvain.Result, summary: CommunitySummary) -> CommunityGraphDOT {
        let shown = min(self.drawCommunities, result.sizes.count)
        let nodes = (0..<shown).map { c in
            CommunityGraphDOT.Node(
                id: c,
                agents: result.sizes[c],
                topAgents: summary.topMembers(of: c, count: 3).map { input.label(id: input.projection.agentIds[$0]) }
            )
        }
        var merged = [CommunitySummary.Pair: Double]()
        for (pair, volume) in summary.crossVolume where pair.a < shown && pair.b < shown {
            merged[CommunitySummary.Pair(a: min(pair.a, pair.b), b: max(pair.a, pair.b)), default: 0] += volume
        }
        var edges = merged.map { CommunityGraphDOT.Edge(from: $0.key.a, to: $0.key.b, volume: $0.value) }
        edges.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        return CommunityGraphDOT(
            title: "Referral communities (Louvain, modularity \(String(format: "%.3f", result.modularity))): "
                + "\(shown) largest of \(result.sizes.count)",
            nodes: nodes,
            edges: edges
        )
    }
}
