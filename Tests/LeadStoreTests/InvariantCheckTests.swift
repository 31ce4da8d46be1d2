import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// A deliberate break of one invariant: SQL that damages a consistent store so that this invariant, and no
/// other, is violated.
struct InvariantDamage: Sendable, CustomTestStringConvertible {
    var invariant: String
    var what: String
    var sql: [String]

    var testDescription: String { "\(self.invariant): \(self.what)" }

    /// At least one per invariant (a test checks the coverage), against the store ``seed(_:)`` builds.
    static let all: [InvariantDamage] = [
        InvariantDamage(
            invariant: "routed-lead-has-active-assignment",
            what: "a lead with an active offer marked closed",
            sql: ["UPDATE leads SET status = 'closed' WHERE lead_id = 'L1'"]
        ),
        InvariantDamage(
            invariant: "one-active-assignment",
            what: "a second offer of L1, counted, audited and announced, past the dropped unique index",
            sql: [
                "DROP INDEX assignments_one_active",
                """
                INSERT INTO assignments (lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms)
                VALUES ('L1', 'A2', 0.5, '[]', 'p', 'g', 'offered', 1000, 1000)
                """,
                "UPDATE agent_load SET open_count = open_count + 1 WHERE agent_id = 'A2'",
                """
                INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                SELECT 'L1', max(assignment_id), 'A2', 'routed', NULL, 'offered', 1000, '' FROM assignments
                """,
                """
                INSERT INTO outbox (kind, lead_id, agent_id, score, occurred_at_ms, payload)
                VALUES ('lead.routed', 'L1', 'A2', 0.5, 1000, '{}')
                """,
            ]
        ),
        InvariantDamage(
            invariant: "capacity",
            what: "A1's capacity lowered below its open offer",
            sql: ["UPDATE agent_load SET capacity = 0 WHERE agent_id = 'A1'"]
        ),
        InvariantDamage(
            invariant: "load-counters",
            what: "A2's load counter raised without an assignment",
            sql: ["UPDATE agent_load SET open_count = open_count + 1 WHERE agent_id = 'A2'"]
        ),
        InvariantDamage(
            invariant: "conversion-counts",
            what: "A3's won count raised without a closed assignment",
            sql: ["UPDATE agent_load SET closed_won = closed_won + 1 WHERE agent_id = 'A3'"]
        ),
        InvariantDamage(
            invariant: "accept-latency",
            what: "A3's accepted offers raised without an accept",
            sql: ["UPDATE agent_load SET accepted_offers = accepted_offers + 1 WHERE agent_id = 'A3'"]
        ),
        InvariantDamage(
            invariant: "accept-latency",
            what: "A3's offer-to-accept milliseconds changed",
            sql: ["UPDATE agent_load SET accept_latency_ms = 0 WHERE agent_id = 'A3'"]
        ),
        InvariantDamage(
            invariant: "referral-outcomes",
            what: "the won count of A1's referral to A2 raised without a close",
            sql: ["UPDATE referral_outcomes SET won = won + 1 WHERE source_agent_id = 'A1' AND agent_id = 'A2'"]
        ),
        InvariantDamage(
            invariant: "referral-outcomes",
            what: "the row of A1's referral to A2 deleted",
            sql: ["DELETE FROM referral_outcomes WHERE source_agent_id = 'A1' AND agent_id = 'A2'"]
        ),
        InvariantDamage(
            invariant: "referral-outcomes",
            what: "a loss counted on a pair that never closed a referred lead",
            sql: ["INSERT INTO referral_outcomes (source_agent_id, agent_id, won, lost) VALUES ('A3', 'A1', 0, 1)"]
        ),
        InvariantDamage(
            invariant: "received-audit",
            what: "L2's 'received' audit row deleted",
            sql: ["DELETE FROM audit_log WHERE lead_id = 'L2' AND action = 'received'"]
        ),
        InvariantDamage(
            invariant: "received-audit",
            what: "L2 received twice",
            sql: [
                """
                INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                VALUES ('L2', NULL, NULL, 'received', NULL, NULL, 1000, '')
                """
            ]
        ),
        InvariantDamage(
            invariant: "offer-audit",
            what: "the offer audit row of L3's accepted assignment deleted",
            sql: ["DELETE FROM audit_log WHERE lead_id = 'L3' AND to_state = 'offered'"]
        ),
        InvariantDamage(
            invariant: "state-audit",
            what: "L1's offer accepted without an audit row",
            sql: ["UPDATE assignments SET state = 'accepted' WHERE lead_id = 'L1'"]
        ),
        InvariantDamage(
            invariant: "unroutable-audit",
            what: "L2's 'unroutable' audit row deleted",
            sql: ["DELETE FROM audit_log WHERE lead_id = 'L2' AND action = 'unroutable'"]
        ),
        InvariantDamage(
            invariant: "assignment-event",
            what: "L1's outbox event deleted",
            sql: ["DELETE FROM outbox WHERE lead_id = 'L1'"]
        ),
        InvariantDamage(
            invariant: "rebalance-move-assignment",
            what: "a rebalance move of L1 to A2 recorded as applied without its assignment",
            sql: [
                """
                INSERT INTO rebalance_plans (plan_id, scope, watermark_ms, move_count, plan, created_at_ms)
                VALUES ('rb-damage', 'stale', 1000, 1, '{}', 1000)
                """,
                """
                INSERT INTO rebalance_moves (plan_id, lead_id, from_agent_id, to_agent_id, outcome, reason, assignment_id, at_ms)
                VALUES ('rb-damage', 'L1', 'A1', 'A2', 'applied', NULL, 999999, 1000)
                """,
            ]
        ),
    ]

    /// A consistent store: L1 offered to A1, L2 unroutable, L3 accepted by A3, L4 (referred by A1) closed won by A2.
    static func seed(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents((1...3).map { AgentCapacity(agentId: "A\($0)", capacity: 2) })
        _ = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"]))
        _ = try await s.store.commit(TestNetwork.commit("L2", agents: []))
        _ = try await s.store.commit(TestNetwork.commit("L3", agents: ["A3"]))
        _ = try await s.store.transition(AssignmentTransition(leadId: "L3", agentId: "A3", to: .accepted, atMillis: 2_000))
        let referred = Lead(id: "L4", territoryId: "T1", sourceAgentId: "A1").canonicalJSON()
        _ = try await s.store.commit(TestNetwork.commit("L4", agents: ["A2"], payload: referred))
        _ = try await s.store.transition(AssignmentTransition(leadId: "L4", agentId: "A2", to: .accepted, atMillis: 2_000))
        _ = try await s.store.transition(AssignmentTransition(leadId: "L4", agentId: "A2", to: .closedWon, atMillis: 3_000))
    }

    /// Seeds, checks the store is consistent, damages it, and expects exactly this invariant to be reported.
    func check(_ s: StoreUnderTest) async throws {
        try await Self.seed(s)
        #expect(try await s.violations() == [])
        for statement in self.sql { _ = try await s.sql(statement) }
        let expected = try #require(LeadStoreSchema.invariants.first { $0.id == self.invariant })
        let violated = try await s.store.checkInvariants().filter { $0.violations != 0 }
        #expect(violated.map(\.name) == [expected.name])
        #expect(violated.first?.violations == 1)
    }
}

@Suite("Invariant checker reports each damage: SQLite")
struct SQLiteInvariantCheckTests {
    @Test func everyInvariantHasADamage() {
        #expect(Set(InvariantDamage.all.map(\.invariant)) == Set(LeadStoreSchema.invariants.map(\.id)))
        #expect(Set(LeadStoreSchema.invariants.map(\.id)).count == LeadStoreSchema.invariants.count)
    }

    @Test(arguments: InvariantDamage.all)
    func damageIsReported(_ damage: InvariantDamage) async throws {
        try await Backend.sqlite.with { try await damage.check($0) }
    }
}

@Suite(
    "Invariant checker reports each damage: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresInvariantCheckTests {
    @Test(arguments: InvariantDamage.all)
    func damageIsReported(_ damage: InvariantDamage) async throws {
        try await Backend.postgres.with { try await damage.check($0) }
    }
}
