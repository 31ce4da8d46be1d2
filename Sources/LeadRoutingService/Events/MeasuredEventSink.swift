import LeadRoutingCore

/// Wraps a sink to count what it delivers and failed to deliver, and how long events took from their commit to
/// their delivery (the event lag), in the service's metrics.
struct MeasuredEventSink: OutboxEventSink {
    let inner: any OutboxEventSink
    let metrics: ServiceMetrics
    let clock: any WallClock

    var consumer: String { self.inner.consumer }

    func deliver(_ event: OutboxEvent) async throws {
        do {
            try await self.inner.deliver(event)
        } catch {
            self.metrics.eventDeliveryFailed(sink: self.consumer)
            throw error
        }
        self.metrics.eventDelivered(sink: self.consumer, lagMillis: self.clock.nowMillis() - event.occurredAtMillis)
    }

    func deliver(batch events: [OutboxEvent]) async -> (delivered: Int, error: (any Error)?) {
        let result = await self.inner.deliver(batch: events)
        let now = self.clock.nowMillis()
        for event in events.prefix(result.delivered) {
            self.metrics.eventDelivered(sink: self.consumer, lagMillis: now - event.occurredAtMillis)
        }
        if result.error != nil { self.metrics.eventDeliveryFailed(sink: self.consumer) }
        return result
    }

    func shutdown() async {
        await self.inner.shutdown()
    }
}
