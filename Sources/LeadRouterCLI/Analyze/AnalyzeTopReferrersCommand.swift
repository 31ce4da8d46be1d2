import ArgumentParser
import LeadRoutingCore

/// `leadrouter analyze top-referrers`: who sends and who receives the most referrals.
struct AnalyzeTopReferrersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top-referrers",
        abstract: "Top referrers and top receivers by referral volume (sum of sent).",
        discussion: "CSV: id,sent,received,out_degree,in_degree for every agent."
    )

    @OptionGroup var options: AnalysisOptions

    func run() async throws {
        let input = try await self.options.load()
        let volume = ReferralVolume(input.graph)
        let ids = input.agentIds
        let json = TopReferrersReport(
            algorithm: "top-referrers",
            graphVersion: input.projection.version,
            agents: ids.count,
            totalReferrals: volume.sent.reduce(0, +),
            topReferrers: RankedScore.ranked(volume.topReferrers(self.options.top), scores: volume.sent, ids: ids),
            topReceivers: RankedScore.ranked(volume.topReceivers(self.options.top), scores: volume.received, ids: ids)
        )
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,sent,received,out_degree,in_degree", count: ids.count) { i in
                    "\(ids[i]),\(AnalysisFormat.number(volume.sent[i])),\(AnalysisFormat.number(volume.received[i])),\(volume.outDegree[i]),\(volume.inDegree[i])"
                }
            },
            json: json,
            text: {
                "Referrals: \(AnalysisFormat.number(json.totalReferrals)) sent between \(ids.count) agents\n"
                    + AnalysisFormat.table("top referrers  agent      sent", json.topReferrers, digits: 0)
                    + AnalysisFormat.table("top receivers  agent      received", json.topReceivers, digits: 0)
            }
        )
    }
}
