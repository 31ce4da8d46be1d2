extension RebalanceNetwork {
    /// The objective, in the network's integer costs, of moving nothing: each lead on its current agent at its
    /// score (or, when it has none or that agent is no longer a candidate, unplaced), each agent's load cost over
    /// the leads it keeps (a lead beyond its room at the top marginal cost). The optimum is never above it when
    /// moving nothing is feasible; `costOfStaying − objective` is what the plan gains.
    public func costOfStaying() -> Int {
        var cost = 0
        var kept = [Int](repeating: 0, count: self.instance.agents.count)
        for lead in self.instance.leads {
            if let current = lead.currentAgent, let candidate = lead.candidates.first(where: { $0.agent == current }) {
                cost -= Self.scaled(candidate.score)
                kept[current] += 1
            } else {
                cost += Self.scaled(self.policy.unassignedPenalty)
            }
        }
        let top = Self.scaled(self.policy.loadCost.last?.costPerLead ?? 0)
        for (index, agent) in self.instance.agents.enumerated() {
            for k in stride(from: 1, through: kept[index], by: 1) {
                guard agent.capacity > 0, k <= agent.room else {
                    cost += top
                    continue
                }
                cost += Self.scaled(self.policy.marginalLoadCost(atUtilisation: Double(agent.fixedLoad + k) / Double(agent.capacity)))
            }
        }
        return cost
    }
}
