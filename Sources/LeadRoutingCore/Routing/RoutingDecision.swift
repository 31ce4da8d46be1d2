/// The outcome of routing one lead, with everything needed to explain it: the Decision JSON of the API,
/// `route --json` and batch output.
public struct RoutingDecision: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case routed
        case unroutable
    }

    /// Why a lead could not be routed.
    public enum UnroutableReason: String, Sendable, Hashable, Codable {
        /// The lead's territory is not in the graph.
        case unknownTerritory = "unknown_territory"
        /// Nobody covers the territory or a territory within reach.
        case noCoverage = "no_coverage"
        /// Candidates exist but every one failed a hard constraint (see ``RoutingDecision/excluded``).
        case noEligibleAgent = "no_eligible_agent"
    }

    /// Which rule picked the winner.
    public enum Rule: String, Sendable, Hashable, Codable {
        /// The best-ranked eligible candidate.
        case bestScore = "best_score"
        /// The returning client's previous agent (policy `stickyReturningClients`).
        case returningClient = "returning_client"
        /// Moved by a batch rebalance (``RebalancePlan``); the plan id is in ``RoutingDecision/notes``.
        case rebalance
    }

    public var leadId: String
    public var status: Status
    /// The chosen agent; nil when unroutable.
    public var agentId: String?
    /// The chosen agent's score; nil when unroutable.
    public var score: Double?
    /// How the lead reaches the chosen agent; empty when unroutable.
    public var path: [PathStep]
    /// The top candidates in rank order (winner first), at most the policy's `explainTopK`.
    public var candidates: [CandidateExplanation]
    /// Excluded candidates counted by their first failing hard constraint (``ExclusionReason`` raw values).
    public var excluded: [String: Int]
    /// Version of the policy the decision was made under.
    public var policy: String
    /// Version of the graph projection the decision was made on.
    public var graphVersion: String
    /// Set when ``status`` is unroutable.
    public var reason: UnroutableReason?
    /// Set when ``status`` is routed.
    public var rule: Rule?
    /// Number of eligible candidates that were ranked.
    public var eligibleCount: Int
    /// Remarks worth showing a person (an ineligible previous agent, an unknown source agent).
    public var notes: [String]

    public init(
        leadId: String,
        status: Status,
        agentId: String? = nil,
        score: Double? = nil,
        path: [PathStep] = [],
        candidates: [CandidateExplanation] = [],
        excluded: [String: Int] = [:],
        policy: String,
        graphVersion: String,
        reason: UnroutableReason? = nil,
        rule: Rule? = nil,
        eligibleCount: Int = 0,
        notes: [String] = []
    ) {
        self.leadId = leadId
        self.status = status
        self.agentId = agentId
        self.score = score
        self.path = path
        self.candidates = candidates
        self.excluded = excluded
        self.policy = policy
        self.graphVersion = graphVersion
        self.reason = reason
        self.rule = rule
        self.eligibleCount = eligibleCount
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case leadId, status, agentId, score, path, candidates, excluded, policy, graphVersion, reason, rule, eligibleCount
        case notes
    }

    /// Encodes `agentId`, `score`, `reason` and `rule` as explicit nulls when absent, so every decision has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.leadId, forKey: .leadId)
        try c.encode(self.status, forKey: .status)
        try c.encode(self.agentId, forKey: .agentId)
        try c.encode(self.score, forKey: .score)
        try c.encode(self.path, forKey: .path)
        try c.encode(self.candidates, forKey: .candidates)
        try c.encode(self.excluded, forKey: .excluded)
        try c.encode(self.policy, forKey: .policy)
        try c.encode(self.graphVersion, forKey: .graphVersion)
        try c.encode(self.reason, forKey: .reason)
        try c.encode(self.rule, forKey: .rule)
        try c.encode(self.eligibleCount, forKey: .eligibleCount)
        try c.encode(self.notes, forKey: .notes)
    }
}
