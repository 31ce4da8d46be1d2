public import LeadRoutingCore

/// The lead store's schema: versioned, forward-only migrations recorded in `schema_migrations`.
public enum LeadStoreSchema {
    /// One migration: its version, name and statements (in the dialect).
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var statements: [String]
    }

    /// The newest schema version this binary knows.
    public static var currentVersion: Int { 1 }

    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at_ms BIGINT NOT NULL
        )
        """

    /// Every migration, oldest first. Append new ones; never edit a released one.
    public static func migrations(_ dialect: SQLDialect) -> [Migration] {
        let serial = dialect.serialPrimaryKey
        let states = AssignmentState.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let outboxKey = dialect.kind == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT PRIMARY KEY"
        return [
            Migration(
                version: 1,
                name: "leads, assignments, agent load, audit log, outbox",
                statements: [
                    """
                    CREATE TABLE agent_load (
                        agent_id TEXT PRIMARY KEY,
                        capacity BIGINT NOT NULL CHECK (capacity >= 0),
                        baseline_open BIGINT NOT NULL DEFAULT 0 CHECK (baseline_open >= 0),
                        open_count BIGINT NOT NULL DEFAULT 0 CHECK (open_count >= 0),
                        paused BIGINT NOT NULL DEFAULT 0,
                        assigned BIGINT NOT NULL DEFAULT 0,
                        closed_won BIGINT NOT NULL DEFAULT 0,
                        closed_lost BIGINT NOT NULL DEFAULT 0,
                        updated_at_ms BIGINT NOT NULL DEFAULT 0
                    )
                    """,
                    """
                    CREATE TABLE leads (
                        lead_id TEXT PRIMARY KEY,
                        payload TEXT NOT NULL,
                        canonical_payload TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('routed', 'unroutable', 'closed')),
                        decision TEXT NOT NULL,
                        received_at_ms BIGINT NOT NULL,
                        updated_at_ms BIGINT NOT NULL
                    )
                    """,
                    "CREATE INDEX leads_unroutable ON leads (received_at_ms) WHERE status = 'unroutable'",
                    """
                    CREATE TABLE assignments (
                        assignment_id \(serial),
                        lead_id TEXT NOT NULL REFERENCES leads (lead_id),
                        agent_id TEXT NOT NULL REFERENCES agent_load (agent_id),
                        score DOUBLE PRECISION NOT NULL,
                        path TEXT NOT NULL,
                        policy TEXT NOT NULL,
                        graph_version TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN (\(states))),
                        decided_at_ms BIGINT NOT NULL,
                        updated_at_ms BIGINT NOT NULL
                    )
                    """,
                    // The database itself refuses a second active assignment of a lead.
                    "CREATE UNIQUE INDEX assignments_one_active ON assignments (lead_id) WHERE state IN ('offered', 'accepted')",
                    "CREATE INDEX assignments_lead ON assignments (lead_id, agent_id)",
                    "CREATE INDEX assignments_offered ON assignments (decided_at_ms) WHERE state = 'offered'",
                    """
                    CREATE TABLE audit_log (
                        audit_id \(serial),
                        lead_id TEXT NOT NULL,
                        assignment_id BIGINT,
                        agent_id TEXT,
                        action TEXT NOT NULL,
                        from_state TEXT,
                        to_state TEXT,
                        at_ms BIGINT NOT NULL,
                        detail TEXT NOT NULL DEFAULT ''
                    )
                    """,
                    "CREATE INDEX audit_lead ON audit_log (lead_id)",
                    """
                    CREATE TABLE outbox (
                        event_id \(outboxKey),
                        kind TEXT NOT NULL,
                        lead_id TEXT NOT NULL,
                        agent_id TEXT,
                        score DOUBLE PRECISION,
                        occurred_at_ms BIGINT NOT NULL,
                        payload TEXT NOT NULL
                    )
                    """,
                    """
                    CREATE TABLE outbox_cursors (
                        consumer TEXT PRIMARY KEY,
                        last_event_id BIGINT NOT NULL,
                        updated_at_ms BIGINT NOT NULL
                    )
                    """,
                ]
            )
        ]
    }

    /// Invariant checks: each query counts violations (0 = holds). Used by the tests, `leadrouter store verify` and
    /// the crash-consistency script.
    public static let invariants: [(name: String, sql: String)] = [
        (
            "each routed lead has exactly one active assignment; unroutable and closed leads have none",
            """
            SELECT count(*) FROM leads l WHERE (l.status = 'routed') <> EXISTS (
                SELECT 1 FROM assignments a WHERE a.lead_id = l.lead_id AND a.state IN ('offered', 'accepted'))
            """
        ),
        (
            "no lead has two active assignments",
            """
            SELECT count(*) FROM (SELECT lead_id FROM assignments WHERE state IN ('offered', 'accepted')
                GROUP BY lead_id HAVING count(*) > 1) d
            """
        ),
        ("no agent over capacity", "SELECT count(*) FROM agent_load WHERE open_count > capacity"),
        (
            "load counters equal baseline plus active assignments",
            """
            SELECT count(*) FROM agent_load g WHERE g.open_count <> g.baseline_open + (
                SELECT count(*) FROM assignments a WHERE a.agent_id = g.agent_id AND a.state IN ('offered', 'accepted'))
            """
        ),
        (
            "every lead has a 'received' audit row",
            "SELECT count(*) FROM leads l WHERE NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.lead_id = l.lead_id AND u.action = 'received')"
        ),
        (
            "every assignment has an audit row for its offer",
            """
            SELECT count(*) FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM audit_log u
                WHERE u.assignment_id = a.assignment_id AND u.to_state = 'offered')
            """
        ),
        (
            "every assignment's current state has an audit row",
            """
            SELECT count(*) FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM audit_log u
                WHERE u.assignment_id = a.assignment_id AND u.to_state = a.state)
            """
        ),
        (
            "every unroutable lead has an 'unroutable' audit row",
            """
            SELECT count(*) FROM leads l WHERE l.status = 'unroutable' AND NOT EXISTS (SELECT 1 FROM audit_log u
                WHERE u.lead_id = l.lead_id AND u.action = 'unroutable')
            """
        ),
        (
            "every assignment has an outbox event",
            """
            SELECT count(*) FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM outbox o
                WHERE o.lead_id = a.lead_id AND o.agent_id = a.agent_id)
            """
        ),
    ]
}
