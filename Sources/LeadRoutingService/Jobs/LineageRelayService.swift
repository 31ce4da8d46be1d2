import LeadRoutingNeo4j
import Logging
import ServiceLifecycle

/// Drains the outbox into Neo4j lineage (`(:Lead)-[:ROUTED_TO]->(:Agent)`) when the graph comes from Neo4j: a
/// singleton job like the other relays. Events wait in the outbox while Neo4j is down; writes are idempotent by
/// lead, so a re-drain after a crash is harmless.
struct LineageRelayService: Service {
    let writer: LineageWriter
    let logger: Logger
    /// Time between drains of the outbox. Default 1 s.
    var interval: Duration = .seconds(1)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let written = try await self.writer.drain()
                if written > 0 { self.logger.debug("lineage written", metadata: ["events": .stringConvertible(written)]) }
            } catch {
                self.logger.warning("lineage relay failed; trying again", metadata: ["error": .string("\(error)")])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
