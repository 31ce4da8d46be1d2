import LeadRoutingCore

/// A hand-built network for router unit tests that do not need the CSV codec: two territories side by side,
/// three agents, one referral chain.
enum SmallNetwork {
    static var dataset: Dataset {
        Dataset(
            agents: [
                Agent(id: "a", states: ["CA"], capacity: 2, closed: 5, assigned: 10),
                Agent(id: "b", states: ["CA"], capacity: 2, closed: 1, assigned: 10),
                Agent(id: "c", states: ["CA"], capacity: 1),
            ],
            territories: [
                Territory(id: "t1", state: "CA", latitude: 34.0, longitude: -118.0),
                Territory(id: "t2", state: "CA", latitude: 34.02, longitude: -118.0),
            ],
            coverage: [
                Coverage(agent: 0, territory: 0, weight: 1),
                Coverage(agent: 1, territory: 0, weight: 0.8),
                Coverage(agent: 2, territory: 1, weight: 1),
            ],
            adjacency: [TerritoryAdjacency(territory: 0, neighbor: 1)],
            referrals: [Referral(from: 0, to: 2, sent: 3, closed: 1)]
        )
    }

    static func router(_ policy: RoutingPolicy = .default) throws -> Router {
        Router(projection: try GraphProjection(dataset: dataset, version: "small-1"), policy: policy)
    }
}
