import ArgumentParser
import Foundation
import LeadRoutingAnalysis
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
        let picture = AnalysisPicture("--svg", self.svg)
        let (input, outcome) = try await self.options.run(self.parameters, pictures: picture.map { [$0] } ?? [])
        guard case .pagerank(let report, let result) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,score", count: ids.count) { "\(ids[$0]),\(AnalysisFormat.number(result.scores[$0]))" } },
            json: report,
            text: { input.text.pagerank(report) },
            pictures: picture.map { [($0, { Self.chart(report, input: input).render() })] } ?? []
        )
    }

    /// The top-N bar chart: each agent's PageRank as its share of all referral influence, in percent.
    static func chart(_ report: PageRankReport, input: AnalysisInput) -> BarChartSVG {
        let first = report.top.first?.rank ?? 1
        let ranks = first == 1 ? "top \(report.top.count)" : "ranks \(first)–\(first + report.top.count - 1)"
        return BarChartSVG(
            title: "Referral influence (PageRank) — \(report.top.isEmpty ? "no ranks shown" : ranks) of \(ChartText.counted(report.agents, "agent"))",
            subtitle: "Each bar: the agent's share of all referral influence (PageRank), how often a chain of referrals,\n"
                + "following them in proportion to how many were sent, arrives at the agent. All agents add up to 100 %.",
            bars: report.top.map { .init(label: input.label(id: $0.id), value: $0.score * 100) },
            axisTitle: "share of referral influence (%) — "
                + "\(ChartText.counted(input.projection.referralCount, "referral edge")), damping \(AnalysisFormat.number(report.damping))",
            unit: " %"
        )
    }
}
