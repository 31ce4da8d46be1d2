import ArgumentParser
import LeadRoutingAnalysis
import LeadRoutingCore

/// `leadrouter analyze components`: weakly or strongly connected components.
struct AnalyzeComponentsCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "Weakly or strongly connected components of the referral network.",
        discussion: """
            Components are numbered by decreasing size (ties: the one with the earliest agent first). Both kinds \
            are counted; --kind picks the one listed in the CSV (id,component) and the text summary.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Which components to list: weak or strong.")
    var kind: AnalysisQuery.ComponentKind = AnalysisQuery.Default.kind

    var parameters: AnalysisQuery.Parameters { .components(kind: self.kind) }

    func run() async throws {
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .components(let report, let chosen) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        let ids = input.projection.agentIds
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,component", count: ids.count) { "\(ids[$0]),\(chosen.labels[$0])" } },
            json: report,
            text: { input.text.components(report) }
        )
    }
}
