import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter analyze pagerank`: weighted PageRank (NetworkX `pagerank` semantics).
struct AnalyzePageRankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerank",
        abstract: "Weighted PageRank of the agents (edge weight = referrals sent).",
        discussion: """
            Same definition as NetworkX's pagerank: damping 0.85, dangling agents' rank spread uniformly, uniform \
            start, stop when the L1 change of an iteration is below agents × tolerance. CSV: id,score.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Damping factor (NetworkX alpha).")
    var damping: Double = 0.85

    @Option(name: .long, help: "Per-agent tolerance (NetworkX tol); converged when L1 change < agents × tolerance.")
    var tolerance: Double = 1e-6

    @Option(name: .long, help: "Maximum iterations (NetworkX max_iter).")
    var maxIterations: Int = 100

    @Option(name: .long, help: ArgumentHelp("Also draw the top-N bar chart as SVG.", valueName: "file"))
    var svg: String?

    func run() async throws {
        let input = try await self.options.load()
        let progress = self.options.progressBar()
        let result: PageRank.Result
        do {
            result = try PageRank(damping: self.damping, tolerance: self.tolerance, maxIterations: self.maxIterations)
                .run(on: input.graph) { progress.update(phase: "pagerank", done: $0, total: $1) }
        } catch {
            throw CLIError("pagerank: \(error)")
        }
        progress.finish()
        let ids = input.agentIds
        let top = RankedScore.ranked(Ranking.top(self.options.top, of: result.scores), scores: result.scores, ids: ids)
        if let svg = self.svg {
            let chart = BarChartSVG(
                title: "PageRank — top \(top.count) agents",
                subtitle:
                    "\(input.projection.agentCount) agents, \(input.projection.referralCount) referral edges weighted by sent; damping \(self.damping)",
                bars: top.map { .init(label: Self.label(ids: $0.id, input: input), value: $0.score) }
            )
            try Data(chart.render().utf8).write(to: URL(fileURLWithPath: svg))
        }
        let json = PageRankReport(
            algorithm: "pagerank",
            graphVersion: input.projection.version,
            agents: input.projection.agentCount,
            damping: self.damping,
            tolerance: self.tolerance,
            iterations: result.iterations,
            lastChange: result.lastChange,
            top: top
        )
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,score", count: ids.count) { "\(ids[$0]),\(AnalysisFormat.number(result.scores[$0]))" } },
            json: json,
            text: {
                "PageRank: \(input.projection.agentCount) agents, \(result.iterations) iterations (L1 change \(result.lastChange))\n"
                    + AnalysisFormat.table("rank  agent          score", top)
            }
        )
    }

    /// Agent id with its name when the dataset has one different from the id.
    static func label(ids id: String, input: AnalysisInput) -> String {
        guard let index = input.projection.agent(id) else { return id }
        let name = input.loaded.dataset.agents[Int(index)].name
        return name.isEmpty || name == id ? id : "\(name) (\(id))"
    }
}
