public import LeadRoutingCore

/// Drains the lead store's outbox into Neo4j lineage (`(:Lead)-[:ROUTED_TO]->(:Agent)`). Events are
/// acknowledged only after Neo4j accepted them, so an outage leaves them pending and they drain when Neo4j
/// returns; writes are idempotent by lead id, so a crash between write and acknowledgement is harmless.
public struct LineageWriter: Sendable {
    /// The outbox consumer name.
    public static let consumer = "neo4j-lineage"

    public let store: Neo4jGraphStore
    public let outbox: any OutboxSource
    /// Events per Neo4j statement. Default 500.
    public let batchSize: Int

    public init(store: Neo4jGraphStore, outbox: any OutboxSource, batchSize: Int = 500) {
        self.store = store
        self.outbox = outbox
        self.batchSize = max(1, batchSize)
    }

    /// Writes every pending event; returns how many events were handled. Throws (leaving the rest pending) when
    /// Neo4j or the outbox fails.
    @discardableResult
    public func drain() async throws -> Int {
        var handled = 0
        while true {
            let events = try await self.outbox.pendingOutboxEvents(consumer: Self.consumer, limit: self.batchSize)
            guard let last = events.last else { return handled }
            let assignments = events.compactMap { event -> LineageAssignment? in
                guard let agent = event.agentId else { return nil }
                return LineageAssignment(
                    leadId: event.leadId,
                    agentId: agent,
                    score: event.score,
                    atMillis: event.occurredAtMillis,
                    eventId: event.id
                )
            }
            _ = try await self.store.writeLineage(assignments)
            try await self.outbox.acknowledgeOutboxEvents(consumer: Self.consumer, through: last.id)
            handled += events.count
        }
    }

    /// Drains every `interval` until cancelled; failures are retried on the next tick.
    public func run(interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            _ = try? await self.drain()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
