import ArgumentParser
import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter analyze coverage-gaps`: lead demand against remaining capacity per territory.
struct AnalyzeCoverageGapsCommand: AnalyzeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage-gaps",
        abstract: "Territories whose lead demand exceeds the remaining capacity of the agents in reach.",
        discussion: """
            Demand: the dataset's leads located in the territory. Supply: capacity − open leads (never below 0) of \
            the active agents covering the territory or one within --hops adjacency hops, each agent once. \
            Sorted by shortfall = demand − supply. CSV: id,demand,supply,agents,shortfall (every territory). \
            --svg draws the territories at their coordinates coloured by shortfall, with a legend.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Adjacency hops whose covering agents count as supply, 0–10 (0 = only the territory's own).")
    var hops: Int = AnalysisQuery.Default.coverageHops

    @Option(name: .long, help: "Scenario: multiply every territory's lead demand by this factor, in (0, 1000000] (default 1: the dataset's leads).")
    var demandScale: Double = AnalysisQuery.Default.demandScale

    @Option(name: .long, help: ArgumentHelp("Also draw the territory map as SVG.", valueName: "file"))
    var svg: String?

    var parameters: AnalysisQuery.Parameters { .coverageGaps(hops: self.hops, demandScale: self.demandScale) }

    func run() async throws {
        let picture = AnalysisPicture("--svg", self.svg)
        let (input, outcome) = try await self.options.run(self.parameters, pictures: picture.map { [$0] } ?? [])
        guard case .coverageGaps(let report, let result, let rows) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,demand,supply,agents,shortfall", count: rows.count) { i in
                    let r = rows[i]
                    return "\(r.id),\(r.demand),\(r.supply),\(r.agents),\(r.shortfall)"
                }
            },
            json: report,
            text: { input.text.coverageGaps(report) },
            pictures: picture.map { [($0, { Self.map(report, result, input: input).render() })] } ?? []
        )
    }

    /// The territory map: every territory with coordinates, labelled with its name (or id) and shortfall.
    static func map(_ report: CoverageGapsReport, _ result: CoverageGaps.Result, input: AnalysisInput) -> TerritoryMapSVG {
        let territories = input.loaded.dataset.territories
        var subtitle = "\(ChartText.counted(territories.count, "territory", plural: "territories")), "
        subtitle += ChartText.counted(input.loaded.dataset.leads.count, "lead")
        if report.demandScale != 1 { subtitle += " (scenario: demand × \(AnalysisFormat.number(report.demandScale)))" }
        subtitle += "; \(ChartText.grouped(report.territoriesShort)) short of capacity"
        return TerritoryMapSVG(
            title: "Coverage gaps — lead demand vs remaining capacity within \(ChartText.counted(report.hops, "hop"))",
            subtitle: subtitle,
            territories: result.territories.compactMap { row in
                let territory = territories[row.territory]
                guard let latitude = territory.latitude, let longitude = territory.longitude else { return nil }
                let label = territory.name.isEmpty ? territory.id : territory.name
                return .init(label: label, latitude: latitude, longitude: longitude, value: Double(row.shortfall), demand: row.demand)
            }
        )
    }
}
