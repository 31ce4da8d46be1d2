import LeadRoutingCore
import Logging
import ServiceLifecycle

/// `serve --rebalance-every 15m --rebalance-scope stale`: every ``interval``, plans a rebalance of the scope's leads
/// on the current state (kept in the store, as `POST /rebalance/plans` does) and applies it (as its apply route
/// does), then refreshes the lifecycle's load view. Metrics: plan time, planned moves, objective gain, moves applied
/// and skipped. A failing round is logged and the next one tries again; stops on graceful shutdown (an interrupted
/// apply is finished by nobody: the next round plans afresh, and the moves applied so far stand, each recorded).
///
/// It must run on one replica at a time: it holds no state between rounds, so a singleton wrapper can build a fresh
/// one for each term of leadership and cancel it when the lease is lost.
struct RebalanceJobService: Service {
    let lifecycle: LeadLifecycle
    let store: any RebalanceStore
    let clock: any WallClock
    let metrics: ServiceMetrics
    let logger: Logger
    /// Time between rounds; the first round runs one interval after start.
    let interval: Duration
    let scope: RebalanceScope
    /// Moves per transaction. Default 100.
    var batchSize = RebalanceApplier.Configuration().batchSize
    /// Told when a round moved leads (slots freed in this process).
    var capacityFreed: @Sendable () -> Void = {}

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            guard !Task.isCancelled && !Task.isShuttingDownGracefully else { break }
            do {
                try await self.round()
            } catch {
                self.logger.warning("rebalance round failed; trying again next round", metadata: ["error": .string("\(error)")])
            }
        }
    }

    /// One round: plan, apply, refresh the load view. Returns the apply report.
    @discardableResult
    func round() async throws -> RebalanceApplyReport {
        let start = ContinuousClock.now
        let planner = RebalancePlanner(
            router: self.lifecycle.router,
            store: self.store,
            clock: self.clock,
            configuration: .init(offerSLAMillis: self.lifecycle.configuration.offerSLAMillis)
        )
        let plan = try await planner.plan(scope: self.scope).plan
        self.metrics.rebalancePlanned(plan, trigger: "periodic", duration: start.duration(to: .now))
        let report = try await RebalanceApplier(store: self.store, clock: self.clock, configuration: .init(batchSize: self.batchSize)).apply(plan)
        self.metrics.rebalanceApplied(report)
        if !report.applied.isEmpty {
            try await self.lifecycle.refreshLoad()
            self.capacityFreed()
        }
        self.logger.info(
            "rebalance round",
            metadata: [
                "plan_id": .string(plan.planId), "applied": .stringConvertible(report.applied.count),
                "skipped": .stringConvertible(report.skipped.count), "gain": .stringConvertible(plan.objectiveBefore - plan.objective),
            ]
        )
        return report
    }
}
