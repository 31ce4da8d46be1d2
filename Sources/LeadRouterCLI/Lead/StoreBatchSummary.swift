import LeadRoutingCore

/// Counts of a batch committed through a lead store.
struct StoreBatchSummary: Codable, Sendable {
    var leads = 0
    var routed = 0
    var unroutable = 0
    /// Newly recorded (or routed on retry).
    var committed = 0
    /// Already recorded with the same payload: the first decision returned.
    var replayed = 0
    /// Recorded as unroutable before and routed now.
    var retried = 0
    /// Committed on a lower-ranked candidate because the best had filled up.
    var fellBack = 0

    mutating func add(_ outcome: CommitOutcome) {
        self.leads += 1
        if outcome.decision.status == .routed { self.routed += 1 } else { self.unroutable += 1 }
        switch outcome.disposition {
        case .replayed: self.replayed += 1
        case .retried: self.retried += 1
        default: self.committed += 1
        }
        if outcome.fellBack { self.fellBack += 1 }
    }
}
