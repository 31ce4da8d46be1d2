import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// A mistaken close is undone by audited transitions that fix the conversion counts: `reopen` (closed → accepted,
/// taking the slot again) and `correct` (won ⇄ lost). Accepting never reopens by accident.
enum CloseCorrection {
    static func load(_ s: StoreUnderTest, _ agentId: String) async throws -> AgentLoadRecord {
        try #require(try await s.store.agentLoads().first { $0.agentId == agentId })
    }

    static func reopenAndCorrectFixTheCounts(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 2, capacity: 1)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await lifecycle.start()
        let agent = try #require(try await lifecycle.route(TestNetwork.lead("L1")).decision.agentId)
        _ = try await lifecycle.accept(leadId: "L1", agentId: agent)
        _ = try await lifecycle.close(leadId: "L1", agentId: agent, won: false)
        var load = try await Self.load(s, agent)
        #expect([load.closedWon, load.closedLost, load.open] == [0, 1, 0])

        // Recorded lost by mistake: correct to won.
        let corrected = try await lifecycle.correctClose(leadId: "L1", agentId: agent, won: true)
        #expect(corrected.state == .closedWon)
        load = try await Self.load(s, agent)
        #expect([load.closedWon, load.closedLost, load.open] == [1, 0, 0])
        // Correcting to the recorded outcome again is a no-op.
        _ = try await lifecycle.correctClose(leadId: "L1", agentId: agent, won: true)
        #expect(try await Self.load(s, agent).closedWon == 1)

        // Closed by mistake altogether: reopen takes the slot again and uncounts the conversion.
        let reopened = try await lifecycle.reopen(leadId: "L1", agentId: agent)
        #expect(reopened.state == .accepted)
        load = try await Self.load(s, agent)
        #expect([load.closedWon, load.closedLost, load.open] == [0, 0, 1])
        #expect(lifecycle.loads.snapshot.openLeads[Int(try #require(router.projection.agent(agent)))] == 1)
        _ = try await lifecycle.reopen(leadId: "L1", agentId: agent)  // idempotent
        #expect(try await Self.load(s, agent).open == 1)
        var record = try #require(try await s.store.lead("L1"))
        #expect(record.status == .routed)
        #expect(record.audit.map(\.action) == ["received", "routed", "accepted", "closed_lost", "close_corrected", "reopened"])
        #expect(record.audit.suffix(2).map { [$0.fromState, $0.toState] } == [["closed_lost", "closed_won"], ["closed_won", "accepted"]])
        let kinds = try await s.pending("correction", atLeast: 5).map(\.kind)
        #expect(kinds.suffix(2) == ["lead.close_corrected", "lead.reopened"])
        #expect(try await s.violations() == [])

        // Closed again, for real this time.
        _ = try await lifecycle.close(leadId: "L1", agentId: agent, won: true)
        record = try #require(try await s.store.lead("L1"))
        #expect(record.status == .closed)
        #expect(try await Self.load(s, agent).closedWon == 1)
        #expect(try await s.violations() == [])
    }

    static func accidentalMovesAreRefused(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 1, capacity: 1)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await lifecycle.start()
        _ = try await lifecycle.route(TestNetwork.lead("L1"))
        // Nothing to undo on an open offer.
        let early = await #expect(throws: LeadStoreError.self) { try await lifecycle.reopen(leadId: "L1", agentId: "A1") }
        #expect(early?.kind == .invalidTransition)
        _ = try await lifecycle.accept(leadId: "L1", agentId: "A1")
        let notClosed = await #expect(throws: LeadStoreError.self) { try await lifecycle.correctClose(leadId: "L1", agentId: "A1", won: true) }
        #expect(notClosed?.kind == .invalidTransition)
        _ = try await lifecycle.close(leadId: "L1", agentId: "A1", won: true)
        // Accepting a closed lead does not reopen it.
        let accept = await #expect(throws: LeadStoreError.self) { try await lifecycle.accept(leadId: "L1", agentId: "A1") }
        #expect(accept?.kind == .invalidTransition)
        // The agent's only slot is taken by another lead: reopening would overfill it, so it is refused.
        _ = try await lifecycle.route(TestNetwork.lead("L2"))
        let full = await #expect(throws: LeadStoreError.self) { try await lifecycle.reopen(leadId: "L1", agentId: "A1") }
        #expect(full?.kind == .invalidTransition)
        #expect(full?.message.contains("capacity") == true)
        let record = try #require(try await s.store.lead("L1"))
        #expect(record.assignments.map(\.state) == [.closedWon])
        #expect(try await Self.load(s, "A1").closedWon == 1)
        #expect(try await s.violations() == [])
    }
}

@Suite("Close correction: SQLite")
struct SQLiteCloseCorrectionTests {
    @Test func reopenAndCorrectFixTheCounts() async throws { try await Backend.sqlite.with(CloseCorrection.reopenAndCorrectFixTheCounts) }
    @Test func accidentalMovesAreRefused() async throws { try await Backend.sqlite.with(CloseCorrection.accidentalMovesAreRefused) }
}

@Suite(
    "Close correction: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresCloseCorrectionTests {
    @Test func reopenAndCorrectFixTheCounts() async throws { try await Backend.postgres.with(CloseCorrection.reopenAndCorrectFixTheCounts) }
    @Test func accidentalMovesAreRefused() async throws { try await Backend.postgres.with(CloseCorrection.accidentalMovesAreRefused) }
}
