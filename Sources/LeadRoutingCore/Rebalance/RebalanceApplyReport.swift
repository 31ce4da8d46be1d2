/// What one `rebalance apply` did, in plan order: the JSON of `rebalance apply --json` and of
/// `POST /api/v1/rebalance/plans/{planId}/apply`. Running apply again on a finished plan applies nothing: every
/// move is then in ``alreadyApplied`` or ``alreadySkipped``, so an interrupted apply and its resumption together
/// report what one uninterrupted run does, and counting ``applied`` and ``skipped`` over runs counts each move once.
public struct RebalanceApplyReport: Sendable, Hashable, Codable {
    public var planId: String
    /// A preview: nothing was written; ``applied`` and ``skipped`` say what an apply would do now.
    public var dryRun: Bool
    /// Moves this run applied.
    public var applied: [RebalanceMoveRecord]
    /// Moves this run skipped, each with its reason.
    public var skipped: [RebalanceMoveRecord]
    /// Moves an earlier run applied.
    public var alreadyApplied: [RebalanceMoveRecord]
    /// Moves an earlier run skipped, each with its reason.
    public var alreadySkipped: [RebalanceMoveRecord]
    /// Transactions this run committed (none in a dry run).
    public var batches: Int

    public init(
        planId: String,
        dryRun: Bool,
        applied: [RebalanceMoveRecord] = [],
        skipped: [RebalanceMoveRecord] = [],
        alreadyApplied: [RebalanceMoveRecord] = [],
        alreadySkipped: [RebalanceMoveRecord] = [],
        batches: Int = 0
    ) {
        self.planId = planId
        self.dryRun = dryRun
        self.applied = applied
        self.skipped = skipped
        self.alreadyApplied = alreadyApplied
        self.alreadySkipped = alreadySkipped
        self.batches = batches
    }
}

/// How far applying a kept plan has come: `GET /api/v1/rebalance/plans/{planId}`'s `progress`.
public struct RebalanceProgress: Sendable, Hashable, Codable {
    public var moves: Int
    public var applied: Int
    public var skipped: Int
    /// Moves not recorded yet (never applied, or an apply was interrupted before their batch).
    public var pending: Int
    /// Skipped moves per reason (``RebalanceSkipReason`` raw values).
    public var skippedByReason: [String: Int]
    /// The latest recorded move's time (store time); nil before the first.
    public var lastAppliedAtMillis: Int64?

    public init(plan: RebalancePlan, records: [RebalanceMoveRecord]) {
        let planned = Set(plan.moves.map(\.leadId))
        let recorded = records.filter { planned.contains($0.leadId) }
        self.moves = plan.moves.count
        self.applied = recorded.filter { $0.outcome == .applied }.count
        self.skipped = recorded.count - self.applied
        self.pending = self.moves - recorded.count
        self.skippedByReason = recorded.reduce(into: [:]) { counts, record in
            if let reason = record.reason { counts[reason.rawValue, default: 0] += 1 }
        }
        self.lastAppliedAtMillis = recorded.map(\.atMillis).max()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.moves, forKey: .moves)
        try c.encode(self.applied, forKey: .applied)
        try c.encode(self.skipped, forKey: .skipped)
        try c.encode(self.pending, forKey: .pending)
        try c.encode(self.skippedByReason, forKey: .skippedByReason)
        try c.encode(self.lastAppliedAtMillis, forKey: .lastAppliedAtMillis)
    }
}

/// A kept plan and how far it was applied: the body of `GET /api/v1/rebalance/plans/{planId}`.
public struct RebalancePlanStatus: Sendable, Hashable, Codable {
    public var plan: RebalancePlan
    public var progress: RebalanceProgress

    public init(plan: RebalancePlan, progress: RebalanceProgress) {
        self.plan = plan
        self.progress = progress
    }
}
