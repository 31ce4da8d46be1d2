import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads a dataset directory on `SIGHUP` (``LiveGraph/reload()``); a directory that fails validation leaves the
/// graph in use serving and is logged. Stops on graceful shutdown.
struct GraphReloadSignalService: Service {
    let graph: LiveGraph
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            self.logger.info("SIGHUP: reloading the graph")
            _ = try? await self.graph.reload()
        }
    }
}
