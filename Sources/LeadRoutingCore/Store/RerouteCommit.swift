/// Ends an offer (decline or expiry) and re-routes the lead in the same transaction.
public struct RerouteCommit: Sendable, Hashable {
    public var leadId: String
    /// The agent whose offer ends.
    public var agentId: String
    /// `declined` or `expired`.
    public var endState: AssignmentState
    /// The new decision (made excluding every agent whose offer for the lead ended) and its ranking.
    public var decision: RoutingDecision
    public var ranking: [CandidateExplanation]
    public var atMillis: Int64
    /// Why the offer ended, in the agent's words (a decline's reason); kept in the audit row. Nil: none given.
    public var reason: String?

    public init(
        leadId: String,
        agentId: String,
        endState: AssignmentState,
        decision: RoutingDecision,
        ranking: [CandidateExplanation],
        atMillis: Int64,
        reason: String? = nil
    ) {
        self.leadId = leadId
        self.agentId = agentId
        self.endState = endState
        self.decision = decision
        self.ranking = ranking
        self.atMillis = atMillis
        self.reason = reason
    }
}
