/// Why `rebalance apply` left a planned move alone. A move is never forced: anything that changed since the plan
/// was computed, or a target without room, skips it, and the skip is recorded and reported.
public enum RebalanceSkipReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The store has no such lead.
    case leadMissing = "lead_missing"
    /// The lead was closed since the plan.
    case leadClosed = "lead_closed"
    /// The lead's offer was accepted since the plan.
    case leadAccepted = "lead_accepted"
    /// The lead is no longer where the plan found it (re-routed, declined, expired, withdrawn or routed on retry).
    case leadRerouted = "lead_rerouted"
    /// The lead is where the plan found it but was touched after the plan's watermark.
    case leadChanged = "lead_changed"
    /// The target agent has no row in the store.
    case targetNotInStore = "target_not_in_store"
    /// The target agent is paused.
    case targetPaused = "target_paused"
    /// The target agent has no room left.
    case targetFull = "target_full"
}
