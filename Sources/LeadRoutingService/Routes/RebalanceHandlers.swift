import Hummingbird
import LeadRoutingCore
import Logging

/// `POST /rebalance/plans`, `POST /rebalance/plans/{planId}/apply`, `GET /rebalance/plans/{planId}`: thin handlers
/// over ``RebalancePlanner`` and ``RebalanceApplier`` (the calls `rebalance plan` and `rebalance apply` make), on the
/// lifecycle's graph and policy and the lead store. Bodies answer the CLI's JSON: the plan, the apply report, the
/// plan with its progress.
struct RebalanceHandlers: Sendable {
    let lifecycle: LeadLifecycle
    let store: any RebalanceStore
    let clock: any WallClock
    let metrics: ServiceMetrics
    /// Told when an apply moved leads (slots freed in this process).
    var capacityFreed: @Sendable () -> Void = {}

    /// Plans on the current state with the body's scope and policy overrides; keeps and returns the plan (201).
    func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body =
            try await StoreLeadService.optionalBody(RebalancePlanRequest.self, subject: "rebalance plan request", request, context: context)
            ?? RebalancePlanRequest()
        let router = try body.router(on: self.lifecycle.router)
        let planner = RebalancePlanner(
            router: router,
            store: self.store,
            clock: self.clock,
            configuration: .init(offerSLAMillis: body.offerSlaMinutes.map { Int64($0) * 60_000 } ?? self.lifecycle.configuration.offerSLAMillis)
        )
        let start = ContinuousClock.now
        let plan = try await planner.plan(scope: body.scope ?? .stale).plan
        self.metrics.rebalancePlanned(plan, trigger: "api", duration: start.duration(to: .now))
        context.logger.info("rebalance planned", metadata: ["plan_id": .string(plan.planId), "moves": .stringConvertible(plan.moves.count)])
        return try ServiceAPI.json(plan, status: .created)
    }

    /// Applies a kept plan (or previews it with `dryRun`); answers the apply report.
    func apply(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let planId = try Self.planId(context)
        let body =
            try await StoreLeadService.optionalBody(RebalanceApplyRequest.self, subject: "rebalance apply request", request, context: context)
            ?? RebalanceApplyRequest()
        guard let plan = try await self.store.rebalancePlan(planId) else { throw ServiceError.notFound("no rebalance plan \(planId)") }
        let applier = RebalanceApplier(
            store: self.store,
            clock: self.clock,
            configuration: .init(batchSize: body.batchSize ?? RebalanceApplier.Configuration().batchSize)
        )
        let report = try await applier.apply(plan, dryRun: body.dryRun ?? false)
        if !report.dryRun {
            self.metrics.rebalanceApplied(report)
            if !report.applied.isEmpty {
                try await self.lifecycle.refreshLoad()
                self.capacityFreed()
            }
        }
        context.logger.info(
            "rebalance applied",
            metadata: [
                "plan_id": .string(planId), "applied": .stringConvertible(report.applied.count), "skipped": .stringConvertible(report.skipped.count),
                "dry_run": .stringConvertible(report.dryRun),
            ]
        )
        return try ServiceAPI.json(report)
    }

    /// The kept plan and how far it was applied.
    func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let planId = try Self.planId(context)
        guard let plan = try await self.store.rebalancePlan(planId) else { throw ServiceError.notFound("no rebalance plan \(planId)") }
        let records = try await self.store.rebalanceMoveRecords(planId: planId)
        return try ServiceAPI.json(RebalancePlanStatus(plan: plan, progress: RebalanceProgress(plan: plan, records: records)))
    }

    /// The `{planId}` path parameter: 422 naming it unless it is an id of the safe alphabet.
    static func planId(_ context: ServiceRequestContext) throws -> String {
        let id = try context.parameters.require("planId")
        if let problem = Lead.idProblem(id) { throw ServiceError.badParameter("planId", problem) }
        return id
    }
}
