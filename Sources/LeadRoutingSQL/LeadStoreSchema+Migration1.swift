import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 1: the tables. Released; never edit.
    static func migration1(_ dialect: SQLDialect) -> Migration {
        let serial = dialect.serialPrimaryKey
        let states = AssignmentState.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let outboxKey = dialect.kind == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT PRIMARY KEY"
        return Migration(
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
    }
}
