import ArgumentParser
import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter rebalance plan`: reads the store, solves the rebalance exactly and writes the plan.
struct RebalancePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compute a rebalance plan from the store's current state and write it as JSON.",
        discussion: """
            Movable leads (--scope): stale (default) = offers unaccepted past the SLA, declined leads waiting and
            unroutable leads; open = every offered-but-not-accepted lead plus unroutable ones. Candidates are the
            router's (same policy, same hard constraints); the objective's weights are the policy's rebalance
            section. The plan lists the moves, the optimal objective (an integer, equal to the optimum of the
            --export-dimacs instance), a before/after summary and where one more unit of capacity helps most.
            The plan is also kept in the store (`rebalance apply` and the HTTP API find it by its id).
            """
    )

    @OptionGroup var graph: GraphOptions
    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Which leads may move: stale or open.")
    var scope: RebalanceScope = .stale

    @Option(name: .long, help: ArgumentHelp("Where the plan goes (JSON).", valueName: "file"))
    var out: String

    @Option(name: .customLong("export-dimacs"), help: ArgumentHelp("Also write the flow network in DIMACS format.", valueName: "file"))
    var exportDimacs: String?

    @Option(name: .long, help: ArgumentHelp("Also draw the before/after utilisation histogram as SVG.", valueName: "file"))
    var svg: String?

    @Option(name: .customLong("offer-sla-minutes"), help: "An offer unaccepted this long is stale.")
    var offerSLAMinutes: Int = 60

    @Flag(name: .long, help: "Print the plan's summary as one line of JSON instead of text.")
    var json = false

    func validate() throws {
        if self.offerSLAMinutes <= 0 { throw ValidationError("--offer-sla-minutes must be > 0") }
    }

    func run() async throws {
        let loaded = try await self.graph.loadRouter()
        let configuration = RebalancePlanner.Configuration(offerSLAMillis: Int64(self.offerSLAMinutes) * 60_000)
        let scope = self.scope
        let router = loaded.router
        let result = try await self.store.withStore { store in
            let progress = ProgressBar()
            let result = try await RebalancePlanner(router: router, store: store, clock: LeadRouterCommand.clock, configuration: configuration)
                .plan(scope: scope) { done, total in progress.update(phase: "candidates", done: done, total: total) }
            progress.finish()
            return result
        }
        let plan = result.plan
        try Self.write(Data((try JSONOutput.string(plan, pretty: true) + "\n").utf8), to: self.out)
        if let path = self.exportDimacs {
            let text = result.network.problem.dimacs(comments: ["leadrouter rebalance plan \(plan.planId)"])
            try Self.write(Data(text.utf8), to: path)
        }
        if let path = self.svg { try Self.write(Data(Self.histogram(plan).utf8), to: path) }
        if self.json {
            print(try JSONOutput.string(RebalancePlanSummaryLine(plan: plan)))
        } else {
            print(Self.text(plan))
        }
    }

    static func write(_ data: Data, to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(data)
        try file.close()
    }

    /// Before/after summary for people.
    static func text(_ plan: RebalancePlan) -> String {
        let before = plan.summary.before
        let after = plan.summary.after
        func row(_ name: String, _ a: String, _ b: String) -> String {
            name.padding(toLength: 18, withPad: " ", startingAt: 0) + a.padding(toLength: 12, withPad: " ", startingAt: 0) + b
        }
        var lines = [
            "plan \(plan.planId): \(plan.moves.count) moves, \(plan.unplaced.count) unplaced, objective \(plan.objective)",
            row("", "before", "after"),
            row("total score", String(format: "%.4f", before.totalScore), String(format: "%.4f", after.totalScore)),
            row("load Gini", String(format: "%.4f", before.loadGini), String(format: "%.4f", after.loadGini)),
            row("Jain's index", String(format: "%.4f", before.jainIndex), String(format: "%.4f", after.jainIndex)),
            row("max utilisation", String(format: "%.2f", before.maxUtilisation), String(format: "%.2f", after.maxUtilisation)),
            row("unassigned", "\(before.unassigned)", "\(after.unassigned)"),
        ]
        if !plan.summary.topShadowPrices.isEmpty {
            lines.append(
                "one more place helps most at: "
                    + plan.summary.topShadowPrices.prefix(5).map { "\($0.agentId) (+\(String(format: "%.3f", $0.price)))" }.joined(separator: ", ")
            )
        }
        return lines.joined(separator: "\n")
    }

    /// Agents per utilisation band, before and after, as a bar chart.
    static func histogram(_ plan: RebalancePlan) -> String {
        let bands = (0..<10).map { "\($0 * 10)–\($0 * 10 + 10) %" } + ["full"]
        var bars: [BarChartSVG.Bar] = []
        for (index, band) in bands.enumerated() {
            bars.append(.init(label: "\(band) before", value: Double(plan.summary.before.utilisationHistogram[index])))
            bars.append(.init(label: "\(band) after", value: Double(plan.summary.after.utilisationHistogram[index])))
        }
        return BarChartSVG(
            title: "Agent utilisation before and after rebalance",
            subtitle: "plan \(plan.planId): \(plan.moves.count) moves; agents per utilisation band",
            bars: bars
        ).render()
    }
}

/// The one-line JSON `rebalance plan --json` prints.
struct RebalancePlanSummaryLine: Codable {
    var planId: String
    var objective: Int
    var moves: Int
    var unplaced: Int
    var summary: RebalanceSummary

    init(plan: RebalancePlan) {
        self.planId = plan.planId
        self.objective = plan.objective
        self.moves = plan.moves.count
        self.unplaced = plan.unplaced.count
        self.summary = plan.summary
    }
}
