import Logging
import ServiceLifecycle

/// Keeps a Neo4j graph current: every ``interval`` asks Neo4j for changes after the watermark and, when there are
/// any, loads the new snapshot aside and installs it (``LiveGraph/reload()``). While Neo4j is down the graph in use
/// keeps serving and the next tick tries again. Stops on graceful shutdown.
struct GraphRefreshService: Service {
    let graph: LiveGraph
    /// Time between change checks (`--graph-poll-interval`).
    let interval: Duration

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            } catch {
                return
            }
            // A failure is logged, counted and reported by /ready; the graph in use keeps serving.
            _ = try? await self.graph.reload()
        }
    }
}
