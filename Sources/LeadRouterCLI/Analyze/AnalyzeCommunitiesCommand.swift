import ArgumentParser
import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter analyze communities`: Louvain communities of the undirected referral network.
struct AnalyzeCommunitiesCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Louvain communities (undirected view, weights summed over both directions) with their modularity.",
        discussion: """
            Seeded and deterministic; modularity is computed as NetworkX's modularity on the undirected view. \
            Communities are named by decreasing size, C0 the largest, the same in the text, CSV (id,community), \
            JSON, leakage and pictures. --dot draws communities as circles whose area follows their agent count, \
            each in its own colour, linked by their referral volume, with a legend; --png renders that with Graphviz \
            `dot` (checked before anything is computed: without it nothing is written).
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
        let pictures = [AnalysisPicture("--dot", self.dot), AnalysisPicture("--png", self.png, .png)].compactMap { $0 }
        let (input, outcome) = try await self.options.run(self.parameters, pictures: pictures)
        guard case .communities(let report, let result, let summary) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        let ids = input.projection.agentIds
        var dotText: String?
        let drawing = {
            if dotText == nil { dotText = self.drawing(input: input, result: result, summary: summary).render() }
            return dotText!
        }
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,community", count: ids.count) { "\(ids[$0]),\(CommunitySummary.label(Int(result.communities[$0])))" }
            },
            json: report,
            text: { input.text.communities(report) },
            pictures: pictures.map { ($0, drawing) }
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
            title: "Referral communities (Louvain, modularity \(ChartText.fixed(result.modularity, 3))): "
                + (shown == result.sizes.count
                    ? "all \(ChartText.counted(shown, "community", plural: "communities"))"
                    : "the \(shown) largest of \(ChartText.grouped(result.sizes.count))"),
            nodes: nodes,
            edges: edges
        )
    }
}
