import LeadRoutingCore
import Testing

/// Candidates of a rebalance come from the router: same generation, same hard rules, same scores.
@Suite struct RebalanceInstanceBuilderTests {
    static func lead(_ id: String, territory: String = "t1") -> Lead { Lead(id: id, territoryId: territory) }

    static func loads(open: [String: Int] = [:], paused: Set<String> = []) -> [AgentLoadRecord] {
        [("a", 2), ("b", 2), ("c", 1)].map { id, capacity in
            AgentLoadRecord(agentId: id, capacity: capacity, open: open[id] ?? 0, paused: paused.contains(id))
        }
    }

    @Test func candidatesAndScoresAreTheRoutersOwn() throws {
        let router = try SmallNetwork.router()
        let instance = RebalanceInstanceBuilder(router: router)
            .build(leads: [MovableLead(lead: Self.lead("L1"), currentAgentId: nil, endedAgentIds: [], reason: .unroutable)], agents: Self.loads())
        let decision = router.ranking(depth: 20).route(Self.lead("L1"), load: AgentLoadTable(projection: router.projection))
        let ids = instance.leads[0].candidates.map { instance.agents[$0.agent].id }
        #expect(ids == decision.candidates.map(\.agentId))
        #expect(instance.leads[0].candidates.map(\.score) == decision.candidates.map(\.score))
        #expect(ids.count == 3)
    }

    @Test func ownSlotIsFreeAndFixedLoadExcludesMovableLeads() throws {
        let router = try SmallNetwork.router()
        // a holds 2 of 2: L1's stale offer and one lead that does not move.
        let instance = RebalanceInstanceBuilder(router: router).build(
            leads: [MovableLead(lead: Self.lead("L1"), currentAgentId: "a", endedAgentIds: [], reason: .staleOffer)],
            agents: Self.loads(open: ["a": 2])
        )
        let a = try #require(instance.agents.firstIndex { $0.id == "a" })
        #expect(instance.agents[a].fixedLoad == 1)
        #expect(instance.agents[a].room == 1)
        #expect(instance.leads[0].currentAgent == a)
        #expect(instance.leads[0].candidates.contains { $0.agent == a })
    }

    @Test func endedAndPausedAgentsAreExcludedFullAgentsKeptWithoutRoom() throws {
        let router = try SmallNetwork.router()
        let instance = RebalanceInstanceBuilder(router: router).build(
            leads: [MovableLead(lead: Self.lead("L1"), currentAgentId: nil, endedAgentIds: ["b"], reason: .declined)],
            agents: Self.loads(open: ["a": 2], paused: ["c"])
        )
        let ids = instance.leads[0].candidates.map { instance.agents[$0.agent].id }
        #expect(ids == ["a"])
        #expect(instance.agents.map(\.room) == [0])
        // Nowhere to go: unplaced, and a's shadow price says one more place would earn score + unplaced penalty.
        let solution = try RebalanceNetwork(instance: instance, policy: router.policy.rebalance).solve()
        #expect(solution.assignment == [nil])
        let score = instance.leads[0].candidates[0].score
        let top = RebalancePolicy.default.loadCost.last!.costPerLead
        #expect(abs(solution.shadowPrices[0] - (score + 1 - top)) < 1e-6)
    }

    @Test func leadsAreTakenInIdOrderWhateverTheInputOrder() throws {
        let router = try SmallNetwork.router()
        let leads = ["L3", "L1", "L2"].map { MovableLead(lead: Self.lead($0), currentAgentId: nil, endedAgentIds: [], reason: .unroutable) }
        let builder = RebalanceInstanceBuilder(router: router)
        let forward = builder.build(leads: leads, agents: Self.loads())
        let backward = builder.build(leads: leads.reversed(), agents: Self.loads())
        #expect(forward == backward)
        #expect(forward.leads.map(\.id) == ["L1", "L2", "L3"])
    }
}
