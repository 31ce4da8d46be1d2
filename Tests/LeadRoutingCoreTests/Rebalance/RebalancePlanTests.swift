import Foundation
import LeadRoutingCore
import Testing

@Suite struct RebalancePlanTests {
    /// The `swap` network of fixtures/rebalance: L1 moves A → B, unroutable L2 goes to A.
    static var swap: RebalanceInstance {
        RebalanceInstance(
            agents: [.init(id: "A", capacity: 1, fixedLoad: 0), .init(id: "B", capacity: 1, fixedLoad: 0)],
            leads: [
                .init(id: "L1", currentAgent: 0, candidates: [.init(agent: 0, score: 0.9), .init(agent: 1, score: 0.8)], reason: .staleOffer),
                .init(id: "L2", currentAgent: nil, candidates: [.init(agent: 0, score: 0.7)], reason: .unroutable),
            ]
        )
    }

    static let flatLoadCost = RebalancePolicy(loadCost: [LoadCostSegment(upToUtilisation: 1, costPerLead: 0)])

    @Test func movesSummaryAndShadowPrices() throws {
        let network = RebalanceNetwork(instance: Self.swap, policy: Self.flatLoadCost)
        let solution = try network.solve()
        let plan = RebalancePlan(
            network: network,
            solution: solution,
            graphVersion: "g1",
            policyVersion: "p1",
            watermark: 42,
            scope: .stale,
            agentTerritories: ["A": ["T1", "T2"], "B": ["T2"]]
        )
        #expect(plan.objective == -1_450_000)
        #expect(
            plan.moves == [
                RebalanceMove(leadId: "L1", fromAgentId: "A", toAgentId: "B", scoreBefore: 0.9, scoreAfter: 0.8, reason: .staleOffer),
                RebalanceMove(leadId: "L2", fromAgentId: nil, toAgentId: "A", scoreBefore: nil, scoreAfter: 0.7, reason: .unroutable),
            ]
        )
        #expect(plan.unplaced.isEmpty)
        // Before: A full (L1), B empty → utilisations [1, 0]: Gini 0.5, Jain 0.5. After: [1, 1]: Gini 0, Jain 1.
        #expect(plan.summary.before.totalScore == 0.9)
        #expect(plan.summary.before.unassigned == 1)
        #expect(plan.summary.before.loadGini == 0.5)
        #expect(plan.summary.before.jainIndex == 0.5)
        #expect(abs(plan.summary.after.totalScore - 1.5) < 1e-12)
        #expect(plan.summary.after.unassigned == 0)
        #expect(plan.summary.after.loadGini == 0)
        #expect(plan.summary.after.jainIndex == 1)
        #expect(plan.summary.after.maxUtilisation == 1)
        #expect(plan.summary.before.utilisationHistogram == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(plan.summary.after.utilisationHistogram == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2])
        // Only A has a positive price (0.15, see the fixture README); it covers T1 and T2.
        #expect(plan.summary.topShadowPrices.count == 1)
        #expect(plan.summary.topShadowPrices.first?.agentId == "A")
        #expect(plan.summary.topTerritoryShadowPrices.map(\.territoryId) == ["T1", "T2"])
        #expect(plan.planId.hasPrefix("rb-") && plan.planId.count == 19)
    }

    @Test func planIdDependsOnTheStateItWasComputedAt() throws {
        let network = RebalanceNetwork(instance: Self.swap, policy: Self.flatLoadCost)
        let solution = try network.solve()
        func plan(_ watermark: Int64) -> RebalancePlan {
            RebalancePlan(network: network, solution: solution, graphVersion: "g", policyVersion: "p", watermark: watermark, scope: .stale)
        }
        #expect(plan(1).planId == plan(1).planId)
        #expect(plan(1).planId != plan(2).planId)
    }

    @Test func giniAndJainOnKnownValues() {
        #expect(LoadSummary.gini([]) == 0)
        #expect(LoadSummary.gini([0.5, 0.5, 0.5]) == 0)
        // [0, 0, 0, 1]: mean 0.25, Σ|xi − xj| = 2·3 = 6, / (2·16·0.25) = 0.75.
        #expect(abs(LoadSummary.gini([0, 1, 0, 0]) - 0.75) < 1e-12)
        #expect(LoadSummary.jain([1, 1]) == 1)
        #expect(abs(LoadSummary.jain([1, 0, 0, 0]) - 0.25) < 1e-12)
    }

    @Test func moveEncodesAbsentValuesAsNull() throws {
        let move = RebalanceMove(leadId: "L", fromAgentId: nil, toAgentId: "A", scoreBefore: nil, scoreAfter: 0.5, reason: .unroutable)
        let json = String(decoding: try JSONEncoder().encode(move), as: UTF8.self)
        #expect(json.contains(#""fromAgentId":null"#))
        #expect(json.contains(#""scoreBefore":null"#))
    }
}
