#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the router learns about referral edges: the closes the lead store recorded of leads referred along an edge
/// (``AgentLoadTable/referralOutcomes``) count as more referrals sent along it, the wins as more of them closed.
extension Router {
    /// The strength of the referral edge at CSR position `position` of `projection.referralsOut` with its learned
    /// closes: `(1 − e^(−(sent + won + lost) / referralVolumeScale)) × (closed + won + 1) / (sent + won + lost + 2)`.
    /// An edge that learned nothing has the precomputed strength itself, so without learned outcomes every decision
    /// is bit-identical to a router that never learns. The search loops call it only when `learned` is not empty
    /// (a check made once per search, outside the loops) and read `referralStrength` directly otherwise; the pruned
    /// and the exhaustive search both do, so they keep agreeing.
    @inline(__always)
    func referralEdgeStrength(_ position: Int, learned: [ReferralOutcome]) -> Double {
        let outcome = learned[position]
        if outcome.isEmpty { return self.referralStrength[position] }
        return self.learnedReferralStrength(position, outcome)
    }

    /// ``referralEdgeStrength(_:learned:)`` of an edge with learned closes.
    @inline(never)
    func learnedReferralStrength(_ position: Int, _ outcome: ReferralOutcome) -> Double {
        let (sent, closed) = self.referralCounts(position, outcome)
        return Self.referralStrength(sent: sent, closed: closed, volumeScale: self.policy.referralVolumeScale)
    }

    /// The referral edge's referrals sent and closed: its history plus the closes learned along it (each learned
    /// close is one more referral sent, and a won one one more closed).
    private func referralCounts(_ position: Int, _ outcome: ReferralOutcome) -> (sent: Double, closed: Double) {
        (
            Double(self.projection.referralSent[position]) + Double(outcome.won) + Double(outcome.lost),
            Double(self.projection.referralClosed[position]) + Double(outcome.won)
        )
    }

    /// A referral edge's strength from its referrals sent and closed (history, plus learned closes):
    /// `(1 − e^(−sent / volumeScale)) × (closed + 1) / (sent + 2)`, a volume factor times a Laplace-smoothed rate, so
    /// one strong relationship outweighs a weak one with the same volume and a thin history stays weak.
    static func referralStrength(sent: Double, closed: Double, volumeScale: Double) -> Double {
        (1 - exp(-sent / volumeScale)) * (closed + 1) / (sent + 2)
    }

    /// The conversion estimate of the referral edge at CSR position `position` (posterior mean under a uniform
    /// prior): `(closed + won + 1) / (sent + won + lost + 2)`, history plus the closes `load` learned along it.
    public func referralEdgeMean(_ position: Int, load: AgentLoadTable) -> Double {
        let (sent, closed) = self.referralCounts(position, load.referralOutcome(edge: position))
        return (closed + 1) / (sent + 2)
    }

    /// The referral edges out of `agent` that learned closes, in CSR order: the referred agent, the closes, the
    /// edge's conversion estimate `(closed + won + 1) / (sent + won + lost + 2)` and its strength.
    public func learnedReferralEdges(of agent: Int32, load: AgentLoadTable) -> [LearnedReferralEdge] {
        guard !load.referralOutcomes.isEmpty else { return [] }
        let out = self.projection.referralsOut
        var edges: [LearnedReferralEdge] = []
        for position in out.edgeRange(of: agent) {
            let outcome = load.referralOutcomes[position]
            if outcome.isEmpty { continue }
            edges.append(
                LearnedReferralEdge(
                    to: self.projection.agentIds[Int(out.targets[position])],
                    won: Int(outcome.won),
                    lost: Int(outcome.lost),
                    mean: self.referralEdgeMean(position, load: load),
                    strength: self.learnedReferralStrength(position, outcome)
                )
            )
        }
        return edges
    }
}
