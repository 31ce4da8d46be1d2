import ArgumentParser
import Foundation
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
        let (input, outcome) = try await self.options.run(self.parameters)
        guard case .coverageGaps(let report, let result, let rows) = outcome else { throw AnalysisOptions.mismatch(outcome) }
        if let svg = self.svg {
            let territories = input.loaded.dataset.territories
            let map = TerritoryMapSVG(
                title: "Coverage gaps — lead demand vs remaining capacity within \(self.hops) hop\(self.hops == 1 ? "" : "s")",
                subtitle: "\(territories.count) territories, \(input.loaded.dataset.leads.count) leads"
                    + (self.demandScale == 1 ? "" : " (scenario: demand × \(AnalysisFormat.number(self.demandScale)))")
                    + "; \(report.territoriesShort) with a shortfall",
                territories: result.territories.compactMap { row in
                    let territory = territories[row.territory]
                    guard let latitude = territory.latitude, let longitude = territory.longitude else { return nil }
                    return .init(label: territory.id, latitude: latitude, longitude: longitude, value: Double(row.shortfall), demand: row.demand)
                }
            )
            try Data(map.render().utf8).write(to: URL(fileURLWithPath: svg))
        }
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,demand,supply,agents,shortfall", count: rows.count) { i in
                    let r = rows[i]
                    return "\(r.id),\(r.demand),\(r.supply),\(r.agents),\(r.shortfall)"
                }
            },
            json: report,
            text: {
                var text = "Coverage gaps (supply within \(self.hops) hops): \(report.territoriesShort) of \(report.territories) territories short, "
                text += "total shortfall \(report.totalShortfall) leads\n"
                text += "territory     demand  supply  agents  shortfall\n"
                for r in report.top {
                    text += AnalysisFormat.padded(r.id, 12) + String(format: "  %6d  %6d  %6d  %9d\n", r.demand, r.supply, r.agents, r.shortfall)
                }
                return text
            }
        )
    }
}
