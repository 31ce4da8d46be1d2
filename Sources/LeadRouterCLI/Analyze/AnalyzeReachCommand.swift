import ArgumentParser
import LeadRoutingCore

/// `leadrouter analyze reach`: agents and referral volume within k hops.
struct AnalyzeReachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "k-hop reach: agents and referral volume within --hops referral hops of an agent (or of every agent).",
        discussion: """
            With --agent ID: the agents reached (CSV: id,hops) and the volume (sum of sent) of the edges walked. \
            Without: every agent's reach (CSV: id,agents,volume), ranked by agents reached. --direction out follows \
            referrals sent, in follows them backwards, both ignores direction.
            """
    )

    /// `--direction` values (the core's ``KHopReach/Direction``).
    enum Direction: String, ExpressibleByArgument, CaseIterable {
        case out
        case `in`
        case both

        var core: KHopReach.Direction { KHopReach.Direction(rawValue: self.rawValue)! }
    }

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Source agent id (default: every agent).")
    var agent: String?

    @Option(name: .long, help: "Maximum referral hops.")
    var hops: Int = 2

    @Option(name: .long, help: "Edges to follow: out, in or both.")
    var direction: Direction = .out

    func validate() throws {
        if self.hops < 1 { throw ValidationError("--hops must be ≥ 1") }
    }

    func run() async throws {
        let input = try await self.options.load()
        let ids = input.agentIds
        let reach = KHopReach(hops: self.hops, direction: self.direction.core)
        if let agent = self.agent {
            guard let source = input.projection.agent(agent) else { throw CLIError("--agent: unknown agent id \(agent)") }
            let result = try reach.run(from: Int(source), on: input.graph)
            let json = ReachReport(
                algorithm: "reach",
                graphVersion: input.projection.version,
                agent: agent,
                hops: self.hops,
                direction: self.direction.rawValue,
                agents: result.agents,
                agentsPerHop: result.agentsPerHop,
                volume: result.volume,
                reached: result.reached.prefix(self.options.top).map { .init(id: ids[$0.node], hops: $0.hops) }
            )
            try self.options.emit(
                csv: {
                    AnalysisFormat.csv(header: "id,hops", count: result.reached.count) {
                        "\(ids[result.reached[$0].node]),\(result.reached[$0].hops)"
                    }
                },
                json: json,
                text: {
                    "\(agent) reaches \(result.agents) agents within \(self.hops) hops (\(self.direction.rawValue)); per hop "
                        + "\(result.agentsPerHop.map(String.init).joined(separator: ", ")); referral volume \(AnalysisFormat.number(result.volume))\n"
                }
            )
            return
        }
        let progress = self.options.progressBar()
        let all = try reach.runAll(on: input.graph) { progress.update(phase: "reach", done: $0, total: $1) }
        progress.finish()
        let counts = all.map { Double($0.agents) }
        let top = Ranking.top(self.options.top, of: counts)
        let json = ReachAllReport(
            algorithm: "reach",
            graphVersion: input.projection.version,
            hops: self.hops,
            direction: self.direction.rawValue,
            agents: ids.count,
            meanReach: ids.isEmpty ? 0 : counts.reduce(0, +) / Double(ids.count),
            top: top.enumerated().map {
                .init(rank: $0.offset + 1, id: ids[$0.element], agents: all[$0.element].agents, volume: all[$0.element].volume)
            }
        )
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,agents,volume", count: ids.count) {
                    "\(ids[$0]),\(all[$0].agents),\(AnalysisFormat.number(all[$0].volume))"
                }
            },
            json: json,
            text: {
                var text =
                    "Reach within \(self.hops) hops (\(self.direction.rawValue)); mean \(json.meanReach) agents\nrank  agent          agents  volume\n"
                for row in json.top { text += "\(row.rank)  \(row.id)  \(row.agents)  \(AnalysisFormat.number(row.volume))\n" }
                return text
            }
        )
    }
}
