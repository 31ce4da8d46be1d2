extension Router {
    /// The agent's conversion-rate posterior: the dataset's history (`closed` of `assigned`) shrunk towards the
    /// network rate with `performancePriorStrength` pseudo-observations, plus the wins and losses the lead store
    /// recorded since (in `load`). Its mean is the performance feature.
    public func performancePosterior(of agent: Int32, load: AgentLoadTable) -> BetaPosterior {
        let a = Int(agent)
        return BetaPosterior.seeded(
            closed: Double(self.projection.agentClosed[a]),
            assigned: Double(self.projection.agentAssigned[a]),
            prior: self.projection.networkConversionRate,
            strength: self.policy.performancePriorStrength
        )
        .updated(won: Int(load.closedWon[a]), lost: Int(load.closedLost[a]))
    }

    /// The stream of a lead's exploration draws, hashed once per lead; each candidate's draw is seeded by its agent
    /// on that stream.
    static func explorationStream(leadId: String) -> UInt64 { SeededRandom.stream(forKey: "thompson/" + leadId) }

    /// The performance feature: the posterior mean, or with `"exploration": "thompson"` a draw from the posterior
    /// seeded by the lead and agent (the same lead meets the same draws on every replay).
    func performanceScore(_ agent: Int32, explorationStream: UInt64, load: AgentLoadTable) -> Double {
        let a = Int(agent)
        let learned = load.closedWon[a] != 0 || load.closedLost[a] != 0
        switch self.policy.exploration {
        case .none:
            // Without outcomes the posterior mean is the precomputed history rate.
            return learned ? min(1, max(0, self.performancePosterior(of: agent, load: load).mean)) : self.performance[a]
        case .thompson:
            var random = SeededRandom(seed: UInt64(bitPattern: Int64(a)), stream: explorationStream)
            return self.performancePosterior(of: agent, load: load).draw(using: &random)
        }
    }
}
