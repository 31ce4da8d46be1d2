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
    /// Knows the truth and plans a batch at a time: holds the arrivals of each window (``SimulationConfiguration/
    /// batchMinutes``), then gives the whole batch the assignment with the largest sum of true conversion
    /// probabilities within the agents' free capacity (an exact min-cost flow, see ``BatchAssignment``), each lead
    /// only to agents the router finds eligible. The offline optimum per batch: an upper bound the greedy oracle can
    /// miss when two leads want the same agent, paid for with the leads' wait for the window.
    ///
    /// Each lead is valued at its agent's load when the window closes plus itself, as the oracle values it. The truth
    /// lowers conversion with the agent's open load, but inside a logistic of a lead-specific score, so the k-th extra
    /// lead of the same batch does not cost a fixed per-unit amount a convex load arc could carry; with a window's
    /// few leads over many agents an agent rarely gets two, and the simplification keeps the assignment exact for the
    /// objective the oracle uses.
    case optimum

    /// The ordering this baseline routes with in one run (fresh state per run).
    func ordering(projection: GraphProjection, truth: any TruthModel, seed: UInt64) -> any CandidateOrdering {
        switch self {
        case .roundRobin: RoundRobinOrdering(projection: projection, weighted: false)
        case .weightedRoundRobin: RoundRobinOrdering(projection: projection, weighted: true)
        case .random: RandomOrdering(seed: seed)
        case .firstMatch: FirstMatchOrdering(projection: projection)
        case .nearest: NearestOrdering()
        case .oracle: OracleOrdering(projection: projection, truth: truth)
        case .optimum: BatchAssignmentOrdering(projection: projection, truth: truth)
        }
    }
}
