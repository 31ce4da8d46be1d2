import ArgumentParser
import Foundation
import LeadRoutingCore

/// `leadrouter analyze pagerank`: weighted PageRank (NetworkX `pagerank` semantics).
struct AnalyzePageRankCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerank",
        abstract: "Weighted PageRank of the agents (edge weight = referrals sent).",
        discussion: """
            Same definition as NetworkX's pagerank: damping 0.85, dangling agents' rank spread uniformly, uniform \
            start, stop when the L1 change of an iteration is below agents × tolerance. CSV: id,score.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Damping factor (NetworkX alpha), 0–1.")
    var damping: Double = AnalysisQuery.Default.damping

    @Option(name: .long, help: "Per-agent tolerance (NetworkX tol), in (0, 1]; converged when L1 change < agents × tolerance.")
    var tolerance: Double = AnalysisQuery.Default.tolerance

    @Option(name: .long, help: "Maximum iterations (NetworkX max_iter), 1–10000.")
    var maxIterations: Int = AnalysisQuery.Default.maxIterations

    @Option(name: .long, help: ArgumentHelp("Also draw the top-N bar chart as SVG.", valueName: "file"))
    var svg: String?

    var parameters: AnalysisQuery.Parameters { .pagerank(damping: self.damping, tolerance: self.tolerance, maxIterations: self.maxIterations) }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .pagerank(let report, let result) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        if let svg = self.svg {
            let chart = BarChartSVG(
                title: "PageRank — top \(report.top.count) agents",
                subtitle:
                    "\(input.projection.agentCount) agents, \(input.projection.referralCount) referral edges weighted by sent; damping \(self.damping)",
                bars: report.top.map { .init(label: input.label(id: $0.id), value: $0.score) }
            )
            try Data(chart.render().utf8).write(to: URL(fileURLWithPath: svg))
        }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,score", count: ids.count) { "\(ids[$0]),\(AnalysisFormat.number(result.scores[$0]))" } },
            json: report,
            text: {
                "PageRank: \(report.agents) agents, \(result.iterations) iterations (L1 change \(result.lastChange))\n"
                    + AnalysisFormat.table("rank  agent          score", report.top)
            }
        )
    }
}
