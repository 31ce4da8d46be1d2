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

    func shutdown() async {
        await self.inner.shutdown()
    }
}
