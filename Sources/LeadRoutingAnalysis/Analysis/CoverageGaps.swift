public import LeadRoutingCore

/// Coverage gaps: for every territory, lead demand against the remaining capacity (`capacity − open leads`,
/// never below 0) of the active agents covering it or a territory within `hops` adjacency hops. Each agent
/// counts once per territory, but may count towards several territories (capacity is shared, not split).
public struct CoverageGaps: Sendable {
    /// Adjacency hops around a territory whose covering agents count as supply (0 = only its own).
    public var hops: Int

    /// Scenario factor on demand: each territory's lead count × this, rounded (1 = the leads as given).
    public var demandScale: Double

    /// - Parameters:
    ///   - hops: default 1 (the routing default `maxTerritoryHops`).
    ///   - demandScale: default 1.
    public init(hops: Int = 1, demandScale: Double = 1) {
        self.hops = hops
        self.demandScale = demandScale
    }

    /// One territory.
    public struct Territory: Sendable, Equatable {
        /// Dense territory index.
        public var territory: Int
        /// Leads located in the territory.
        public var demand: Int
        /// Remaining capacity of the agents in reach.
        public var supply: Int
        /// Active agents in reach (any remaining capacity).
        public var agents: Int
        /// `demand − supply`; positive is a gap.
        public var shortfall: Int { self.demand - self.supply }
    }

    /// Every territory, largest shortfall first (ties: larger demand, then lower index), and leads skipped because
    /// their territory is unknown.
    public struct Result: Sendable {
        public var territories: [Territory]
        public var unknownTerritoryLeads: Int
    }

    /// Computes the gaps of `projection` for `leads`.
    public func run(projection: GraphProjection, leads: [Lead]) throws(AnalysisError) -> Result {
        guard self.hops >= 0 else { throw .invalidParameter("hops", "must be ≥ 0") }
        guard self.demandScale > 0, self.demandScale.isFinite else { throw .invalidParameter("demandScale", "must be > 0") }
        let territoryCount = projection.territoryCount
        var demand = [Int](repeating: 0, count: territoryCount)
        var unknown = 0
        for lead in leads {
            if let t = projection.territory(lead.territoryId) { demand[Int(t)] += 1 } else { unknown += 1 }
        }
        var territories = [Territory]()
        territories.reserveCapacity(territoryCount)
        var territoryStamp = [Int](repeating: -1, count: territoryCount)
        var agentStamp = [Int](repeating: -1, count: projection.agentCount)
        var frontier = [Int32]()
        var next = [Int32]()
        for t in 0..<territoryCount {
            // Territories within `hops`, breadth first.
            frontier.removeAll(keepingCapacity: true)
            frontier.append(Int32(t))
            territoryStamp[t] = t
            var inReach = [Int32(t)]
            for _ in 0..<self.hops {
                next.removeAll(keepingCapacity: true)
                for u in frontier {
                    for e in projection.adjacency.edgeRange(of: u) {
                        let v = projection.adjacency.targets[e]
                        if territoryStamp[Int(v)] != t {
                            territoryStamp[Int(v)] = t
                            next.append(v)
                            inReach.append(v)
                        }
                    }
                }
                swap(&frontier, &next)
            }
            var supply = 0
            var agents = 0
            for u in inReach {
                for e in projection.coverageByTerritory.edgeRange(of: u) {
                    let a = Int(projection.coverageByTerritory.targets[e])
                    guard agentStamp[a] != t, projection.agentActive[a] else { continue }
                    agentStamp[a] = t
                    agents += 1
                    supply += max(0, Int(projection.agentCapacity[a]) - Int(projection.agentOpenLeads[a]))
                }
            }
            let scaled = self.demandScale == 1 ? demand[t] : Int((Double(demand[t]) * self.demandScale).rounded())
            territories.append(Territory(territory: t, demand: scaled, supply: supply, agents: agents))
        }
        territories.sort {
            if $0.shortfall != $1.shortfall { return $0.shortfall > $1.shortfall }
            if $0.demand != $1.demand { return $0.demand > $1.demand }
            return $0.territory < $1.territory
        }
        return Result(territories: territories, unknownTerritoryLeads: unknown)
    }
}
