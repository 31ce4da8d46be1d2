import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter analyze leakage`: share of each group's referrals that leave it.
struct AnalyzeLeakageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leakage",
        abstract: "Referral leakage: the share of each community's (or brokerage's) referrals sent outside it.",
        discussion: """
            Groups are Louvain communities by default. --by brokerage reads agent → brokerage from --groups FILE \
            (CSV agent_id,brokerage_id), by default the generator's DIR/truth/agent_brokerage.csv; the router itself \
            never reads that file. Leakage = outgoing / (internal + outgoing) referral volume (sum of sent). \
            CSV: group,agents,internal,outgoing,incoming,leakage, most leaking volume first.
            """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case community
        case brokerage
    }

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Groups: community (Louvain) or brokerage.")
    var by: Grouping = .community

    @Option(name: .long, help: ArgumentHelp("CSV agent_id,group for --by brokerage (default DIR/truth/agent_brokerage.csv).", valueName: "file"))
    var groups: String?

    @Option(name: .long, help: "Louvain seed (--by community).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Louvain resolution (--by community).")
    var resolution: Double = 1

    func run() async throws {
        let input = try await self.options.load()
        let labels: [Int32]
        let names: [String]
        switch self.by {
        case .community:
            let result: Louvain.Result
            do {
                result = try Louvain(resolution: self.resolution, seed: self.seed).run(on: input.graph)
            } catch {
                throw CLIError("leakage: \(error)")
            }
            labels = result.communities
            names = (0..<result.sizes.count).map { "C\($0)" }
        case .brokerage:
            let path = self.groups ?? input.loaded.path + "/truth/agent_brokerage.csv"
            let byAgent = try AgentGroupsFile.load(path)
            var index = [String: Int32]()
            var ordered = [String]()
            labels = input.agentIds.map { id in
                guard let group = byAgent[id] else { return -1 }
                if let existing = index[group] { return existing }
                index[group] = Int32(ordered.count)
                ordered.append(group)
                return Int32(ordered.count - 1)
            }
            names = ordered
        }
        let leakage = ReferralLeakage(input.graph, groups: labels)
        let rows = leakage.groups.map {
            LeakageReport.Group(
                group: names[$0.group],
                agents: $0.agents,
                internalReferrals: $0.internalVolume,
                outgoingReferrals: $0.outgoingVolume,
                incomingReferrals: $0.incomingVolume,
                leakage: $0.leakage
            )
        }
        let json = LeakageReport(
            algorithm: "leakage",
            graphVersion: input.projection.version,
            by: self.by.rawValue,
            groups: rows.count,
            overall: leakage.overall,
            unassignedAgents: leakage.unassignedAgents,
            top: Array(rows.prefix(self.options.top))
        )
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "group,agents,internal,outgoing,incoming,leakage", count: rows.count) { i in
                    let r = rows[i]
                    return "\(r.group),\(r.agents),\(AnalysisFormat.number(r.internalReferrals)),\(AnalysisFormat.number(r.outgoingReferrals)),"
                        + "\(AnalysisFormat.number(r.incomingReferrals)),\(r.leakage.map(AnalysisFormat.number) ?? "")"
                }
            },
            json: json,
            text: {
                var text = "Leakage by \(self.by.rawValue): \(rows.count) groups, overall \(leakage.overall.map { "\($0)" } ?? "undefined")\n"
                text += "group        agents  internal  outgoing  leakage\n"
                for r in json.top {
                    text += "\(r.group)  \(r.agents)  \(AnalysisFormat.number(r.internalReferrals))  \(AnalysisFormat.number(r.outgoingReferrals))  "
                    text += (r.leakage.map { String(format: "%.3f", $0) } ?? "-") + "\n"
                }
                return text
            }
        )
    }
}
