import LeadRoutingCore
import Logging
import ServiceLifecycle
import Synchronization

/// Works the store's retry queue of unroutable leads: a scheduled round every ``interval`` (attempts spaced by the
/// policy's backoff, dead-lettered after its maximum), and an extra round of the head of the queue soon after
/// capacity frees in this process (a close, a decline, an agent resuming) — ``capacityFreed()``. Publishes the
/// queue's depth, oldest age and dead letters as metrics. Stops on graceful shutdown.
final class RetryQueueService: Service, Sendable {
    let lifecycle: LeadLifecycle
    let policy: RetryQueuePolicy
    let metrics: ServiceMetrics
    let logger: Logger
    let clock: any WallClock
    /// Time between scheduled rounds. Default 5 s.
    let interval: Duration
    /// How soon a freed capacity is noticed. Default 500 ms.
    let tick: Duration
    private let freed = Mutex(false)

    init(
        lifecycle: LeadLifecycle,
        policy: RetryQueuePolicy,
        metrics: ServiceMetrics,
        logger: Logger,
        clock: any WallClock,
        interval: Duration = .seconds(5),
        tick: Duration = .milliseconds(500)
    ) {
        self.lifecycle = lifecycle
        self.policy = policy
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        self.interval = interval
        self.tick = tick
    }

    /// Capacity freed in this process: try the head of the queue at the next tick.
    func capacityFreed() {
        self.freed.withLock { $0 = true }
    }

    func run() async throws {
        var sinceRound = self.interval  // a round at start
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let scheduled = sinceRound >= self.interval
            let freed = self.freed.withLock { value -> Bool in
                defer { value = false }
                return value
            }
            if scheduled || freed {
                do {
                    let round = try await self.lifecycle.retryQueuedLeads(
                        policy: self.policy,
                        limit: scheduled ? 100 : 20,
                        ignoringSchedule: !scheduled
                    )
                    self.metrics.retryRound(round)
                    if !round.deadLettered.isEmpty {
                        self.logger.warning("leads need attention", metadata: ["leads": .string(round.deadLettered.joined(separator: ","))])
                    }
                    self.metrics.retryQueue(try await self.lifecycle.store.retryQueueStats(), nowMillis: self.clock.nowMillis())
                } catch {
                    self.logger.warning("retry round failed; trying again", metadata: ["error": .string("\(error)")])
                }
                if scheduled { sinceRound = .zero }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.tick) }
            sinceRound += self.tick
        }
    }
}
