/// The lead store's side of a rebalance: plans kept by id, and moves applied in transactions of a batch each,
/// every move recorded by (plan id, lead id) so that applying again never applies a move twice. Implemented by
/// both SQL stores.
public protocol RebalanceStore: LeadStore {
    /// Keeps `plan`. Idempotent: the same plan again changes nothing; another plan under the same id (other moves or
    /// watermark) throws ``LeadStoreError/Kind/conflict``.
    func saveRebalancePlan(_ plan: RebalancePlan, atMillis: Int64) async throws

    /// The plan kept under `planId`, or nil.
    func rebalancePlan(_ planId: String) async throws -> RebalancePlan?

    /// Every recorded move of the plan (applied or skipped), in lead-id order.
    func rebalanceMoveRecords(planId: String) async throws -> [RebalanceMoveRecord]

    /// What the planner needs of each of `leadIds` (missing leads are absent): the payload, the status and the agents
    /// whose offer ended; read in chunks, a few statements per thousand leads.
    func rebalanceLeadRecords(_ leadIds: [String]) async throws -> [String: RebalanceLeadRecord]

    /// Where each of `leadIds` stands now (missing leads are absent); a consistent read without locks.
    func rebalanceLeadStates(_ leadIds: [String]) async throws -> [String: RebalanceLeadState]

    /// Applies one batch of a kept plan's moves in one transaction: moves recorded already are left alone (and
    /// returned in ``RebalanceBatchResult/recordedBefore``); the others are checked against the lead's state and
    /// the targets' room (``RebalanceMoveCheck``) with the rows locked, then applied or skipped, and recorded.
    /// An applied move ends the lead's offer (`reassigned`) and offers it to the target, with audit rows naming
    /// rule `rebalance` and the plan, and outbox events. Throws ``LeadStoreError/Kind/notFound`` for a plan not kept.
    func applyRebalanceBatch(_ batch: RebalanceBatch) async throws -> RebalanceBatchResult
}

/// One transaction's worth of a plan's moves.
public struct RebalanceBatch: Sendable, Hashable {
    public var planId: String
    public var graphVersion: String
    public var policy: String
    /// The plan's watermark: a lead changed after it is skipped.
    public var watermark: Int64
    /// In apply order (``RebalancePlan/applyBatches(size:)``).
    public var moves: [RebalanceMove]
    public var atMillis: Int64

    public init(plan: RebalancePlan, moves: [RebalanceMove], atMillis: Int64) {
        self.planId = plan.planId
        self.graphVersion = plan.graphVersion
        self.policy = plan.policyVersion
        self.watermark = plan.watermark
        self.moves = moves
        self.atMillis = atMillis
    }
}

/// What one batch did: one record per move of the batch, in the batch's order.
public struct RebalanceBatchResult: Sendable, Hashable {
    public var records: [RebalanceMoveRecord]
    /// Leads whose move was recorded by an earlier apply (their record is the earlier one).
    public var recordedBefore: Set<String>

    public init(records: [RebalanceMoveRecord], recordedBefore: Set<String>) {
        self.records = records
        self.recordedBefore = recordedBefore
    }
}
