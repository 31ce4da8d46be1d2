import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter analyze coverage-gaps`: lead demand against remaining capacity per territory.
struct AnalyzeCoverageGapsCommand: AsyncParsableCommand {
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

    @Option(name: .long, help: "Adjacency hops whose covering agents count as supply (0 = only the territory's own).")
    var hops: Int = 1

    @Option(name: .long, help: "Scenario: multiply every territory's lead demand by this factor (default 1: the dataset's leads).")
    var demandScale: Double = 1

    @Option(name: .long, help: ArgumentHelp("Also draw the territory map as SVG.", valueName: "file"))
    var svg: String?

    func validate() throws {
        if self.hops < 0 { throw ValidationError("--hops must be ≥ 0") }
        if !(self.demandScale > 0) { throw ValidationError("--demand-scale must be > 0") }
    }

    func run() async throws {
        let input = try await self.options.load()
        let projection = input.projection
        let result = try CoverageGaps(hops: self.hops, demandScale: self.demandScale).run(projection: projection, leads: input.loaded.dataset.leads)
        let ids = projection.territoryIds
        let territories = input.loaded.dataset.territories
        if let svg = self.svg {
            let gaps = result.territories.filter { $0.shortfall > 0 }.count
            let map = TerritoryMapSVG(
                title: "Coverage gaps — lead demand vs remaining capacity within \(self.hops) hop\(self.hops == 1 ? "" : "s")",
                subtitle: "\(territories.count) territories, \(input.loaded.dataset.leads.count) leads"
                    + (self.demandScale == 1 ? "" : " (scenario: demand × \(AnalysisFormat.number(self.demandScale)))")
                    + "; \(gaps) with a shortfall",
                territories: result.territories.compactMap { row in
                    let territory = territories[row.territory]
                    guard let latitude = territory.latitude, let longitude = territory.longitude else { return nil }
                    return .init(label: territory.id, latitude: latitude, longitude: longitude, value: Double(row.shortfall), demand: row.demand)
                }
            )
            try Data(map.render().utf8).write(to: URL(fileURLWithPath: svg))
        }
        let rows = result.territories.map {
            CoverageGapsReport.Row(id: ids[$0.territory], demand: $0.demand, supply: $0.supply, agents: $0.agents, shortfall: $0.shortfall)
        }
        let json = CoverageGapsReport(
            algorithm: "coverage-gaps",
            graphVersion: projection.version,
            hops: self.hops,
            demandScale: self.demandScale,
            territories: rows.count,
            territoriesShort: rows.filter { $0.shortfall > 0 }.count,
            totalShortfall: rows.reduce(0) { $0 + max(0, $1.shortfall) },
            unknownTerritoryLeads: result.unknownTerritoryLeads,
            top: Array(rows.prefix(self.options.top))
        )
        try self.options.emit(
            csv: {
                AnalysisFormat.csv(header: "id,demand,supply,agents,shortfall", count: rows.count) { i in
                    let r = rows[i]
                    return "\(r.id),\(r.demand),\(r.supply),\(r.agents),\(r.shortfall)"
                }
            },
            json: json,
            text: {
                var text = "Coverage gaps (supply within \(self.hops) hops): \(json.territoriesShort) of \(json.territories) territories short, "
                text += "total shortfall \(json.totalShortfall) leads\n"
                text += "territory     demand  supply  agents  shortfall\n"
                for r in json.top {
                    text += AnalysisFormat.padded(r.id, 12) + String(format: "  %6d  %6d  %6d  %9d\n", r.demand, r.supply, r.agents, r.shortfall)
                }
                return text
            }
        )
    }
}
