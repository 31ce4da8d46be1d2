extension LeadStoreSchema {
    /// A consistency rule of the store, checked in SQL.
    public struct Invariant: Sendable {
        /// A short stable identifier (tests and scripts name invariants by it).
        public var id: String
        /// What holds, for people (`leadrouter store verify` prints it).
        public var name: String
        /// Counts the rows that break it (0: it holds), in SQL both dialects run unless ``postgresSQL`` is set.
        public var sql: String
        /// The Postgres text when the dialects spell the check differently (reading the lead's JSON payload).
        public var postgresSQL: String? = nil

        /// The check in `dialect`.
        public func sql(for dialect: SQLDialect) -> String {
            switch dialect.kind {
            case .sqlite: self.sql
            case .postgres: self.postgresSQL ?? self.sql
            }
        }
    }

    /// Every invariant, checked by ``SQLLeadStore/checkInvariants()``: the tests, `leadrouter store verify` and the
    /// crash-consistency script all use this list.
    public static let invariants: [Invariant] = [
        Invariant(
            id: "routed-lead-has-active-assignment",
            name: "each routed lead has exactly one active assignment; unroutable and closed leads have none",
            sql: """
                SELECT count(*) FROM leads l WHERE (l.status = 'routed') <> EXISTS (
                    SELECT 1 FROM assignments a WHERE a.lead_id = l.lead_id AND a.state IN ('offered', 'accepted'))
                """
        ),
        Invariant(
            id: "one-active-assignment",
            name: "no lead has two active assignments",
            sql: """
                SELECT count(*) FROM (SELECT lead_id FROM assignments WHERE state IN ('offered', 'accepted')
                    GROUP BY lead_id HAVING count(*) > 1) d
                """
        ),
        Invariant(
            id: "capacity",
            name: "no agent over capacity",
            sql: "SELECT count(*) FROM agent_load WHERE open_count > capacity"
        ),
        Invariant(
            id: "load-counters",
            name: "load counters equal baseline plus active assignments",
            sql: """
                SELECT count(*) FROM agent_load g WHERE g.open_count <> g.baseline_open + (
                    SELECT count(*) FROM assignments a WHERE a.agent_id = g.agent_id AND a.state IN ('offered', 'accepted'))
                """
        ),
        Invariant(
            id: "conversion-counts",
            name: "conversion counts equal the closed assignments (won and lost)",
            sql: """
                SELECT count(*) FROM agent_load g
                WHERE g.closed_won <> (SELECT count(*) FROM assignments a WHERE a.agent_id = g.agent_id AND a.state = 'closed_won')
                    OR g.closed_lost <> (SELECT count(*) FROM assignments a WHERE a.agent_id = g.agent_id AND a.state = 'closed_lost')
                """
        ),
        Invariant(
            id: "accept-latency",
            name: "accepted offers and their offer-to-accept milliseconds equal the history's accepts",
            sql: """
                SELECT count(*) FROM agent_load g LEFT JOIN (\(LeadStoreSchema.acceptedOfferHistory)) h ON h.agent_id = g.agent_id
                WHERE g.accepted_offers <> COALESCE(h.accepted, 0) OR g.accept_latency_ms <> COALESCE(h.latency_ms, 0)
                """
        ),
        Invariant(
            id: "referral-outcomes",
            name: "referral outcomes equal the history's closes of referred leads per source and agent",
            sql: LeadStoreSchema.referralOutcomesCheck(.sqlite),
            postgresSQL: LeadStoreSchema.referralOutcomesCheck(.postgres)
        ),
        Invariant(
            id: "received-audit",
            name: "every lead has exactly one 'received' audit row",
            sql: """
                SELECT count(*) FROM leads l WHERE (SELECT count(*) FROM audit_log u
                    WHERE u.lead_id = l.lead_id AND u.action = 'received') <> 1
                """
        ),
        Invariant(
            id: "offer-audit",
            name: "every assignment has an audit row for its offer",
            sql: """
                SELECT count(*) FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM audit_log u
                    WHERE u.assignment_id = a.assignment_id AND u.to_state = 'offered')
                """
        ),
        Invariant(
            id: "state-audit",
            name: "every assignment's current state has an audit row",
            sql: """
                SELECT count(*) FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM audit_log u
                    WHERE u.assignment_id = a.assignment_id AND u.to_state = a.state)
                """
        ),
        Invariant(
            id: "unroutable-audit",
            name: "every unroutable lead has an 'unroutable' audit row",
            sql: """
                SELECT count(*) FROM leads l WHERE l.status = 'unroutable' AND NOT EXISTS (SELECT 1 FROM audit_log u
                    WHERE u.lead_id = l.lead_id AND u.action = 'unroutable')
                """
        ),
        Invariant(
            id: "assignment-event",
            name: "every assignment has an outbox event",
            sql: """
                SELECT count(*) FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM outbox o
                    WHERE o.lead_id = a.lead_id AND o.agent_id = a.agent_id)
                """
        ),
        Invariant(
            id: "rebalance-move-assignment",
            name: "every applied rebalance move has the assignment it made (its lead, its target)",
            sql: """
                SELECT count(*) FROM rebalance_moves m WHERE m.outcome = 'applied' AND NOT EXISTS (SELECT 1 FROM assignments a
                    WHERE a.assignment_id = m.assignment_id AND a.lead_id = m.lead_id AND a.agent_id = m.to_agent_id)
                """
        ),
    ]

    /// The `referral-outcomes` check: rows of `referral_outcomes` whose counts differ from the history's
    /// (``referralOutcomeHistory(_:)``; a row of a pair without closes must count none), plus pairs of the history
    /// without a row.
    static func referralOutcomesCheck(_ dialect: SQLDialect) -> String {
        let history = Self.referralOutcomeHistory(dialect)
        return """
            SELECT (SELECT count(*) FROM referral_outcomes r LEFT JOIN (\(history)) h
                    ON h.source_agent_id = r.source_agent_id AND h.agent_id = r.agent_id
                WHERE r.won <> COALESCE(h.won, 0) OR r.lost <> COALESCE(h.lost, 0))
                + (SELECT count(*) FROM (\(history)) h WHERE NOT EXISTS (SELECT 1 FROM referral_outcomes r
                    WHERE r.source_agent_id = h.source_agent_id AND r.agent_id = h.agent_id))
            """
    }
}
