/// A stored lead as the planner reads it.
public struct RebalanceLeadRecord: Sendable, Hashable {
    /// The lead as received (JSON).
    public var payload: String
    public var status: LeadStatus
    /// Agents whose offer for the lead was declined or expired.
    public var endedAgentIds: Set<String>

    public init(payload: String, status: LeadStatus, endedAgentIds: Set<String>) {
        self.payload = payload
        self.status = status
        self.endedAgentIds = endedAgentIds
    }
}

/// Where a lead stands, as a rebalance move checks it: read by the store in the transaction that applies the move
/// (and, without locks, for a dry run).
public struct RebalanceLeadState: Sendable, Hashable {
    public var status: LeadStatus
    /// The agent of the offered or accepted assignment, if any.
    public var activeAgentId: String?
    public var activeState: AssignmentState?
    /// The latest change of the lead or any of its assignments (store time).
    public var lastChangeMillis: Int64

    public init(status: LeadStatus, activeAgentId: String?, activeState: AssignmentState?, lastChangeMillis: Int64) {
        self.status = status
        self.activeAgentId = activeAgentId
        self.activeState = activeState
        self.lastChangeMillis = lastChangeMillis
    }
}
