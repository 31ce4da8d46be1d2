/// Moves a lead store's outbox into one ``OutboxEventSink``, in outbox order, at least once. One ``step()`` reads
/// a batch after the sink's cursor, delivers it in order (``OutboxEventSink/deliver(batch:)``), and advances the cursor
/// through the last event delivered; a failure stops the batch there, so order is kept and nothing is skipped. The loop around it (with
/// polling and backoff) is the service's; this type decides nothing about time, so tests drive it step by step.
public struct OutboxRelay: Sendable {
    /// What one step did.
    public enum Step: Sendable {
        /// Nothing was pending.
        case idle
        /// Every event of the batch was delivered and acknowledged.
        case delivered(count: Int)
        /// `count` events were delivered and acknowledged, then delivering (or reading the outbox) failed.
        case failed(delivered: Int, error: any Error)
    }

    public let outbox: any OutboxSource
    public let sink: any OutboxEventSink
    /// Events read per step. Default 100.
    public let batchSize: Int

    public init(outbox: any OutboxSource, sink: any OutboxEventSink, batchSize: Int = 100) {
        self.outbox = outbox
        self.sink = sink
        self.batchSize = max(1, batchSize)
    }

    /// Reads the pending events after the sink's cursor, delivers them in order and acknowledges what was delivered.
    public func step() async -> Step {
        let events: [OutboxEvent]
        do {
            events = try await self.outbox.pendingOutboxEvents(consumer: self.sink.consumer, limit: self.batchSize)
        } catch {
            return .failed(delivered: 0, error: error)
        }
        guard !events.isEmpty else { return .idle }
        let (delivered, failure) = await self.sink.deliver(batch: events)
        if delivered > 0 {
            do {
                try await self.outbox.acknowledgeOutboxEvents(consumer: self.sink.consumer, through: events[delivered - 1].id)
            } catch {
                // Delivered but not acknowledged: delivered again next time, and dropped as a duplicate there.
                return .failed(delivered: 0, error: error)
            }
        }
        if let failure { return .failed(delivered: delivered, error: failure) }
        return .delivered(count: delivered)
    }
}
