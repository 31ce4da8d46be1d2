/// The result of a rebalance run: which leads move where, the optimum that justifies it and what it changes.
/// One `Codable` shape for the CLI's plan file, the HTTP API and the store.
public struct RebalancePlan: Sendable, Hashable, Codable {
    /// Content-derived id: the same state, graph and policy give the same id.
    public var planId: String
    public var graphVersion: String
    /// The policy's identity (`version@sha256:…`, ``RoutingPolicy/identity``): moved leads record it.
    public var policyVersion: String
    /// The store's position the plan was computed at; apply skips leads changed after it.
    public var watermark: Int64
    public var scope: RebalanceScope
    /// Optimal total cost of the flow network (integer, ``RebalanceNetwork/costScale`` per score unit), equal to
    /// the optimum of the exported DIMACS instance.
    public var objective: Int
    /// The same objective for moving nothing (``RebalanceNetwork/costOfStaying()``): `objectiveBefore − objective`
    /// is the plan's gain, in the same integer units.
    public var objectiveBefore: Int
    public var moves: [RebalanceMove]
    /// Movable leads the optimum leaves where they are because no agent can take them.
    public var unplaced: [String]
    public var summary: RebalanceSummary

    public init(
        planId: String,
        graphVersion: String,
        policyVersion: String,
        watermark: Int64,
        scope: RebalanceScope,
        objective: Int,
        objectiveBefore: Int? = nil,
        moves: [RebalanceMove],
        unplaced: [String],
        summary: RebalanceSummary
    ) {
        self.planId = planId
        self.graphVersion = graphVersion
        self.policyVersion = policyVersion
        self.watermark = watermark
        self.scope = scope
        self.objective = objective
        self.objectiveBefore = objectiveBefore ?? objective
        self.moves = moves
        self.unplaced = unplaced
        self.summary = summary
    }
}

/// Which leads a rebalance may move.
public enum RebalanceScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// Offers past the SLA without acceptance, declined leads waiting, unroutable leads.
    case stale
    /// Every offered-but-not-accepted lead, plus unroutable ones.
    case open
}

/// One lead moving to a new agent.
public struct RebalanceMove: Sendable, Hashable, Codable {
    public var leadId: String
    /// Null for a lead without an offer (unroutable or declined).
    public var fromAgentId: String?
    public var toAgentId: String
    /// The router's score with the current agent; null when there is none or it is no longer eligible.
    public var scoreBefore: Double?
    public var scoreAfter: Double
    public var reason: MovableReason

    public init(leadId: String, fromAgentId: String?, toAgentId: String, scoreBefore: Double?, scoreAfter: Double, reason: MovableReason) {
        self.leadId = leadId
        self.fromAgentId = fromAgentId
        self.toAgentId = toAgentId
        self.scoreBefore = scoreBefore
        self.scoreAfter = scoreAfter
        self.reason = reason
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.leadId, forKey: .leadId)
        try c.encode(self.fromAgentId, forKey: .fromAgentId)
        try c.encode(self.toAgentId, forKey: .toAgentId)
        try c.encode(self.scoreBefore, forKey: .scoreBefore)
        try c.encode(self.scoreAfter, forKey: .scoreAfter)
        try c.encode(self.reason, forKey: .reason)
    }
}
