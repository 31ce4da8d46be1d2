/// A lead a rebalance may move, as the lead store describes it.
public struct MovableLead: Sendable, Hashable {
    public var lead: Lead
    /// The agent holding the lead's unaccepted offer; nil for a lead without one (unroutable, declined).
    public var currentAgentId: String?
    /// Agents whose offer for this lead was declined or expired: never candidates again.
    public var endedAgentIds: Set<String>
    public var reason: MovableReason

    public init(lead: Lead, currentAgentId: String?, endedAgentIds: Set<String>, reason: MovableReason) {
        self.lead = lead
        self.currentAgentId = currentAgentId
        self.endedAgentIds = endedAgentIds
        self.reason = reason
    }
}
