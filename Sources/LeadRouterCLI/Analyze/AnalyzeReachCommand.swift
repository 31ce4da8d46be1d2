import ArgumentParser
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter analyze reach`: agents and referral volume within k hops.
struct AnalyzeReachCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "k-hop reach: agents and referral volume within --hops referral hops of an agent (or of every agent).",
        discussion: """
            With --agent ID: the agents reached (CSV: id,hops) and the volume (sum of sent) of the edges walked. \
            Without: every agent's reach (CSV: id,agents,volume), ranked by agents reached. --direction out follows \
            referrals sent, in follows them backwards, both ignores direction.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Source agent id (default: every agent).")
    var agent: String?

    @Option(name: .long, help: "Maximum referral hops, 1–10.")
    var hops: Int = AnalysisQuery.Default.reachHops

    @Option(name: .long, help: "Edges to follow: out, in or both.")
    var direction: KHopReach.Direction = AnalysisQuery.Default.direction

    var parameters: AnalysisQuery.Parameters { .reach(agent: self.agent, hops: self.hops, direction: self.direction) }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        let ids = input.projection.agentIds
        switch outcome {
        case .reach(let report, let result):
            try self.options.emit(
                csv: {
                    AnalysisFormat.csv(header: "id,hops", count: result.reached.count) {
                        "\(ids[result.reached[$0].node]),\(result.reached[$0].hops)"
                    }
                },
                json: report,
                text: { input.text.reach(report) }
            )
        case .reachAll(let report, let all):
            try self.options.emit(
                csv: {
                    AnalysisFormat.csv(header: "id,agents,volume", count: ids.count) {
                        "\(ids[$0]),\(all[$0].agents),\(AnalysisFormat.number(all[$0].volume))"
                    }
                },
                json: report,
                text: { input.text.reachAll(report) }
            )
        default:
            throw AnalysisOptions.mismatch(outcome)
        }
    }
}
