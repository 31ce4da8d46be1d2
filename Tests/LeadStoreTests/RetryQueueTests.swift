import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// The retry queue of unroutable leads and the lead listing, on a hand-moved clock, against SQLite and (with
/// POSTGRES_URL) Postgres: urgency then age, spaced attempts, dead letters as `needs_attention`, re-queue by hand;
/// listings filtered and paged.
enum RetryQueueBehaviour {
    static let start: Int64 = 1_800_000_000_000

    static func lead(_ id: String, urgency: Int = 0) -> Lead { Lead(id: id, territoryId: "T1", kind: .buy, urgency: urgency) }

    static func urgentFirstThenOldestSpacedAttemptsAndDeadLetters(_ s: StoreUnderTest) async throws {
        let clock = ManualClock(Self.start)
        let lifecycle = LeadLifecycle(router: try TestNetwork.router(agents: 1, capacity: 1), store: s.store, clock: clock)
        try await lifecycle.start()
        #expect(try await lifecycle.route(Self.lead("L0")).decision.agentId == "A1")  // A1 is now full
        for (id, urgency) in [("L1", 0), ("L2", 3), ("L3", 0)] {
            clock.advance(byMillis: 1_000)
            #expect(try await lifecycle.route(Self.lead(id, urgency: urgency)).decision.status == .unroutable)
        }
        let policy = RetryQueuePolicy(
            maximumAttempts: 2,
            backoff: RetryBackoff(initial: .seconds(10), multiplier: 2, maximum: .seconds(60), jitter: 0)
        )

        let first = try await lifecycle.retryQueuedLeads(policy: policy)
        #expect(first.outcomes.map(\.decision.leadId) == ["L2", "L1", "L3"])  // the most urgent, then the oldest
        #expect(first.routed == 0 && first.deadLettered.isEmpty)
        let queued = try await s.store.dueRetries(atMillis: .max, limit: 10)
        #expect(queued.map(\.attempts) == [1, 1, 1])
        #expect(queued.allSatisfy { $0.nextAttemptAtMillis == clock.nowMillis() + 10_000 })
        #expect(queued.first?.lastReason == "no_eligible_agent (at_capacity 1)")
        #expect(try await lifecycle.retryQueuedLeads(policy: policy).outcomes.isEmpty, "tried again before its backoff")

        clock.advance(byMillis: 10_000)
        let second = try await lifecycle.retryQueuedLeads(policy: policy)
        #expect(second.deadLettered == ["L2", "L1", "L3"])
        let stats = try await s.store.retryQueueStats()
        #expect(stats == RetryQueueStats(depth: 0, oldestReceivedAtMillis: nil, deadLettered: 3))
        let dead = try #require(try await s.store.lead("L1"))
        #expect(dead.needsAttention && dead.routeAttempts == 2)
        #expect(dead.audit.last?.action == "dead_lettered")
        let listed = try await s.store.listLeads(LeadListQuery(status: .needsAttention))
        #expect(listed.map(\.leadId) == ["L1", "L2", "L3"])
        #expect(listed.allSatisfy { $0.status == .needsAttention && $0.agentId == nil && $0.lastReason?.hasPrefix("no_eligible_agent") == true })
        let events = try await s.pending("dead-letters", atLeast: 7)
        #expect(events.filter { $0.kind == "lead.dead_lettered" }.map(\.leadId) == ["L2", "L1", "L3"])

        // Capacity frees: dead letters stay put until a person re-queues one.
        _ = try await lifecycle.accept(leadId: "L0", agentId: "A1")
        _ = try await lifecycle.close(leadId: "L0", agentId: "A1", won: true)
        #expect(try await lifecycle.retryQueuedLeads(policy: policy, ignoringSchedule: true).outcomes.isEmpty)
        try await lifecycle.requeue(leadId: "L3")
        let retried = try await lifecycle.retryQueuedLeads(policy: policy, ignoringSchedule: true)
        #expect(retried.outcomes.map(\.decision.agentId) == ["A1"])
        #expect(try await s.store.listLeads(LeadListQuery(status: .offered)).map(\.leadId) == ["L3"])
        #expect(try await s.store.lead("L3")?.audit.contains { $0.action == "requeued" } == true)

        let notDead = await #expect(throws: LeadStoreError.self) { try await lifecycle.requeue(leadId: "L0") }
        #expect(notDead?.kind == .invalidTransition)
        #expect(notDead?.message.contains("closed") == true)
        let unknown = await #expect(throws: LeadStoreError.self) { try await lifecycle.requeue(leadId: "NOPE") }
        #expect(unknown?.kind == .notFound)
        #expect(try await s.violations() == [])
    }

    static func aMissIgnoringTheScheduleIsNotAnAttempt(_ s: StoreUnderTest) async throws {
        let clock = ManualClock(Self.start)
        let lifecycle = LeadLifecycle(router: try TestNetwork.router(agents: 1, capacity: 0), store: s.store, clock: clock)
        try await lifecycle.start()
        _ = try await lifecycle.route(Self.lead("L1"))
        let policy = RetryQueuePolicy(maximumAttempts: 1)
        for _ in 0..<3 {
            #expect(try await lifecycle.retryQueuedLeads(policy: policy, ignoringSchedule: true).deadLettered.isEmpty)
        }
        #expect(try await s.store.lead("L1")?.routeAttempts == 0)
        #expect(try await lifecycle.retryQueuedLeads(policy: policy).deadLettered == ["L1"])
    }

    static func listingsFilterAndPage(_ s: StoreUnderTest) async throws {
        let clock = ManualClock(Self.start)
        let lifecycle = LeadLifecycle(router: try TestNetwork.router(agents: 3, capacity: 5), store: s.store, clock: clock)
        try await lifecycle.start()
        var agent: [String: String] = [:]
        for id in ["L1", "L2", "L3", "L4", "L5"] {
            clock.advance(byMillis: 1_000)
            agent[id] = try #require(try await lifecycle.route(Self.lead(id)).decision.agentId)
        }
        _ = try await lifecycle.accept(leadId: "L2", agentId: agent["L2"]!)
        _ = try await lifecycle.accept(leadId: "L3", agentId: agent["L3"]!)
        _ = try await lifecycle.close(leadId: "L3", agentId: agent["L3"]!, won: false)
        let declinedBy = agent["L4"]!
        agent["L4"] = try #require(try await lifecycle.decline(leadId: "L4", agentId: declinedBy).decision.agentId)
        #expect(agent["L4"] != declinedBy)

        func ids(_ query: LeadListQuery) async throws -> [String] { try await s.store.listLeads(query).map(\.leadId) }
        #expect(try await ids(LeadListQuery(status: .offered)) == ["L1", "L4", "L5"])
        #expect(try await ids(LeadListQuery(status: .accepted)) == ["L2"])
        #expect(try await ids(LeadListQuery(status: .closed)) == ["L3"])
        for holder in Set(agent.values) {
            let holds = agent.filter { $0.value == holder }.map(\.key).sorted()  // the closing agent of L3 too
            #expect(try await ids(LeadListQuery(agentId: holder)) == holds, "leads of \(holder)")
            #expect(try await ids(LeadListQuery(status: .offered, agentId: holder)) == holds.filter { $0 != "L2" && $0 != "L3" })
        }
        #expect(try await ids(LeadListQuery(agentId: declinedBy)).contains("L4") == false, "a declined offer is not the agent's")
        #expect(try await ids(LeadListQuery(territoryId: "T1")).count == 5)
        #expect(try await ids(LeadListQuery(territoryId: "T2")).isEmpty)
        #expect(try await ids(LeadListQuery(sinceMillis: Self.start + 4_000)) == ["L4", "L5"])

        var query = LeadListQuery(limit: 2)
        var pages: [[String]] = []
        while true {
            let leads = try await s.store.listLeads(query)
            pages.append(leads.map(\.leadId))
            let page = LeadPage(leads: leads, query: query)
            guard let cursor = page.nextCursor else { break }
            query = try LeadListQuery(status: nil, agent: nil, territory: nil, since: nil, limit: "2", cursor: cursor)
        }
        #expect(pages == [["L1", "L2"], ["L3", "L4"], ["L5"]])
        let summary = try #require(try await s.store.listLeads(LeadListQuery(status: .closed)).first)
        #expect(summary.agentId == agent["L3"] && summary.territoryId == "T1" && summary.receivedAtMillis == Self.start + 3_000)
    }
}

@Suite("Retry queue and lead listing: SQLite")
struct SQLiteRetryQueueTests {
    let backend = Backend.sqlite
    @Test func urgentFirstThenOldestSpacedAttemptsAndDeadLetters() async throws {
        try await self.backend.with(RetryQueueBehaviour.urgentFirstThenOldestSpacedAttemptsAndDeadLetters)
    }
    @Test func aMissIgnoringTheScheduleIsNotAnAttempt() async throws {
        try await self.backend.with(RetryQueueBehaviour.aMissIgnoringTheScheduleIsNotAnAttempt)
    }
    @Test func listingsFilterAndPage() async throws { try await self.backend.with(RetryQueueBehaviour.listingsFilterAndPage) }
}

@Suite(
    "Retry queue and lead listing: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresRetryQueueTests {
    let backend = Backend.postgres
    @Test func urgentFirstThenOldestSpacedAttemptsAndDeadLetters() async throws {
        try await self.backend.with(RetryQueueBehaviour.urgentFirstThenOldestSpacedAttemptsAndDeadLetters)
    }
    @Test func aMissIgnoringTheScheduleIsNotAnAttempt() async throws {
        try await self.backend.with(RetryQueueBehaviour.aMissIgnoringTheScheduleIsNotAnAttempt)
    }
    @Test func listingsFilterAndPage() async throws { try await self.backend.with(RetryQueueBehaviour.listingsFilterAndPage) }
}

@Suite struct LeadListQueryTests {
    @Test func textParametersParseWithTheSameMessagesEverywhere() throws {
        let query = try LeadListQuery(status: "needs_attention", agent: "A1", territory: "T1", since: "2026-11-30", limit: "10", cursor: nil)
        #expect(query.status == .needsAttention && query.agentId == "A1" && query.limit == 10)
        #expect(query.sinceMillis == ISO8601Timestamp.millis(parsing: "2026-11-30T00:00:00Z"))
        func error(status: String? = nil, since: String? = nil, limit: String? = nil, cursor: String? = nil) -> LeadListQueryError? {
            do {
                _ = try LeadListQuery(status: status, agent: nil, territory: nil, since: since, limit: limit, cursor: cursor)
                return nil
            } catch {
                return error
            }
        }
        #expect(error(status: "stuck")?.parameter == "status")
        #expect(error(since: "yesterday")?.parameter == "since")
        #expect(error(limit: "0")?.reason == "must be an integer 1–500")
        #expect(error(cursor: "bm9wZQ")?.parameter == "cursor")
        #expect(error(cursor: PageCursor.encode(kind: "a", after: "A1"))?.parameter == "cursor")
        #expect(error() == nil)
    }
}
