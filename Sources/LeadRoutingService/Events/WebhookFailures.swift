import LeadRoutingCore
import Logging
import ServiceLifecycle

/// The parked webhook events: pages of them for `GET /api/v1/admin/webhooks/failures`, a retry by hand for
/// `POST …/failures/{id}/retry` (through the webhook's sink, removed once delivered), and, while it runs as a
/// service, the `leadrouter_webhook_parked_events` gauge kept in step with the store (every replica's parking).
struct WebhookFailures: Service {
    /// What a retry by hand did.
    enum RetryOutcome: Sendable {
        /// Delivered and removed from the parked events.
        case delivered(ParkedEvent)
        /// No parked event has this id.
        case notFound
        /// The event's webhook is no longer configured here; it stays parked.
        case webhookNotConfigured(ParkedEvent)
        /// Delivery failed again; it stays parked with the new error.
        case failed(ParkedEvent, error: String)
    }

    let store: any ParkedEventStore
    /// The configured webhooks' sinks by consumer name.
    let sinks: [String: WebhookEventSink]
    let metrics: ServiceMetrics
    let clock: any WallClock
    let logger: Logger
    /// Time between refreshes of the gauge. Default 15 s.
    var refreshInterval: Duration = .seconds(15)

    /// The page of parked events after `afterId`, and whether another page follows.
    func page(afterId: Int64?, limit: Int) async throws -> (events: [ParkedEvent], more: Bool) {
        let events = try await self.store.parkedEvents(afterId: afterId, limit: limit + 1)
        return (Array(events.prefix(limit)), events.count > limit)
    }

    /// Delivers parked event `id` once more through its webhook.
    func retry(id: Int64) async throws -> RetryOutcome {
        guard let parked = try await self.store.parkedEvent(id: id) else { return .notFound }
        guard let sink = self.sinks[parked.consumer] else { return .webhookNotConfigured(parked) }
        let outcome: RetryOutcome
        do {
            try await sink.redeliver(parked)
            try await self.store.removeParkedEvent(id: id)
            self.logger.info(
                "parked webhook event re-delivered",
                metadata: ["sink": .string(parked.consumer), "event_id": .stringConvertible(parked.eventId)]
            )
            outcome = .delivered(parked)
        } catch let error as WebhookDeliveryError {
            try await self.store.recordParkedEventFailure(id: id, lastError: error.description, atMillis: self.clock.nowMillis())
            self.metrics.eventDeliveryFailed(sink: parked.consumer)
            outcome = .failed(try await self.store.parkedEvent(id: id) ?? parked, error: error.description)
        }
        await self.refreshGauge()
        return outcome
    }

    func refreshGauge() async {
        if let count = try? await self.store.parkedEventCount() { self.metrics.parkedEvents(count) }
    }

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await self.refreshGauge()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.refreshInterval) }
        }
    }
}
