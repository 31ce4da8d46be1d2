/// Where an assignment of a lead to an agent stands. Offered and accepted assignments are *active*: they hold one
/// unit of the agent's capacity; every other state is final.
///
/// ```
/// offered ──accept──▶ accepted ──close──▶ closed_won | closed_lost
///    │ decline / expire (the lead is re-routed, excluding this agent)
///    ▼
/// declined | expired            reassigned: moved by a rebalance (later issue)
/// ```
public enum AssignmentState: String, Sendable, Hashable, Codable, CaseIterable {
    case offered
    case accepted
    case declined
    case expired
    case closedWon = "closed_won"
    case closedLost = "closed_lost"
    case reassigned

    /// Holds capacity: offered or accepted.
    public var isActive: Bool { self == .offered || self == .accepted }

    /// Whether an assignment in this state may move to `next`. Staying in the same state is not a transition
    /// (the stores treat a repeat as an idempotent no-op).
    public func canTransition(to next: AssignmentState) -> Bool {
        switch (self, next) {
        case (.offered, .accepted), (.offered, .declined), (.offered, .expired), (.offered, .reassigned): true
        case (.accepted, .closedWon), (.accepted, .closedLost), (.accepted, .reassigned): true
        default: false
        }
    }

    /// The outbox event kind recorded when an assignment enters this state.
    public var eventKind: String {
        switch self {
        case .offered: "lead.routed"
        case .accepted: "lead.accepted"
        case .declined: "lead.declined"
        case .expired: "lead.expired"
        case .closedWon, .closedLost: "lead.closed"
        case .reassigned: "lead.reassigned"
        }
    }
}
