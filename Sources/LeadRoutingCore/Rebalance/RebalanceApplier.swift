/// Applies a rebalance plan to the lead store: the one library call behind `rebalance apply`, the HTTP apply
/// route and the periodic job. Keeps the plan in the store, then applies its moves in batches
/// (``RebalancePlan/applyBatches(size:)``), one transaction each (``RebalanceStore/applyRebalanceBatch(_:)``).
/// Every move is recorded by (plan id, lead id): applying again (after a crash, a kill, or twice on purpose)
/// skips what is recorded and finishes the rest, ending in the state one uninterrupted run leaves.
public struct RebalanceApplier: Sendable {
    /// Settings, each with a documented default.
    public struct Configuration: Sendable, Hashable {
        /// Moves per transaction (a group of moves that swap leads is never split, so a batch can be larger).
        /// Default 100: short transactions that hold few rows' locks, and few round trips per move.
        public var batchSize: Int

        public init(batchSize: Int = 100) {
            self.batchSize = batchSize
        }

        /// The largest batch size accepted.
        public static let maximumBatchSize = 10_000
    }

    public let store: any RebalanceStore
    public let clock: any WallClock
    public let configuration: Configuration

    public init(store: any RebalanceStore, clock: any WallClock, configuration: Configuration = .init()) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
    }

    /// Applies `plan` (or, with `dryRun`, reports what applying it now would do, writing nothing).
    /// `afterBatch(done, total)` is called after each committed batch (progress; tests stop there to simulate a
    /// crash at a commit boundary).
    /// - Throws: ``InputError`` for a plan that is not well formed (nothing written); ``LeadStoreError`` `conflict`
    ///   when another plan is kept under its id.
    public func apply(
        _ plan: RebalancePlan,
        dryRun: Bool = false,
        afterBatch: (Int, Int) async throws -> Void = { _, _ in }
    ) async throws -> RebalanceApplyReport {
        try Self.validate(plan)
        guard (1...Configuration.maximumBatchSize).contains(self.configuration.batchSize) else {
            throw InputError(field: "batchSize", reason: "must be 1–\(Configuration.maximumBatchSize)", subject: "rebalance apply")
        }
        if !dryRun { try await self.store.saveRebalancePlan(plan, atMillis: self.clock.nowMillis()) }
        var recorded: [String: RebalanceMoveRecord] = [:]
        for record in try await self.store.rebalanceMoveRecords(planId: plan.planId) { recorded[record.leadId] = record }
        var earlier = Set(recorded.keys)
        let batches = plan.applyBatches(size: self.configuration.batchSize)
        var committed = 0
        if dryRun {
            for record in try await self.preview(plan, batches: batches, recorded: recorded) { recorded[record.leadId] = record }
        } else {
            for (number, batch) in batches.enumerated() {
                let pending = batch.filter { recorded[$0.leadId] == nil }
                guard !pending.isEmpty else { continue }
                let result = try await self.store.applyRebalanceBatch(RebalanceBatch(plan: plan, moves: pending, atMillis: self.clock.nowMillis()))
                for record in result.records { recorded[record.leadId] = record }
                earlier.formUnion(result.recordedBefore)
                committed += 1
                try await afterBatch(number + 1, batches.count)
            }
        }
        var report = RebalanceApplyReport(planId: plan.planId, dryRun: dryRun, batches: committed)
        for move in plan.moves.sorted(by: { $0.leadId < $1.leadId }) {
            guard let record = recorded[move.leadId] else { continue }
            switch (record.outcome, earlier.contains(move.leadId)) {
            case (.skipped, false): report.skipped.append(record)
            case (.skipped, true): report.alreadySkipped.append(record)
            case (.applied, false): report.applied.append(record)
            case (.applied, true): report.alreadyApplied.append(record)
            }
        }
        return report
    }

    /// What applying the unrecorded moves would do now: the same checks on a plain read of the leads and loads,
    /// batch after batch, carrying the loads forward.
    private func preview(
        _ plan: RebalancePlan,
        batches: [[RebalanceMove]],
        recorded: [String: RebalanceMoveRecord]
    ) async throws -> [RebalanceMoveRecord] {
        let pending = batches.joined().filter { recorded[$0.leadId] == nil }
        let states = try await self.store.rebalanceLeadStates(pending.map(\.leadId))
        var loads: [String: AgentLoadRecord] = [:]
        for load in try await self.store.agentLoads() { loads[load.agentId] = load }
        let now = self.clock.nowMillis()
        var records: [RebalanceMoveRecord] = []
        for batch in batches {
            let moves = batch.filter { recorded[$0.leadId] == nil }
            let reasons = RebalanceMoveCheck.resolve(moves, leads: states, loads: &loads, watermark: plan.watermark)
            for (move, reason) in zip(moves, reasons) {
                records.append(
                    RebalanceMoveRecord(
                        leadId: move.leadId,
                        fromAgentId: move.fromAgentId,
                        toAgentId: move.toAgentId,
                        outcome: reason == nil ? .applied : .skipped,
                        reason: reason,
                        atMillis: now
                    )
                )
            }
        }
        return records
    }

    /// A plan read from a file or a request must name each lead once, with ids of the safe alphabet and a target
    /// other than its source.
    public static func validate(_ plan: RebalancePlan) throws(InputError) {
        let subject = "rebalance plan"
        if let problem = Lead.idProblem(plan.planId) { throw InputError(field: "planId", reason: problem, subject: subject) }
        var seen = Set<String>()
        for (index, move) in plan.moves.enumerated() {
            let field = "moves.\(index)"
            if let problem = Lead.idProblem(move.leadId) { throw InputError(field: "\(field).leadId", reason: problem, subject: subject) }
            if let problem = Lead.idProblem(move.toAgentId) { throw InputError(field: "\(field).toAgentId", reason: problem, subject: subject) }
            if let from = move.fromAgentId, let problem = Lead.idProblem(from) {
                throw InputError(field: "\(field).fromAgentId", reason: problem, subject: subject)
            }
            if move.fromAgentId == move.toAgentId {
                throw InputError(field: "\(field).toAgentId", reason: "equals fromAgentId: not a move", subject: subject)
            }
            if !seen.insert(move.leadId).inserted {
                throw InputError(field: "\(field).leadId", reason: "lead \(move.leadId) moves twice", subject: subject)
            }
        }
    }
}
