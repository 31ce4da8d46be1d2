/// Accept or close an agent's assignment of a lead.
public struct AssignmentTransition: Sendable, Hashable {
    public var leadId: String
    public var agentId: String
    /// `accepted`, `closed_won` or `closed_lost`.
    public var to: AssignmentState
    public var atMillis: Int64

    public init(leadId: String, agentId: String, to: AssignmentState, atMillis: Int64) {
        self.leadId = leadId
        self.agentId = agentId
        self.to = to
        self.atMillis = atMillis
    }
}
