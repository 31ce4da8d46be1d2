import ArgumentParser
import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter analyze leakage`: share of each group's referrals that leave it.
struct AnalyzeLeakageCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "leakage",
        abstract: "Referral leakage: the share of each community's (or brokerage's) referrals sent outside it.",
        discussion: """
            Groups are Louvain communities by default. --by brokerage reads agent → brokerage from --groups FILE \
            (CSV agent_id,brokerage_id), by default the generator's DIR/truth/agent_brokerage.csv; the router itself \
            never reads that file. Leakage = outgoing / (internal + outgoing) referral volume (sum of sent). \
            CSV: group,agents,internal,outgoing,incoming,leakage, highest leakage first.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Groups: community (Louvain) or brokerage.")
    var by: AnalysisQuery.LeakageGrouping = AnalysisQuery.Default.by

    @Option(name: .long, help: ArgumentHelp("CSV agent_id,group for --by brokerage (default DIR/truth/agent_brokerage.csv).", valueName: "file"))
    var groups: String?

    @Option(name: .long, help: "Louvain seed (--by community).")
    var seed: UInt64 = AnalysisQuery.Default.seed

    @Option(name: .long, help: "Louvain resolution (--by community), in (0, 1000].")
    var resolution: Double = AnalysisQuery.Default.resolution

    var parameters: AnalysisQuery.Parameters { .leakage(by: self.by, resolution: self.resolution, seed: self.seed) }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters) { input in
            guard self.by == .brokerage else { return nil }
            do {
                return try AgentGroupsFile.load(from: self.groups ?? AgentGroupsFile.defaultPath(dataset: input.loaded.path))
            } catch {
                throw CLIError("--groups: \(error)")
            }
        }
        guard case .leakage(let report, let rows) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "group,agents,internal,outgoing,incoming,leakage", count: rows.count) { i in
                    let r = rows[i]
                    return "\(r.group),\(r.agents),\(AnalysisFormat.number(r.internalReferrals)),\(AnalysisFormat.number(r.outgoingReferrals)),"
                        + "\(AnalysisFormat.number(r.incomingReferrals)),\(r.leakage.map(AnalysisFormat.number) ?? "")"
                }
            },
            json: report,
            text: { input.text.leakage(report) }
        )
    }
}
