import LeadRoutingCore
import Testing

@Suite struct RouterTests {
    @Test func derivesAdjacencyDistanceFromCentroids() throws {
        // t1 and t2 are 0.02° of latitude apart: about 2.22 km; the distance is not in the dataset.
        let router = try SmallNetwork.router(
            RoutingPolicy(weights: .init(coverage: 1, referral: 0, performance: 0, headroom: 0, fairness: 0, responsiveness: 0, distance: 0))
        )
        let decision = router.route(Lead(id: "l", territoryId: "t2"))
        #expect(decision.agentId == "c")
        #expect(decision.candidates.map(\.agentId) == ["c", "a", "b"])
        #expect(decision.candidates[1].features.coverage == 0.5)
    }

    @Test func pausedAgentIsExcludedAsUnavailable() throws {
        let router = try SmallNetwork.router()
        var load = AgentLoadTable(projection: router.projection)
        load.setAvailable(false, for: router.projection.agent("a")!)
        let decision = router.route(Lead(id: "l", territoryId: "t1"), load: load)
        #expect(decision.excluded == ["unavailable": 1])
        #expect(decision.agentId != "a")
    }

    @Test func callerExclusionIsCountedAndRespected() throws {
        let router = try SmallNetwork.router()
        let decision = router.route(Lead(id: "l", territoryId: "t1"), load: AgentLoadTable(projection: router.projection), excluding: ["a", "zz"])
        #expect(decision.excluded == ["excluded": 1])
        #expect(!decision.candidates.contains { $0.agentId == "a" })
    }

    @Test func batchAssignmentsFillCapacityThenLeadIsUnroutable() throws {
        let router = try SmallNetwork.router()
        var load = AgentLoadTable(projection: router.projection)
        var workspace = router.makeWorkspace()
        var winners: [String] = []
        for i in 0..<6 {
            let decision = router.route(Lead(id: "l\(i)", territoryId: "t1"), load: load, workspace: &workspace)
            guard let agent = decision.agentId else {
                #expect(decision.reason == .noEligibleAgent)
                #expect(decision.excluded == ["at_capacity": 3])
                continue
            }
            winners.append(agent)
            load.assign(router.projection.agent(agent)!)
        }
        // Capacities 2 + 2 + 1 = 5 leads, then the sixth is unroutable.
        #expect(winners.count == 5)
        #expect(winners.filter { $0 == "a" }.count == 2)
        #expect(winners.filter { $0 == "c" }.count == 1)
    }

    @Test func reusedWorkspaceGivesTheSameDecisionAsAFreshOne() throws {
        let router = try SmallNetwork.router()
        let load = AgentLoadTable(projection: router.projection)
        var workspace = router.makeWorkspace()
        let leads = [
            Lead(id: "1", territoryId: "t1", sourceAgentId: "a"), Lead(id: "2", territoryId: "t2"),
            Lead(id: "3", territoryId: "t1", previousAgentId: "b"), Lead(id: "4", territoryId: "nowhere"),
        ]
        for lead in leads + leads {
            #expect(router.route(lead, load: load, workspace: &workspace) == router.route(lead, load: load))
        }
    }

    @Test func unknownSourceAndPreviousAgentsAreNotedNotFatal() throws {
        let router = try SmallNetwork.router()
        let decision = router.route(Lead(id: "l", territoryId: "t1", sourceAgentId: "ghost", previousAgentId: "gone"))
        #expect(decision.status == .routed)
        #expect(decision.notes.contains("source agent ghost is not in the graph; no referral paths"))
        #expect(decision.notes.contains("previous agent gone is not in the graph"))
    }

    @Test func referralChainFromSourceAddsReferralStrength() throws {
        let router = try SmallNetwork.router()
        let decision = router.route(Lead(id: "l", territoryId: "t1", sourceAgentId: "a"))
        let c = try #require(decision.candidates.first { $0.agentId == "c" })
        // (1 − e^(−3/5)) × (1 + 1) / (3 + 2)
        let expected = (1 - 0.548_811_636_094_026_4) * 2.0 / 5.0
        #expect(abs(c.features.referral - expected) < 1e-6)
    }

    @Test func scoresAndFeaturesStayInRange() throws {
        let router = try SmallNetwork.router()
        for territory in ["t1", "t2"] {
            for urgency in 0...3 {
                let decision = router.route(Lead(id: "l", territoryId: territory, urgency: urgency, sourceAgentId: "a"))
                for candidate in decision.candidates {
                    #expect((0...1).contains(candidate.score))
                    for (_, value) in candidate.features.named { #expect((0...1).contains(value)) }
                }
            }
        }
    }
}
