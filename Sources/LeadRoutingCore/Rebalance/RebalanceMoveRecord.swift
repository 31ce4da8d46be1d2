/// What became of one planned move, as the store records it: the move's idempotency key is (plan id, lead id), so
/// a move is applied or skipped once, and an interrupted apply resumes where it stopped.
public struct RebalanceMoveRecord: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case applied
        case skipped
    }

    public var leadId: String
    public var fromAgentId: String?
    public var toAgentId: String
    public var outcome: Outcome
    /// Why it was skipped; nil when applied.
    public var reason: RebalanceSkipReason?
    /// The new offer's assignment id; nil when skipped (or in a dry run).
    public var assignmentId: Int64?
    public var atMillis: Int64

    public init(
        leadId: String,
        fromAgentId: String?,
        toAgentId: String,
        outcome: Outcome,
        reason: RebalanceSkipReason? = nil,
        assignmentId: Int64? = nil,
        atMillis: Int64
    ) {
        self.leadId = leadId
        self.fromAgentId = fromAgentId
        self.toAgentId = toAgentId
        self.outcome = outcome
        self.reason = reason
        self.assignmentId = assignmentId
        self.atMillis = atMillis
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.leadId, forKey: .leadId)
        try c.encode(self.fromAgentId, forKey: .fromAgentId)
        try c.encode(self.toAgentId, forKey: .toAgentId)
        try c.encode(self.outcome, forKey: .outcome)
        try c.encode(self.reason, forKey: .reason)
        try c.encode(self.assignmentId, forKey: .assignmentId)
        try c.encode(self.atMillis, forKey: .atMillis)
    }
}
