/// Where an assignment of a lead to an agent stands. Offered and accepted assignments are *active*: they hold one
/// unit of the agent's capacity; every other state is final.
///
/// ```
/// offered ──accept──▶ accepted ──close──▶ closed_won | closed_lost
///    │                    ▲                     │  ▲
///    │                    └──────reopen─────────┘  └─correct: won ⇄ lost
///    │ decline / expire (the lead is re-routed, excluding this agent)
///    ▼
/// declined | expired            reassigned: moved by a rebalance
/// ```
///
/// `reopen` and `correct` undo a mistaken close: both are audited and fix the agent's conversion counts.
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
        case (.closedWon, .accepted), (.closedLost, .accepted), (.closedWon, .closedLost), (.closedLost, .closedWon): true
        default: false
        }
    }

    /// Closed won or closed lost.
    public var isClosed: Bool { self == .closedWon || self == .closedLost }

    /// The audit action of a move from `from` to this state: `reopened` (closed → accepted), `close_corrected`
    /// (won ⇄ lost), else the state's own name.
    public func auditAction(from: AssignmentState) -> String {
        if from.isClosed && self == .accepted { return "reopened" }
        if from.isClosed && self.isClosed { return "close_corrected" }
        return self.rawValue
    }

    /// The outbox event kind of a move from `from` to this state (``eventKind`` except for reopen and correct).
    public func eventKind(from: AssignmentState) -> String {
        if from.isClosed && self == .accepted { return "lead.reopened" }
        if from.isClosed && self.isClosed { return "lead.close_corrected" }
        return self.eventKind
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
