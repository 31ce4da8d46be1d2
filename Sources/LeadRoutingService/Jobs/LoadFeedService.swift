import LeadRoutingCore
import Logging
import ServiceLifecycle

/// Keeps this replica's load view in step with the store on every replica (not a singleton): polls the
/// ``AgentLoadFeed`` every ``interval``, so a change committed elsewhere (another replica, the CLI, a rebalance)
/// reaches the view within about that long. When some agent gained room, the local retry queue is told
/// (``onCapacityFreed``). A failing store is logged and tried again at the next tick. Stops on graceful shutdown.
struct LoadFeedService: Service {
    let feed: AgentLoadFeed
    let metrics: ServiceMetrics
    let logger: Logger
    /// Called when a poll saw an agent with more room than the view had.
    let onCapacityFreed: @Sendable () -> Void
    /// Time between polls: the lag of the view behind the store. Default 500 ms.
    var interval: Duration = .milliseconds(500)

    func run() async throws {
        var failing = false
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // Sleep first: the server loads the store's counts before it starts (and migrates a new store).
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            guard !Task.isCancelled && !Task.isShuttingDownGracefully else { break }
            do {
                let poll = try await self.feed.poll()
                self.metrics.loadFeedPolled(poll)
                if poll.capacityFreed { self.onCapacityFreed() }
                if failing { self.logger.notice("load feed reads the store again") }
                failing = false
            } catch {
                self.metrics.loadFeedFailed()
                if !failing { self.logger.warning("load feed cannot read the store; retrying", metadata: ["error": .string("\(error)")]) }
                failing = true
            }
        }
    }
}
