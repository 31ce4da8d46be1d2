import LeadRoutingCore
import Synchronization
import Testing

/// The relay's contract, step by step: order kept, the cursor moves only past delivered events, a failure is retried
/// from the event that failed; and the backoff between attempts.
@Suite struct OutboxRelayTests {
    /// An outbox in memory with one cursor per consumer.
    final class MemoryOutbox: OutboxSource {
        let events: [OutboxEvent]
        let cursors = Mutex<[String: Int64]>([:])
        let failReads = Mutex(false)

        init(count: Int) {
            self.events = (1...count).map { OutboxEvent(id: Int64($0 * 10), kind: "lead.routed", leadId: "L\($0)", occurredAtMillis: Int64($0)) }
        }

        func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent] {
            if self.failReads.withLock({ $0 }) { throw TestFailure(message: "store down") }
            let cursor = self.cursors.withLock { $0[consumer] ?? 0 }
            return Array(self.events.filter { $0.id > cursor }.prefix(limit))
        }

        func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws {
            self.cursors.withLock { $0[consumer] = max($0[consumer] ?? 0, id) }
        }

        func cursor(_ consumer: String) -> Int64 { self.cursors.withLock { $0[consumer] ?? 0 } }
    }

    /// Records every delivery; fails the deliveries whose ordinal (1-based, over all attempts) is listed.
    final class RecordingSink: OutboxEventSink {
        let consumer = "test"
        let failing: Set<Int>
        let attempts = Mutex(0)
        let delivered = Mutex<[String]>([])

        init(failing: Set<Int> = []) { self.failing = failing }

        func deliver(_ event: OutboxEvent) async throws {
            let attempt = self.attempts.withLock { value -> Int in
                value += 1
                return value
            }
            if self.failing.contains(attempt) { throw TestFailure(message: "destination down") }
            self.delivered.withLock { $0.append(event.leadId) }
        }
    }

    struct TestFailure: Error { var message: String }

    @Test func deliversInOrderAndAcknowledgesEachBatch() async {
        let outbox = MemoryOutbox(count: 5)
        let sink = RecordingSink()
        let relay = OutboxRelay(outbox: outbox, sink: sink, batchSize: 2)
        var steps: [String] = []
        while true {
            let step = await relay.step()
            if case .idle = step { break }
            if case .delivered(let count) = step { steps.append("\(count)") } else { steps.append("failed") }
        }
        #expect(steps == ["2", "2", "1"])
        #expect(sink.delivered.withLock { $0 } == ["L1", "L2", "L3", "L4", "L5"])
        #expect(outbox.cursor("test") == 50)
    }

    @Test func aFailureStopsTheBatchThereAndTheSameEventIsRetried() async {
        let outbox = MemoryOutbox(count: 4)
        let sink = RecordingSink(failing: [3, 4])  // L3 fails twice
        let relay = OutboxRelay(outbox: outbox, sink: sink, batchSize: 10)
        guard case .failed(let delivered, _) = await relay.step() else {
            Issue.record("expected a failure")
            return
        }
        #expect(delivered == 2)
        #expect(outbox.cursor("test") == 20)  // through L2, not past the failed L3
        guard case .failed(0, _) = await relay.step() else {
            Issue.record("expected the retry of L3 to fail again")
            return
        }
        #expect(outbox.cursor("test") == 20)
        guard case .delivered(2) = await relay.step() else {
            Issue.record("expected L3 and L4 delivered")
            return
        }
        #expect(sink.delivered.withLock { $0 } == ["L1", "L2", "L3", "L4"])
        #expect(outbox.cursor("test") == 40)
        guard case .idle = await relay.step() else {
            Issue.record("expected nothing left")
            return
        }
    }

    @Test func anOutboxThatCannotBeReadIsAFailureThatDeliversNothing() async {
        let outbox = MemoryOutbox(count: 2)
        outbox.failReads.withLock { $0 = true }
        let sink = RecordingSink()
        guard case .failed(0, _) = await OutboxRelay(outbox: outbox, sink: sink).step() else {
            Issue.record("expected a failure")
            return
        }
        #expect(sink.delivered.withLock { $0 }.isEmpty)
    }

    @Test func backoffGrowsToItsCapAndItsJitterIsSeededAndBounded() {
        let backoff = RetryBackoff(initial: .milliseconds(100), multiplier: 2, maximum: .seconds(1), jitter: 0.2)
        #expect(
            (1...6).map { backoff.nominalDelay(attempt: $0) } == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
            ]
        )
        var first = SeededRandom(seed: 7)
        var second = SeededRandom(seed: 7)
        let a = (1...20).map { backoff.delay(attempt: $0, random: &first) }
        let b = (1...20).map { backoff.delay(attempt: $0, random: &second) }
        #expect(a == b)
        for (index, delay) in a.enumerated() {
            let nominal = backoff.nominalDelay(attempt: index + 1)
            #expect(delay >= nominal * 0.8 && delay <= nominal * 1.2, "attempt \(index + 1): \(delay) outside ±20 % of \(nominal)")
        }
        #expect(Set(a).count > 10, "jitter spreads the delays")
    }

    @Test func eventsAreOneSortedJSONObjectWithTheirSubject() throws {
        let event = OutboxEvent(
            id: 42,
            kind: "lead.routed",
            leadId: "L\"1",
            agentId: "A7",
            score: 0.5,
            occurredAtMillis: 1_795_000_000_123,
            payload: #"{"status":"offered"}"#
        )
        let message = LeadEvent(event)
        #expect(LeadEvent.subject(forType: message.type) == "leadrouter.events.lead_routed")
        #expect(
            String(decoding: message.jsonBytes(), as: UTF8.self)
                == #"{"agentId":"A7","data":{"status":"offered"},"id":"42","leadId":"L\"1","occurredAt":"2026-11-18T11:06:40.123Z","score":0.5,"type":"lead.routed"}"#
        )
    }
}
