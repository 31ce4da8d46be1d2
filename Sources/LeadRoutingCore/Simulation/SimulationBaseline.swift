/// The built-in ways to route that a policy is compared with. Each sees the same eligible candidates the router
/// finds (its hard constraints apply) and only orders them differently.
public enum SimulationBaseline: String, Sendable, Hashable, Codable, CaseIterable {
    /// Round robin per territory among the eligible agents covering the lead's territory (all eligible when none does).
    case roundRobin = "round-robin"
    /// Smooth weighted round robin per territory, weights the agents' capacities.
    case weightedRoundRobin = "weighted-round-robin"
    /// A uniformly random eligible agent (seeded by the lead id).
    case random
    /// Ordered rules, first match wins (Salesforce style): covering agents speaking the lead's language, then covering
    /// agents, then anyone eligible; within a rule, agents in id order.
    case firstMatch = "first-match"
    /// The eligible agent whose home is nearest the lead's territory.
    case nearest
    /// Knows the true conversion probabilities: the eligible agent most likely to convert the lead. An upper bound
    /// for one-lead-at-a-time routing, not a policy anyone can run.
    case oracle

    /// The ordering this baseline routes with in one run (fresh state per run).
    func ordering(projection: GraphProjection, truth: any TruthModel, seed: UInt64) -> any CandidateOrdering {
        switch self {
        case .roundRobin: RoundRobinOrdering(projection: projection, weighted: false)
        case .weightedRoundRobin: RoundRobinOrdering(projection: projection, weighted: true)
        case .random: RandomOrdering(seed: seed)
        case .firstMatch: FirstMatchOrdering(projection: projection)
        case .nearest: NearestOrdering()
        case .oracle: OracleOrdering(projection: projection, truth: truth)
        }
    }
}
