import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// The closes of referred leads per (source agent, agent) pair in `referral_outcomes` (migration 8): back-filled from
/// the history, moved by every close, reopen and correction in the close's transaction, read back and carried into
/// the load view (by the lifecycle and by the load feed). SQLite and (with POSTGRES_URL) Postgres.
enum ReferralOutcomeBehaviour {
    /// S refers to A1 and to A2 (direct edges); A1 and A2 cover T1, A1 first.
    static func router() throws -> Router {
        let dataset = Dataset(
            agents: [
                Agent(id: "A1", states: ["CA"], capacity: 5),
                Agent(id: "A2", states: ["CA"], capacity: 5),
                Agent(id: "S", states: ["CA"], capacity: 5),
            ],
            territories: [Territory(id: "T1", state: "CA", latitude: 34.0, longitude: -118.0)],
            coverage: [Coverage(agent: 0, territory: 0, weight: 1), Coverage(agent: 1, territory: 0, weight: 0.9)],
            referrals: [Referral(from: 2, to: 0, sent: 4, closed: 2), Referral(from: 2, to: 1, sent: 4, closed: 2)]
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: "referral-outcomes-1"))
    }

    static func referred(_ id: String, by source: String?) -> Lead { Lead(id: id, territoryId: "T1", sourceAgentId: source) }

    /// A hand-made decision of a lead `source` referred, offered to `agents` in order.
    static func commit(_ id: String, source: String?, agents: [String], at millis: Int64 = 1_000) -> DecisionCommit {
        TestNetwork.commit(id, agents: agents, at: millis, payload: Self.referred(id, by: source).canonicalJSON())
    }

    static func outcomes(_ s: StoreUnderTest) async throws -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for record in try await s.store.referralOutcomes() { result["\(record.sourceAgentId)>\(record.agentId)"] = [record.won, record.lost] }
        return result
    }

    static func close(_ s: StoreUnderTest, _ lead: String, _ agent: String, to state: AssignmentState, at millis: Int64) async throws {
        _ = try await s.store.transition(AssignmentTransition(leadId: lead, agentId: agent, to: state, atMillis: millis))
    }

    /// A version-7 database with closes of referred leads (won, lost, reopened, a lead its own source closed, a lead
    /// with no source) migrates to 8 with the table counting the closed ones per pair.
    static func migrationBackFillsFromHistory(_ s: StoreUnderTest) async throws {
        for migration in LeadStoreSchema.migrations(s.dialect) where migration.version <= 7 {
            for statement in migration.statements { _ = try await s.sql(statement) }
        }
        _ = try await s.sql("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)")
        _ = try await s.sql(
            "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (1, 'one', 0), (2, 'two', 0), (3, 'three', 0), (4, 'four', 0), (5, 'five', 0), (6, 'six', 0), (7, 'seven', 0)"
        )
        try await s.store.upsertAgents(["A1", "A2", "S"].map { AgentCapacity(agentId: $0, capacity: 9) })
        let history: [(lead: String, source: String?, agent: String, state: String)] = [
            ("L1", "S", "A1", "closed_won"), ("L2", "S", "A1", "closed_lost"), ("L3", "S", "A1", "closed_won"),
            ("L4", "S", "A2", "closed_lost"), ("L5", "S", "A2", "accepted"), ("L6", "S", "S", "closed_won"),
            ("L7", nil, "A1", "closed_won"), ("L8", "A2", "A1", "closed_lost"),
        ]
        for entry in history {
            _ = try await s.store.commit(Self.commit(entry.lead, source: entry.source, agents: [entry.agent]))
            // Moved as a version-7 binary did: state, audit row, the agent's counts and the lead's status.
            try await AcceptLatencyBehaviour.oldMove(s, entry.lead, from: "offered", to: entry.state, action: entry.state, at: 5_000)
            guard entry.state != "accepted" else {
                // Its accept counted as migration 7's binary counted it.
                _ = try await s.sql(
                    "UPDATE agent_load SET accepted_offers = accepted_offers + 1, accept_latency_ms = accept_latency_ms + 4000 WHERE agent_id = '\(entry.agent)'"
                )
                continue
            }
            let column = entry.state == "closed_won" ? "closed_won" : "closed_lost"
            _ = try await s.sql("UPDATE agent_load SET open_count = open_count - 1, \(column) = \(column) + 1 WHERE agent_id = '\(entry.agent)'")
            _ = try await s.sql("UPDATE leads SET status = 'closed' WHERE lead_id = '\(entry.lead)'")
        }
        let report = try await s.store.migrate()
        #expect(report.fromVersion == 7)
        #expect(report.applied == [8])
        #expect(try await Self.outcomes(s) == ["S>A1": [2, 1], "S>A2": [0, 1], "A2>A1": [0, 1]])
        #expect(try await s.violations() == [])

        // The current binary moves the pair in the close's transaction.
        try await Self.close(s, "L5", "A2", to: .closedWon, at: 9_000)
        #expect(try await Self.outcomes(s)["S>A2"] == [1, 1])
        #expect(try await s.violations() == [])
    }

    /// Closes, corrections and reopens move the pair's counts; a lead without a source, or closed by its own source,
    /// moves none; the invariant holds after each step.
    static func closesMoveThePair(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents(["A1", "A2", "S"].map { AgentCapacity(agentId: $0, capacity: 9) })
        for (id, source, agent) in [("L1", "S", "A1"), ("L2", "S", "A1"), ("L3", nil, "A2"), ("L4", "A2", "A2"), ("L5", "S", "A2")] {
            _ = try await s.store.commit(Self.commit(id, source: source, agents: [agent]))
            _ = try await s.store.transition(AssignmentTransition(leadId: id, agentId: agent, to: .accepted, atMillis: 2_000))
        }
        let before = try await s.store.agentLoadChanges(after: 0)
        #expect(before.referralOutcomes.isEmpty)
        try await Self.close(s, "L1", "A1", to: .closedWon, at: 3_000)
        #expect(try await Self.outcomes(s) == ["S>A1": [1, 0]])
        try await Self.close(s, "L2", "A1", to: .closedLost, at: 3_000)
        try await Self.close(s, "L3", "A2", to: .closedWon, at: 3_000)
        try await Self.close(s, "L4", "A2", to: .closedWon, at: 3_000)
        #expect(try await Self.outcomes(s) == ["S>A1": [1, 1]])
        #expect(try await s.violations() == [])
        // A correction moves the close from lost to won; a reopen uncounts it.
        _ = try await s.store.transition(
            AssignmentTransition(leadId: "L2", agentId: "A1", to: .closedWon, atMillis: 4_000, from: [.closedLost])
        )
        #expect(try await Self.outcomes(s) == ["S>A1": [2, 0]])
        _ = try await s.store.transition(
            AssignmentTransition(leadId: "L1", agentId: "A1", to: .accepted, atMillis: 5_000, from: [.closedWon, .closedLost])
        )
        #expect(try await Self.outcomes(s) == ["S>A1": [1, 0]])
        #expect(try await s.violations() == [])
        // A repeated close changes nothing.
        try await Self.close(s, "L2", "A1", to: .closedWon, at: 6_000)
        #expect(try await Self.outcomes(s) == ["S>A1": [1, 0]])

        // The change feed reports the pairs changed since a horizon.
        let horizon = try await s.store.agentLoadChanges(after: 0).horizon
        let other = try await s.openAnother()
        _ = try await other.transition(AssignmentTransition(leadId: "L5", agentId: "A2", to: .closedLost, atMillis: 7_000))
        let changes = try await s.store.agentLoadChanges(after: horizon)
        #expect(changes.referralOutcomes.contains(ReferralOutcomeRecord(sourceAgentId: "S", agentId: "A2", won: 0, lost: 1)))
        #expect(try await s.violations() == [])
        try await other.shutdown()
    }

    /// The lifecycle counts a referred lead's close on the edge from its source, in the view and in the store; a
    /// reopen uncounts it; another process's view follows through the load feed.
    static func lifecycleLearnsFromACloseOfAReferredLead(_ s: StoreUnderTest) async throws {
        let router = try Self.router()
        let projection = router.projection
        let clock = ManualClock()
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: clock)
        try await lifecycle.start()
        let other = try await s.openAnother()
        let elsewhere = LeadLifecycle(router: router, store: other, clock: ManualClock())
        try await elsewhere.start()
        let feed = AgentLoadFeed(lifecycle: elsewhere)
        _ = try await feed.poll()

        let edge = try #require(projection.referralEdges(from: "S", to: "A1").first)
        let winner = try await lifecycle.route(Self.referred("R1", by: "S")).decision.agentId
        #expect(winner == "A1")
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.accept(leadId: "R1", agentId: "A1")
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.close(leadId: "R1", agentId: "A1", won: true)
        #expect(lifecycle.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome(won: 1, lost: 0))
        #expect(try await Self.outcomes(s) == ["S>A1": [1, 0]])
        try await LifecycleBehaviour.expectViewMatchesStore(lifecycle, s)
        // A repeated close counts nothing more.
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.close(leadId: "R1", agentId: "A1", won: true)
        #expect(lifecycle.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome(won: 1, lost: 0))

        // Another replica hears of it at its next poll.
        #expect(elsewhere.loads.snapshot.referralOutcomes.isEmpty)
        let polled = try await feed.poll()
        #expect(polled.changedReferralEdges == 1)
        #expect(elsewhere.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome(won: 1, lost: 0))

        // A lead with no source teaches no edge.
        _ = try await lifecycle.route(Self.referred("R2", by: nil))
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.accept(leadId: "R2", agentId: "A1")
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.close(leadId: "R2", agentId: "A1", won: false)
        #expect(lifecycle.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome(won: 1, lost: 0))

        // A reopen uncounts the close (the view is read back from the store).
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.reopen(leadId: "R1", agentId: "A1")
        #expect(lifecycle.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome())
        try await LifecycleBehaviour.expectViewMatchesStore(lifecycle, s)
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.close(leadId: "R1", agentId: "A1", won: false)
        #expect(lifecycle.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome(won: 0, lost: 1))
        try await LifecycleBehaviour.expectViewMatchesStore(lifecycle, s)

        // A process started now reads it from the store.
        let restarted = LeadLifecycle(router: router, store: other, clock: ManualClock())
        try await restarted.start()
        #expect(restarted.loads.snapshot.referralOutcome(edge: edge) == ReferralOutcome(won: 0, lost: 1))
        #expect(try await s.violations() == [])
        try await other.shutdown()
    }
}

@Suite("Referral outcomes: SQLite")
struct SQLiteReferralOutcomeTests {
    @Test func migrationBackFillsFromHistory() async throws {
        try await Backend.sqlite.with(migrate: false, ReferralOutcomeBehaviour.migrationBackFillsFromHistory)
    }
    @Test func closesMoveThePair() async throws { try await Backend.sqlite.with(ReferralOutcomeBehaviour.closesMoveThePair) }
    @Test func lifecycleLearnsFromACloseOfAReferredLead() async throws {
        try await Backend.sqlite.with(ReferralOutcomeBehaviour.lifecycleLearnsFromACloseOfAReferredLead)
    }
}

@Suite(
    "Referral outcomes: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresReferralOutcomeTests {
    @Test func migrationBackFillsFromHistory() async throws {
        try await Backend.postgres.with(migrate: false, ReferralOutcomeBehaviour.migrationBackFillsFromHistory)
    }
    @Test func closesMoveThePair() async throws { try await Backend.postgres.with(ReferralOutcomeBehaviour.closesMoveThePair) }
    @Test func lifecycleLearnsFromACloseOfAReferredLead() async throws {
        try await Backend.postgres.with(ReferralOutcomeBehaviour.lifecycleLearnsFromACloseOfAReferredLead)
    }
}
