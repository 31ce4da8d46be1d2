/// Accept, close, reopen or correct the close of an agent's assignment of a lead.
public struct AssignmentTransition: Sendable, Hashable {
    public var leadId: String
    public var agentId: String
    /// `accepted` (accept an offer, or reopen a closed assignment), `closed_won` or `closed_lost` (close, or correct
    /// a close).
    public var to: AssignmentState
    /// The states this move starts from: accept moves an offer, close an accepted assignment, reopen and correct a
    /// closed one; the store rejects the move from any other state (so accepting never reopens by accident). An
    /// assignment already in ``to`` is a repeat and returned unchanged.
    public var from: Set<AssignmentState>
    public var atMillis: Int64

    public init(leadId: String, agentId: String, to: AssignmentState, atMillis: Int64, from: Set<AssignmentState>? = nil) {
        self.leadId = leadId
        self.agentId = agentId
        self.to = to
        self.atMillis = atMillis
        self.from = from ?? Self.usualFrom(to)
    }

    /// Where accept and close start from.
    static func usualFrom(_ to: AssignmentState) -> Set<AssignmentState> {
        switch to {
        case .accepted: [.offered]
        case .closedWon, .closedLost: [.accepted]
        default: Set(AssignmentState.allCases.filter { $0.isActive && $0.canTransition(to: to) })
        }
    }
}
