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
            Same definition as NetworkX's pagerank (damping 0.85, dangling agents' rank spread uniformly), solved \
            to convergence by default: strong components in topological order, agents on no cycle solved exactly, \
            Gauss–Seidel sweeps on each component with cycles until the last sweeps change the scores by less \
            than --tolerance (default 1e-10) in total, the L1 change summed over all agents. --stop networkx runs \
            NetworkX's own power iteration and rule instead: stop when one iteration changes the scores by less \
            than agents × tolerance (default 1e-6, NetworkX's tol); on a large graph that stops far from the \
            converged scores (0.2 in L1 allowed on 200,000 agents). CSV: id,score.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Damping factor (NetworkX alpha), 0–1.")
    var damping: Double = AnalysisQuery.Default.damping

    @Option(name: .long, help: "Stopping rule: converged (to --tolerance in total) or networkx (NetworkX's power iteration and rule).")
    var stop: PageRank.StopRule = AnalysisQuery.Default.stop

    @Option(
        name: .long,
        help: """
            In (0, 1]. converged: stop when the last sweeps change the scores by less than this in total (L1 over \
            all agents; default 1e-10). networkx: NetworkX's per-agent tol, stop when the L1 change < agents × this \
            (default 1e-6).
            """
    )
    var tolerance: Double?

    @Option(name: .long, help: "Maximum iterations or sweeps, 1–10000.")
    var maxIterations: Int = AnalysisQuery.Default.maxIterations

    @Option(name: .long, help: ArgumentHelp("Also draw the top-N bar chart as SVG.", valueName: "file"))
    var svg: String?

    var parameters: AnalysisQuery.Parameters {
        .pagerank(
            damping: self.damping,
            tolerance: self.tolerance ?? AnalysisQuery.Default.tolerance(self.stop),
            stop: self.stop,
            maxIterations: self.maxIterations
        )
    }

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
