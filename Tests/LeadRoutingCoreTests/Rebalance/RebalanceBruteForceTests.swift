import LeadRoutingCore
import Testing

/// Small random rebalance instances (seeded): the network's optimum equals the best of every possible
/// assignment, enumerated; the solver's own assignment costs exactly its objective; and it is deterministic.
@Suite struct RebalanceBruteForceTests {
    @Test(arguments: 0..<10)
    func optimumEqualsExhaustiveSearch(seed: UInt64) throws {
        var random = SeededRandom(seed: 0x8EBA1 + seed)
        for _ in 0..<40 {
            let (instance, policy) = Self.randomInstance(&random)
            let solution = try RebalanceNetwork(instance: instance, policy: policy).solve()
            let best = Self.exhaustiveOptimum(instance, policy)
            #expect(solution.objective == best)
            #expect(Self.cost(of: solution.assignment, instance, policy) == solution.objective)
        }
    }

    @Test func samePlanForTheSameInstance() throws {
        var random = SeededRandom(seed: 5)
        for _ in 0..<30 {
            let (instance, policy) = Self.randomInstance(&random)
            let first = try RebalanceNetwork(instance: instance, policy: policy).solve()
            let second = try RebalanceNetwork(instance: instance, policy: policy).solve()
            #expect(first == second)
        }
    }

    /// Cost of an assignment computed directly from the objective's definition, nil when it breaks a capacity.
    static func cost(of assignment: [Int?], _ instance: RebalanceInstance, _ policy: RebalancePolicy) -> Int? {
        var total = 0
        var load = [Int](repeating: 0, count: instance.agents.count)
        for (lead, agent) in zip(instance.leads, assignment) {
            guard let agent else {
                total += RebalanceNetwork.scaled(policy.unassignedPenalty)
                continue
            }
            guard let candidate = lead.candidates.first(where: { $0.agent == agent }) else { return nil }
            total -= RebalanceNetwork.scaled(candidate.score)
            if let current = lead.currentAgent, current != agent { total += RebalanceNetwork.scaled(policy.churnPenalty) }
            load[agent] += 1
        }
        for (index, agent) in instance.agents.enumerated() {
            guard load[index] <= agent.room else { return nil }
            for k in stride(from: 1, through: load[index], by: 1) {
                let utilisation = Double(agent.fixedLoad + k) / Double(agent.capacity)
                total += RebalanceNetwork.scaled(policy.marginalLoadCost(atUtilisation: utilisation))
            }
        }
        return total
    }

    static func exhaustiveOptimum(_ instance: RebalanceInstance, _ policy: RebalancePolicy) -> Int {
        var best = Int.max
        var choice = [Int?](repeating: nil, count: instance.leads.count)
        func visit(_ lead: Int) {
            if lead == instance.leads.count {
                if let cost = cost(of: choice, instance, policy) { best = min(best, cost) }
                return
            }
            choice[lead] = nil
            visit(lead + 1)
            for candidate in instance.leads[lead].candidates {
                choice[lead] = candidate.agent
                visit(lead + 1)
            }
        }
        visit(0)
        return best
    }

    static func randomInstance(_ random: inout SeededRandom) -> (RebalanceInstance, RebalancePolicy) {
        func draw(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let agentCount = 1 + draw(3)
        let agents = (0..<agentCount).map { index in
            RebalanceInstance.Agent(id: "A\(index)", capacity: draw(5), fixedLoad: draw(3))
        }
        let leadCount = 1 + draw(5)
        let leads = (0..<leadCount).map { index -> RebalanceInstance.LeadChoice in
            var candidates: [RebalanceInstance.Candidate] = []
            for agent in 0..<agentCount where draw(3) > 0 {
                candidates.append(.init(agent: agent, score: Double(draw(11)) / 10))  // tenths: many ties
            }
            let current = draw(2) == 0 ? nil : Optional(draw(agentCount))
            return .init(id: "L\(index)", currentAgent: current, candidates: candidates, reason: current == nil ? .unroutable : .staleOffer)
        }
        var policy = RebalancePolicy(churnPenalty: [0, 0.05, 0.3][draw(3)], unassignedPenalty: [0.2, 1][draw(2)])
        if draw(2) == 0 {
            policy.loadCost = [
                LoadCostSegment(upToUtilisation: 0.5, costPerLead: 0), LoadCostSegment(upToUtilisation: 1, costPerLead: 0.4),
            ]
        }
        return (RebalanceInstance(agents: agents, leads: leads), policy)
    }
}
