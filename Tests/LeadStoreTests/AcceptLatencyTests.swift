import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// Each agent's accepted offers and offer→accept milliseconds in `agent_load` (migration 7): back-filled from the
/// history, counted by the accept in its own statement, untouched by declines, expiries and reopens, and carried
/// into the load view. SQLite and (with POSTGRES_URL) Postgres.
enum AcceptLatencyBehaviour {
    static func loads(_ s: StoreUnderTest) async throws -> [String: (accepted: Int, latency: Int64)] {
        var result: [String: (accepted: Int, latency: Int64)] = [:]
        for record in try await s.store.agentLoads() { result[record.agentId] = (record.acceptedOffers, record.acceptLatencyMillis) }
        return result
    }

    static func expect(
        _ s: StoreUnderTest,
        _ agentId: String,
        accepted: Int,
        latency: Int64,
        sourceLocation: SourceLocation = #_sourceLocation
    )
        async throws
    {
        let load = try await Self.loads(s)[agentId]
        #expect(load?.accepted == accepted, "accepted offers of \(agentId)", sourceLocation: sourceLocation)
        #expect(load?.latency == latency, "accept latency of \(agentId)", sourceLocation: sourceLocation)
    }

    /// Moves `leadId`'s assignment as a version-6 binary did: the assignment's state and time, the agent's counts, the
    /// lead's status and the audit row, but nothing about accepts.
    static func oldMove(_ s: StoreUnderTest, _ leadId: String, from: String, to: String, action: String, at: Int64) async throws {
        _ = try await s.sql("UPDATE assignments SET state = '\(to)', updated_at_ms = \(at) WHERE lead_id = '\(leadId)'")
        _ = try await s.sql(
            """
            INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
            SELECT lead_id, assignment_id, agent_id, '\(action)', '\(from)', '\(to)', \(at), '' FROM assignments WHERE lead_id = '\(leadId)'
            """
        )
    }

    /// A version-6 database with accepts, a close and a reopen in its history migrates to 7 with the columns filled
    /// from the accepts' audit rows: the reopen (also a move to `accepted`) is not an accept, and the assignment's
    /// `updated_at_ms` (the reopen's time by then) is not the accept's time.
    static func migrationBackFillsFromHistory(_ s: StoreUnderTest) async throws {
        for migration in LeadStoreSchema.migrations(s.dialect) where migration.version <= 6 {
            for statement in migration.statements { _ = try await s.sql(statement) }
        }
        _ = try await s.sql("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)")
        _ = try await s.sql(
            "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (1, 'one', 0), (2, 'two', 0), (3, 'three', 0), (4, 'four', 0), (5, 'five', 0), (6, 'six', 0)"
        )
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 5), AgentCapacity(agentId: "A2", capacity: 5)])
        _ = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], at: 1_000))
        _ = try await s.store.commit(TestNetwork.commit("L2", agents: ["A1"], at: 5_000))
        _ = try await s.store.commit(TestNetwork.commit("L3", agents: ["A2"], at: 1_000))
        // L1 accepted after 60 s, closed won, then reopened; L2 accepted after 3 s; L3 still offered.
        try await Self.oldMove(s, "L1", from: "offered", to: "accepted", action: "accepted", at: 61_000)
        try await Self.oldMove(s, "L2", from: "offered", to: "accepted", action: "accepted", at: 8_000)
        try await Self.oldMove(s, "L1", from: "accepted", to: "closed_won", action: "closed_won", at: 99_000)
        _ = try await s.sql("UPDATE agent_load SET open_count = open_count - 1, closed_won = closed_won + 1 WHERE agent_id = 'A1'")
        _ = try await s.sql("UPDATE leads SET status = 'closed' WHERE lead_id = 'L1'")
        try await Self.oldMove(s, "L1", from: "closed_won", to: "accepted", action: "reopened", at: 120_000)
        _ = try await s.sql("UPDATE agent_load SET open_count = open_count + 1, closed_won = closed_won - 1 WHERE agent_id = 'A1'")
        _ = try await s.sql("UPDATE leads SET status = 'routed' WHERE lead_id = 'L1'")

        let report = try await s.store.migrate()
        #expect(report.fromVersion == 6)
        #expect(report.applied == [7, 8])
        try await Self.expect(s, "A1", accepted: 2, latency: 60_000 + 3_000)
        try await Self.expect(s, "A2", accepted: 0, latency: 0)
        #expect(try await s.violations() == [])

        // The current binary's accept counts in the same transaction.
        _ = try await s.store.transition(AssignmentTransition(leadId: "L3", agentId: "A2", to: .accepted, atMillis: 46_000))
        try await Self.expect(s, "A2", accepted: 1, latency: 45_000)
        #expect(try await s.violations() == [])
    }

    /// Through the lifecycle: an accept counts (once, however often repeated); a decline, an expiry, a close and a
    /// reopen count nothing; the load view follows the store.
    static func onlyAnAcceptCounts(_ s: StoreUnderTest) async throws {
        let clock = ManualClock(LifecycleBehaviour.start)
        let lifecycle = LeadLifecycle(router: try TestNetwork.router(agents: 4, capacity: 1), store: s.store, clock: clock)
        try await lifecycle.start()
        #expect(try await lifecycle.route(TestNetwork.lead("L1")).decision.agentId == "A1")
        clock.advance(byMillis: 90_000)
        _ = try await lifecycle.accept(leadId: "L1", agentId: "A1")
        try await Self.expect(s, "A1", accepted: 1, latency: 90_000)
        clock.advance(byMillis: 10_000)
        _ = try await lifecycle.accept(leadId: "L1", agentId: "A1")
        try await Self.expect(s, "A1", accepted: 1, latency: 90_000)
        try await LifecycleBehaviour.expectViewMatchesStore(lifecycle, s)

        // A1 is full: L2 goes to A2, who declines; A3's offer expires; A4 accepts.
        #expect(try await lifecycle.route(TestNetwork.lead("L2")).decision.agentId == "A2")
        clock.advance(byMillis: 5_000)
        #expect(try await lifecycle.decline(leadId: "L2", agentId: "A2").decision.agentId == "A3")
        clock.advance(byMillis: 2 * 3_600_000)
        let expired = try await lifecycle.expireOverdueOffers()
        #expect(expired.map(\.decision.agentId) == ["A4"])
        try await Self.expect(s, "A1", accepted: 1, latency: 90_000)
        try await Self.expect(s, "A2", accepted: 0, latency: 0)
        try await Self.expect(s, "A3", accepted: 0, latency: 0)
        try await Self.expect(s, "A4", accepted: 0, latency: 0)

        clock.advance(byMillis: 30_000)
        _ = try await lifecycle.accept(leadId: "L2", agentId: "A4")
        try await Self.expect(s, "A4", accepted: 1, latency: 30_000)
        _ = try await lifecycle.close(leadId: "L1", agentId: "A1", won: true)
        _ = try await lifecycle.reopen(leadId: "L1", agentId: "A1")
        try await Self.expect(s, "A1", accepted: 1, latency: 90_000)
        try await LifecycleBehaviour.expectViewMatchesStore(lifecycle, s)
        #expect(try await s.violations() == [])
    }
}

@Suite("Accept latency: SQLite")
struct SQLiteAcceptLatencyTests {
    @Test func migrationBackFillsFromHistory() async throws {
        try await Backend.sqlite.with(migrate: false, AcceptLatencyBehaviour.migrationBackFillsFromHistory)
    }
    @Test func onlyAnAcceptCounts() async throws { try await Backend.sqlite.with(AcceptLatencyBehaviour.onlyAnAcceptCounts) }
}

@Suite(
    "Accept latency: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresAcceptLatencyTests {
    @Test func migrationBackFillsFromHistory() async throws {
        try await Backend.postgres.with(migrate: false, AcceptLatencyBehaviour.migrationBackFillsFromHistory)
    }
    @Test func onlyAnAcceptCounts() async throws { try await Backend.postgres.with(AcceptLatencyBehaviour.onlyAnAcceptCounts) }
}
