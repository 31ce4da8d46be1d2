import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import Synchronization
import Testing

@testable import LeadRoutingService

/// The webhook sink, step by step with a scripted transport and a clock that records its waits: signed requests,
/// retries spaced by the backoff, an event parked after its last attempt while the cursor moves on.
@Suite struct WebhookEventSinkTests {
    /// Answers each request with the next scripted outcome (true: delivered), then with `otherwise`.
    final class ScriptedTransport: WebhookTransport {
        let script: Mutex<[Bool]>
        let otherwise: Bool
        let requests = Mutex<[WebhookRequest]>([])

        init(_ script: [Bool], otherwise: Bool = true) {
            self.script = Mutex(script)
            self.otherwise = otherwise
        }

        func send(_ request: WebhookRequest) async throws {
            self.requests.withLock { $0.append(request) }
            let ok = self.script.withLock { $0.isEmpty ? self.otherwise : $0.removeFirst() }
            if !ok { throw WebhookDeliveryError(status: 500, detail: "receiver broken") }
        }
    }

    /// A clock whose sleeps return at once, advancing its time and recording how long each was.
    final class RecordingClock: Clock, @unchecked Sendable {
        typealias Duration = Swift.Duration
        typealias Instant = ContinuousClock.Instant
        private let base = ContinuousClock.now
        let offset = Mutex(Duration.zero)
        let sleeps = Mutex<[Duration]>([])

        var now: Instant { self.base + self.offset.withLock { $0 } }
        var minimumResolution: Duration { .nanoseconds(1) }

        func sleep(until deadline: Instant, tolerance: Duration?) async throws {
            let wait = self.now.duration(to: deadline)
            self.sleeps.withLock { $0.append(wait) }
            self.offset.withLock { $0 += wait }
        }
    }

    /// Two events in memory and one cursor.
    final class TwoEventOutbox: OutboxSource {
        let events = [
            OutboxEvent(
                id: 5,
                kind: "lead.routed",
                leadId: "L1",
                agentId: "A1",
                score: 0.75,
                occurredAtMillis: 1_000,
                payload: #"{"status":"offered"}"#
            ),
            OutboxEvent(id: 6, kind: "lead.accepted", leadId: "L1", agentId: "A1", occurredAtMillis: 2_000, payload: #"{"status":"accepted"}"#),
        ]
        let cursor = Mutex<Int64>(0)

        func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent] {
            let after = self.cursor.withLock { $0 }
            return Array(self.events.filter { $0.id > after }.prefix(limit))
        }

        func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws {
            self.cursor.withLock { $0 = max($0, id) }
        }
    }

    static let secret = Array("s3cret".utf8)

    static func sink(_ transport: ScriptedTransport, clock: RecordingClock, store: SQLiteLeadStore, attempts: Int) -> WebhookEventSink {
        WebhookEventSink(
            url: "http://127.0.0.1:9/hook",
            secret: Self.secret,
            transport: transport,
            parking: store,
            retry: .init(maximumAttempts: attempts, backoff: RetryBackoff(initial: .seconds(1), multiplier: 2, maximum: .seconds(3), jitter: 0)),
            sleeper: clock,
            clock: SystemWallClock(),
            metrics: ServiceMetrics(),
            logger: ServiceTestSupport.logger
        )
    }

    /// Runs `body` on a migrated SQLite store in memory, closed afterwards.
    static func withStore(_ body: (SQLiteLeadStore) async throws -> Void) async throws {
        let store = try await SQLiteLeadStore.openSQLite(path: nil)
        do {
            try await store.migrate()
            try await body(store)
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }

    @Test func aFailingEventIsRetriedWithBackoffThenDeliveredSigned() async throws {
        try await Self.withStore { store in try await self.aFailingEventIsRetriedWithBackoffThenDeliveredSigned(store) }
    }

    func aFailingEventIsRetriedWithBackoffThenDeliveredSigned(_ store: SQLiteLeadStore) async throws {
        let transport = ScriptedTransport([false, false, false])
        let clock = RecordingClock()
        let outbox = TwoEventOutbox()
        let relay = OutboxRelay(outbox: outbox, sink: Self.sink(transport, clock: clock, store: store, attempts: 5))
        guard case .delivered(let count) = await relay.step() else {
            Issue.record("the step did not deliver")
            return
        }
        #expect(count == 2)
        #expect(clock.sleeps.withLock { $0 } == [.seconds(1), .seconds(2), .seconds(3)])  // doubling, capped at the maximum
        let requests = transport.requests.withLock { $0 }
        #expect(requests.count == 5)
        #expect(Set(requests.prefix(4).map(\.body)).count == 1, "a retry sent other bytes")
        let body = requests[0].body
        #expect(body == LeadEvent(outbox.events[0]).jsonBytes())
        let headers = Dictionary(uniqueKeysWithValues: requests[0].headers.map { ($0.name, $0.value) })
        #expect(headers["X-LeadRouter-Event-Id"] == "5" && headers["X-LeadRouter-Event-Type"] == "lead.routed")
        #expect(headers["Content-Type"] == "application/json")
        let signature = try #require(headers["X-LeadRouter-Signature"])
        #expect(WebhookSignature.isValid(signature, body: body, secret: Self.secret))
        #expect(!WebhookSignature.isValid(signature, body: body, secret: Array("another".utf8)), "the check passed a wrong secret")
        #expect(outbox.cursor.withLock { $0 } == 6)
        #expect(try await store.parkedEventCount() == 0)
    }

    @Test func afterTheLastAttemptTheEventIsParkedAndTheWebhookMovesOn() async throws {
        try await Self.withStore { store in try await self.afterTheLastAttemptTheEventIsParkedAndTheWebhookMovesOn(store) }
    }

    func afterTheLastAttemptTheEventIsParkedAndTheWebhookMovesOn(_ store: SQLiteLeadStore) async throws {
        let transport = ScriptedTransport([false, false, false])
        let clock = RecordingClock()
        let outbox = TwoEventOutbox()
        let sink = Self.sink(transport, clock: clock, store: store, attempts: 3)
        let relay = OutboxRelay(outbox: outbox, sink: sink)
        guard case .delivered(let count) = await relay.step() else {
            Issue.record("the step did not move on")
            return
        }
        #expect(count == 2)
        #expect(clock.sleeps.withLock { $0 } == [.seconds(1), .seconds(2)])
        #expect(transport.requests.withLock { $0 }.map { $0.headers.first { $0.name == "X-LeadRouter-Event-Id" }?.value } == ["5", "5", "5", "6"])
        #expect(outbox.cursor.withLock { $0 } == 6)
        let parked = try await store.parkedEvents(afterId: nil, limit: 10)
        #expect(parked.count == 1)
        let first = try #require(parked.first)
        #expect(first.consumer == "webhook:http://127.0.0.1:9/hook" && first.eventId == 5 && first.leadId == "L1")
        #expect(first.attempts == 3 && first.lastError == "HTTP 500: receiver broken")
        #expect(Array(first.body.utf8) == LeadEvent(outbox.events[0]).jsonBytes())
        let metrics = String(decoding: sink.metrics.render(), as: UTF8.self)
        #expect(metrics.contains(#"leadrouter_webhook_events_parked_total{sink="webhook:http://127.0.0.1:9/hook"} 1"#))

        // Re-delivered by hand: the same body, signed again.
        try await sink.redeliver(first)
        let last = try #require(transport.requests.withLock { $0.last })
        #expect(last.body == Array(first.body.utf8))
        let signature = try #require(last.headers.first { $0.name == WebhookSignature.headerName }?.value)
        #expect(WebhookSignature.isValid(signature, body: last.body, secret: Self.secret))
    }
}
