import ArgumentParser
import LeadRoutingCore

/// `leadrouter analyze reciprocity`: global and per-agent reciprocity (NetworkX definitions).
struct AnalyzeReciprocityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reciprocity",
        abstract: "Reciprocity of referrals: overall share of returned edges and per-agent reciprocity.",
        discussion: """
            Overall: share of referral edges whose reverse edge exists (NetworkX overall_reciprocity). Per agent: \
            2·|referred-to ∩ referred-by| / (|referred-to| + |referred-by|) (NetworkX reciprocity(G, nodes)); empty in \
            the CSV (null) for agents without referrals. CSV: id,score. The ranking lists the most reciprocal agents.
            """
    )

    @OptionGroup var options: AnalysisOptions

    func run() async throws {
        let input = try await self.options.load()
        let result = Reciprocity(input.graph)
        let ids = input.agentIds
        let scores = result.perNode.map { $0 ?? .nan }
        let top = RankedScore.ranked(Ranking.top(self.options.top, of: scores), scores: scores, ids: ids).filter { !$0.score.isNaN }
        let json = ReciprocityReport(
            algorithm: "reciprocity",
            graphVersion: input.projection.version,
            agents: input.projection.agentCount,
            edges: input.graph.edgeCount,
            reciprocatedEdges: result.reciprocatedEdges,
            overall: result.overall,
            top: top
        )
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,score", count: ids.count) { i in
                    "\(ids[i]),\(result.perNode[i].map(AnalysisFormat.number) ?? "")"
                }
            },
            json: json,
            text: {
                "Reciprocity: \(result.reciprocatedEdges) of \(input.graph.edgeCount) referral edges returned (overall "
                    + "\(result.overall.map { "\($0)" } ?? "undefined"))\n" + AnalysisFormat.table("rank  agent          reciprocity", top, digits: 4)
            }
        )
    }
}
