import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// Parked events (what a webhook gave up delivering) against SQLite and (with POSTGRES_URL) Postgres: parked once
/// per consumer and event, paged by id, failures recorded, removed once delivered.
enum ParkedEventBehaviour {
    static func event(_ id: Int64, lead: String = "L1") -> OutboxEvent {
        OutboxEvent(id: id, kind: "lead.routed", leadId: lead, agentId: "A1", score: 0.5, occurredAtMillis: 1_000 + id)
    }

    static func parkPageRecordAndRemove(_ s: StoreUnderTest) async throws {
        let a = "webhook:http://a.example/hook"
        let b = "webhook:http://b.example/hook"
        let first = try await s.store.parkEvent(Self.event(7), consumer: a, body: #"{"id":"7"}"#, attempts: 3, lastError: "HTTP 500", atMillis: 10)
        let second = try await s.store.parkEvent(Self.event(7), consumer: b, body: #"{"id":"7"}"#, attempts: 3, lastError: "refused", atMillis: 11)
        let third = try await s.store.parkEvent(
            Self.event(9, lead: "L2"),
            consumer: a,
            body: #"{"id":"9"}"#,
            attempts: 3,
            lastError: "x",
            atMillis: 12
        )
        #expect(first < second && second < third)
        // The same event parked again by the same consumer (a crash before its cursor moved): one row, attempts add up.
        let again = try await s.store.parkEvent(Self.event(7), consumer: a, body: #"{"id":"7"}"#, attempts: 3, lastError: "HTTP 502", atMillis: 20)
        #expect(again == first)
        #expect(try await s.store.parkedEventCount() == 3)

        let page = try await s.store.parkedEvents(afterId: nil, limit: 2)
        #expect(page.map(\.id) == [first, second])
        #expect(page[0].consumer == a && page[0].eventId == 7 && page[0].eventType == "lead.routed" && page[0].leadId == "L1")
        #expect(page[0].attempts == 6 && page[0].lastError == "HTTP 502" && page[0].parkedAtMillis == 10 && page[0].updatedAtMillis == 20)
        #expect(page[0].body == #"{"id":"7"}"#)
        #expect(try await s.store.parkedEvents(afterId: second, limit: 2).map(\.id) == [third])

        try await s.store.recordParkedEventFailure(id: third, lastError: "HTTP 404", atMillis: 30)
        let failed = try #require(try await s.store.parkedEvent(id: third))
        #expect(failed.attempts == 4 && failed.lastError == "HTTP 404" && failed.updatedAtMillis == 30)

        #expect(try await s.store.removeParkedEvent(id: second))
        #expect(try await s.store.removeParkedEvent(id: second) == false)
        #expect(try await s.store.parkedEvent(id: second) == nil)
        #expect(try await s.store.parkedEventCount() == 2)
    }
}

@Suite("Parked events: SQLite")
struct SQLiteParkedEventTests {
    @Test func parkPageRecordAndRemove() async throws { try await Backend.sqlite.with(ParkedEventBehaviour.parkPageRecordAndRemove) }
}

@Suite(
    "Parked events: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresParkedEventTests {
    @Test func parkPageRecordAndRemove() async throws { try await Backend.postgres.with(ParkedEventBehaviour.parkPageRecordAndRemove) }
}
