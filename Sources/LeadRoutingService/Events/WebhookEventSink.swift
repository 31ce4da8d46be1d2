import LeadRoutingCore
import Logging
import ServiceLifecycle

/// POSTs each outbox event to one webhook URL as signed JSON (``WebhookRequest``), retrying a failed event with
/// exponential backoff; after ``Retry/maximumAttempts`` failures it parks the event in the store and returns, so
/// the relay moves this webhook's cursor on and one bad event or a long outage never stalls the events behind it.
/// One sink (and one outbox cursor, ``consumer``) per URL.
struct WebhookEventSink: OutboxEventSink {
    /// How an event is retried before it is parked.
    struct Retry: Sendable {
        /// Attempts at one event, the first included, before it is parked. Default 10.
        var maximumAttempts = 10
        /// Delays between attempts. Default 1 s doubling to 5 min, ±20 %.
        var backoff = RetryBackoff(initial: .seconds(1), multiplier: 2, maximum: .seconds(300), jitter: 0.2)
    }

    let url: String
    let secret: [UInt8]
    let transport: any WebhookTransport
    let parking: any ParkedEventStore
    let retry: Retry
    /// Waits between attempts (tests pass a clock that records the waits and returns at once).
    let sleeper: any Clock<Duration>
    /// Stamps parked events and measures the event lag.
    let clock: any WallClock
    let metrics: ServiceMetrics
    let logger: Logger

    /// The outbox consumer name of the webhook at `url`.
    static func consumer(url: String) -> String { "webhook:" + url }

    var consumer: String { Self.consumer(url: self.url) }

    func deliver(_ event: OutboxEvent) async throws {
        let message = LeadEvent(event)
        let request = WebhookRequest(url: self.url, body: message.jsonBytes(), eventId: message.id, eventType: message.type, secret: self.secret)
        var random = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                try await self.transport.send(request)
                self.metrics.eventDelivered(sink: self.consumer, lagMillis: self.clock.nowMillis() - event.occurredAtMillis)
                return
            } catch {
                try Task.checkCancellation()
                self.metrics.eventDeliveryFailed(sink: self.consumer)
                guard attempt < self.retry.maximumAttempts else {
                    try await self.park(event, body: request.body, attempts: attempt, error: error)
                    return
                }
                let delay = self.retry.backoff.delay(attempt: attempt, random: &random)
                self.logger.warning(
                    "webhook delivery failed; retrying",
                    metadata: [
                        "sink": .string(self.consumer), "event_id": .string(message.id), "attempt": .stringConvertible(attempt),
                        "error": .string("\(error)"), "retry_in": .stringConvertible(delay),
                    ]
                )
                let sleeper = self.sleeper
                try await cancelWhenGracefulShutdown { try await sleeper.sleep(for: delay) }
                attempt += 1
            }
        }
    }

    /// Sends a parked event's body once more (signed with the current secret); throws when it fails again.
    func redeliver(_ parked: ParkedEvent) async throws {
        let request = WebhookRequest(
            url: self.url,
            body: Array(parked.body.utf8),
            eventId: String(parked.eventId),
            eventType: parked.eventType,
            secret: self.secret
        )
        try await self.transport.send(request)
    }

    private func park(_ event: OutboxEvent, body: [UInt8], attempts: Int, error: any Error) async throws {
        try await self.parking.parkEvent(
            event,
            consumer: self.consumer,
            body: String(decoding: body, as: UTF8.self),
            attempts: attempts,
            lastError: "\(error)",
            atMillis: self.clock.nowMillis()
        )
        self.metrics.webhookEventParked(sink: self.consumer)
        if let count = try? await self.parking.parkedEventCount() { self.metrics.parkedEvents(count) }
        self.logger.error(
            "webhook event parked after its retries; the webhook moves on",
            metadata: [
                "sink": .string(self.consumer), "event_id": .stringConvertible(event.id), "lead_id": .string(event.leadId),
                "attempts": .stringConvertible(attempts), "error": .string("\(error)"),
            ]
        )
    }
}
