/// How dense the generated network is. The same counts give a metro-like network or a national-density one.
public enum GeneratorShape: String, Sendable, Hashable, CaseIterable {
    /// Each agent covers its home and up to seven nearby territories; referral out-degrees are heavy-tailed but
    /// capped at 2,000 partners.
    case metro
    /// As `metro`, plus what national data looks like where people live: a share of agents also covers one of the
    /// busiest territories (Zipf over territories ranked by density), so the densest is covered by about 1.2 % of
    /// all agents (≈ 2,400 of 200,000); and referral hubs (one per 50,000 agents, at least one) each refer to
    /// 15 % of the agents (30,000 of 200,000).
    case national

    /// Share of all agents covering the densest territory through the hot-spot rule (national shape).
    static let densestCoverageShare = 0.012
    /// Agents per referral hub, and each hub's out-degree as a share of the agents (national shape).
    static let agentsPerHub = 50_000
    static let hubOutDegreeShare = 0.15

    /// Referral hubs for `agents` agents: none in the metro shape.
    func hubCount(agents: Int) -> Int {
        guard self == .national, agents > 1 else { return 0 }
        return (agents + Self.agentsPerHub - 1) / Self.agentsPerHub
    }

    /// Out-degree of each hub: 15 % of the agents, at most half of the referral rows shared among the hubs.
    func hubOutDegree(agents: Int, referrals: Int) -> Int {
        let hubs = self.hubCount(agents: agents)
        guard hubs > 0 else { return 0 }
        return max(0, min(agents - 1, Int(Double(agents) * Self.hubOutDegreeShare), referrals / (2 * hubs)))
    }
}
