import ArgumentParser
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter analyze top-referrers`: who sends and who receives the most referrals.
struct AnalyzeTopReferrersCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "top-referrers",
        abstract: "Top referrers and top receivers by referral volume (sum of sent).",
        discussion: "CSV: id,sent,received,out_degree,in_degree for every agent."
    )

    @OptionGroup var options: AnalysisOptions

    var parameters: AnalysisQuery.Parameters { .topReferrers }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .topReferrers(let report, let volume) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,sent,received,out_degree,in_degree", count: ids.count) { i in
                    "\(ids[i]),\(AnalysisFormat.number(volume.sent[i])),\(AnalysisFormat.number(volume.received[i])),\(volume.outDegree[i]),\(volume.inDegree[i])"
                }
            },
            json: report,
            text: { input.text.topReferrers(report) }
        )
    }
}
