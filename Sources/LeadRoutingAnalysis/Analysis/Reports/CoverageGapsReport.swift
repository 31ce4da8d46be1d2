import LeadRoutingCore

/// The `coverage-gaps` report: the body of `leadrouter analyze coverage-gaps --json` and of
/// `GET /api/v1/analytics/coverage-gaps`.
public struct CoverageGapsReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var id: String
        public var demand: Int
        public var supply: Int
        public var agents: Int
        public var shortfall: Int

        public init(id: String, demand: Int, supply: Int, agents: Int, shortfall: Int) {
            self.id = id
            self.demand = demand
            self.supply = supply
            self.agents = agents
            self.shortfall = shortfall
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var hops: Int
    public var demandScale: Double
    public var territories: Int
    public var territoriesShort: Int
    public var totalShortfall: Int
    public var unknownTerritoryLeads: Int
    public var top: [Row]

    public init(
        algorithm: String = "coverage-gaps",
        graphVersion: String,
        hops: Int,
        demandScale: Double,
        territories: Int,
        territoriesShort: Int,
        totalShortfall: Int,
        unknownTerritoryLeads: Int,
        top: [Row]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.hops = hops
        self.demandScale = demandScale
        self.territories = territories
        self.territoriesShort = territoriesShort
        self.totalShortfall = totalShortfall
        self.unknownTerritoryLeads = unknownTerritoryLeads
        self.top = top
    }
}
