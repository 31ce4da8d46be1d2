import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter analyze communities`: Louvain communities of the undirected referral network.
struct AnalyzeCommunitiesCommand: AsyncParsableCommand {
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

    @Option(name: .long, help: "Modularity resolution (gamma).")
    var resolution: Double = 1

    @Option(name: .long, help: "Seed of the node order.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Write the community graph as Graphviz DOT.", valueName: "file"))
    var dot: String?

    @Option(name: .long, help: ArgumentHelp("Render the community graph to PNG (needs Graphviz `dot` on PATH).", valueName: "file"))
    var png: String?

    @Option(name: .long, help: "Largest communities drawn in --dot/--png.")
    var drawCommunities: Int = 16

    func validate() throws {
        if self.resolution <= 0 { throw ValidationError("--resolution must be > 0") }
        if self.drawCommunities <= 0 { throw ValidationError("--draw-communities must be > 0") }
    }

    func run() async throws {
        let input = try await self.options.load()
        let progress = self.options.progressBar()
        let result: Louvain.Result
        do {
            result = try Louvain(resolution: self.resolution, seed: self.seed).run(on: input.graph) {
                progress.update(phase: "louvain levels", done: $0, total: $1)
            }
        } catch {
            throw CLIError("communities: \(error)")
        }
        progress.finish()
        let ids = input.agentIds
        let summary = CommunitySummary(graph: input.graph, communities: result.communities, count: result.sizes.count)
        if self.dot != nil || self.png != nil {
            let dotText = self.drawing(input: input, result: result, summary: summary).render()
            if let dot = self.dot { try Data(dotText.utf8).write(to: URL(fileURLWithPath: dot)) }
            if let png = self.png { try GraphvizRenderer.png(dot: dotText, to: png) }
        }
        let json = CommunitiesReport(
            algorithm: "communities",
            graphVersion: input.projection.version,
            agents: input.projection.agentCount,
            communities: result.sizes.count,
            modularity: result.modularity,
            resolution: self.resolution,
            seed: self.seed,
            levels: result.levels,
            top: (0..<min(self.options.top, result.sizes.count)).map { c in
                CommunitiesReport.Community(
                    community: c,
                    agents: result.sizes[c],
                    internalReferrals: summary.internalVolume[c],
                    topAgents: summary.topMembers(of: c, count: 3).map { ids[$0] }
                )
            }
        )
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,community", count: ids.count) { "\(ids[$0]),\(result.communities[$0])" } },
            json: json,
            text: {
                var text =
                    "Louvain: \(json.communities) communities, modularity \(String(format: "%.4f", result.modularity)), \(result.levels) levels\n"
                text += "comm  agents  internal referrals  top agents\n"
                for row in json.top {
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
                topAgents: summary.topMembers(of: c, count: 3).map { AnalyzePageRankCommand.label(ids: input.agentIds[$0], input: input) }
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
