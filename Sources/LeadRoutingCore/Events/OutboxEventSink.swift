/// A destination for outbox events: NATS JetStream, a webhook, Neo4j lineage. ``OutboxRelay`` hands it events in
/// outbox order, one at a time, and moves the consumer's cursor past an event only after `deliver` returned.
public protocol OutboxEventSink: Sendable {
    /// The outbox consumer name: the cursor this sink's progress is kept under (one per sink).
    var consumer: String { get }
    /// Delivers one event durably (e.g. JetStream acknowledged it), or throws leaving it pending. Delivery is at
    /// least once: after a crash between delivery and acknowledgement the event is delivered again, with the same
    /// id, for the destination to drop as a duplicate.
    func deliver(_ event: OutboxEvent) async throws
    /// Delivers `events` in order and says how many, from the first, were delivered durably, with the error that
    /// stopped the rest. A sink may have several in flight at once (JetStream pipelines its publishes) as long as
    /// the destination receives them in order. Default: ``deliver(_:)`` one after the other.
    func deliver(batch events: [OutboxEvent]) async -> (delivered: Int, error: (any Error)?)
    /// Releases connections when the relay stops. Default: nothing to release.
    func shutdown() async
}

extension OutboxEventSink {
    public func shutdown() async {}

    public func deliver(batch events: [OutboxEvent]) async -> (delivered: Int, error: (any Error)?) {
        for (index, event) in events.enumerated() {
            do {
                try await self.deliver(event)
            } catch {
                return (index, error)
            }
        }
        return (events.count, nil)
    }
}
