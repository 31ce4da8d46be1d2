import Testing

@testable import LeadRoutingCore

/// Round robin itself: over many leads in one territory every covering agent comes first equally often (near-uniform
/// load, the Gini of the first choices 0); weighted by capacity, in proportion to capacity; an agent covering another
/// territory only is never chosen while a covering one is eligible.
struct RoundRobinOrderingTests {
    /// Agents A1…A6 of capacity 1…6 cover T1; A7 covers T2 only.
    static func projection() throws -> GraphProjection {
        let dataset = Dataset(
            agents: (1...7).map { Agent(id: "A\($0)", states: ["CA"], capacity: $0 <= 6 ? $0 : 1) },
            territories: [
                Territory(id: "T1", state: "CA", latitude: 34.0, longitude: -118.0),
                Territory(id: "T2", state: "CA", latitude: 34.1, longitude: -118.1),
            ],
            coverage: (0..<6).map { Coverage(agent: Int32($0), territory: 0, weight: 1) } + [Coverage(agent: 6, territory: 1, weight: 1)]
        )
        return try GraphProjection(dataset: dataset, version: "rr-1")
    }

    static func firstChoices(weighted: Bool, leads: Int) throws -> [String: Int] {
        let projection = try Self.projection()
        let ordering = RoundRobinOrdering(projection: projection, weighted: weighted)
        // The router's ranking, best first: not round robin's order, which must not matter.
        let ranking = ["A7", "A3", "A1", "A6", "A2", "A5", "A4"].map {
            CandidateExplanation(agentId: $0, score: 0.5, features: FeatureScores(), path: [])
        }
        var counts: [String: Int] = [:]
        for number in 0..<leads {
            let ordered = ordering.order(
                ranking,
                lead: Lead(id: "L\(number)", territoryId: "T1", kind: .buy),
                load: AgentLoadTable(projection: projection)
            )
            #expect(Set(ordered.map(\.agentId)) == Set(ranking.map(\.agentId)), "the same candidates, reordered")
            counts[ordered[0].agentId, default: 0] += 1
        }
        return counts
    }

    @Test func plainRoundRobinGivesEveryCoveringAgentTheSameShare() throws {
        let counts = try Self.firstChoices(weighted: false, leads: 600)
        #expect(counts == ["A1": 100, "A2": 100, "A3": 100, "A4": 100, "A5": 100, "A6": 100])
        #expect(LoadFairness.gini(counts.values.map(Double.init)) == 0)
        let uneven = try Self.firstChoices(weighted: false, leads: 604)
        #expect(uneven.values.max()! - uneven.values.min()! <= 1, "near-uniform at any point: \(uneven)")
    }

    @Test func weightedRoundRobinFollowsCapacity() throws {
        let counts = try Self.firstChoices(weighted: true, leads: 210)
        #expect(counts == ["A1": 10, "A2": 20, "A3": 30, "A4": 40, "A5": 50, "A6": 60])
    }
}
