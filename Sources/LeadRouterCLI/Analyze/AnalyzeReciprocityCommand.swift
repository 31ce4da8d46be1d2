import ArgumentParser
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter analyze reciprocity`: global and per-agent reciprocity (NetworkX definitions).
struct AnalyzeReciprocityCommand: AnalyzeSubcommand {
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

    var parameters: AnalysisQuery.Parameters { .reciprocity }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .reciprocity(let report, let result) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,score", count: ids.count) { i in
                    "\(ids[i]),\(result.perNode[i].map(AnalysisFormat.number) ?? "")"
                }
            },
            json: report,
            text: { input.text.reciprocity(report) }
        )
    }
}
