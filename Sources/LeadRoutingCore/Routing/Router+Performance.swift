#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Whether the policy adjusts the performance term per lead (``RoutingPolicy/ownLanguageBonus``,
    /// ``RoutingPolicy/loadConversionPenalty``); without, the term is the agent's rate as it is.
    var adjustsConversion: Bool { self.policy.ownLanguageBonus != 0 || self.policy.loadConversionPenalty != 0 }

    /// The performance term for this lead: the agent's conversion rate (mean or draw) moved in log-odds by the
    /// client's own language and by the agent's utilisation with the lead counted, `(open + 1) / capacity`.
    func adjustedConversion(_ rate: Double, speaksClientLanguage: Bool, open: Int32, capacity: Int32) -> Double {
        let p = min(1 - 1e-12, max(1e-12, rate))
        var logit = log(p) - log1p(-p)
        if speaksClientLanguage { logit += self.policy.ownLanguageBonus }
        let utilisation = capacity > 0 ? min(1, Double(open + 1) / Double(capacity)) : 1
        logit -= self.policy.loadConversionPenalty * utilisation * utilisation
        return 1 / (1 + exp(-logit))
    }

    /// An upper bound of ``adjustedConversion(_:speaksClientLanguage:open:capacity:)`` without a logarithm or an
    /// exponential, for the pruned search: the load only lowers the odds, and raising the odds by `e^b` raises the
    /// probability by less than `e^b` times. The last factor covers rounding.
    func conversionBound(_ rate: Double, speaksClientLanguage: Bool) -> Double {
        min(1, rate * (speaksClientLanguage ? self.languageOddsFactor : 1) * (1 + 1e-9) + 1e-15)
    }
}
