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
    public static var currentVersion: Int { 2 }

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
            ),
            Migration(
                version: 2,
                name: "decision commit of a new lead in one statement",
                statements: Self.commitNewStatements(dialect)
            ),
        ]
    }

    /// SQLSTATE (Postgres) and message marker (SQLite) with which the one-statement commit declines: it rolls
    /// itself back, writes nothing, and the store runs the general transaction.
    public static let fastPathDeclinedState = "LR001"
    public static let fastPathDeclinedMessage = "leadrouter: commit fast path declined"

    /// Migration 2: the commit of a new lead whose best-ranked candidate has room (or of an unroutable lead) as one
    /// statement, so it costs one round trip (Postgres: a PL/pgSQL function) or one hop to SQLite's thread (an
    /// `INSTEAD OF INSERT` trigger on a view). It writes exactly what ``SQLLeadStore``'s general transaction writes
    /// in that case: the capacity reservation, the lead, the assignment, the audit rows and the outbox event. When
    /// the candidate is full or paused, or the lead exists, it raises and the statement rolls back. Arguments, in
    /// order (``SQLLeadStore/commitNewInOneStatement(_:)`` binds them): lead id, payload, canonical payload, status,
    /// decision JSON, time, agent (NULL when unroutable), score, path JSON, policy, graph version, audit detail,
    /// event kind, event payload prefix and suffix (the payload is `prefix || assignment id || suffix`, or the
    /// prefix alone without an assignment).
    static func commitNewStatements(_ dialect: SQLDialect) -> [String] {
        switch dialect.kind {
        case .postgres:
            return [
                """
                CREATE FUNCTION leadrouter_commit_new(
                    p_lead_id TEXT, p_payload TEXT, p_canonical_payload TEXT, p_status TEXT, p_decision TEXT,
                    p_at_ms BIGINT, p_agent_id TEXT, p_score DOUBLE PRECISION, p_path TEXT, p_policy TEXT,
                    p_graph_version TEXT, p_detail TEXT, p_kind TEXT, p_event_prefix TEXT, p_event_suffix TEXT
                ) RETURNS BIGINT LANGUAGE plpgsql AS $body$
                DECLARE
                    v_assignment_id BIGINT;
                    v_xid BIGINT;
                BEGIN
                    IF p_agent_id IS NOT NULL THEN
                        UPDATE agent_load SET open_count = open_count + 1, assigned = assigned + 1
                        WHERE agent_id = p_agent_id AND open_count < capacity AND paused = 0;
                        IF NOT FOUND THEN
                            RAISE EXCEPTION '\(fastPathDeclinedMessage)' USING ERRCODE = '\(fastPathDeclinedState)';
                        END IF;
                    END IF;
                    INSERT INTO leads (lead_id, payload, canonical_payload, status, decision, received_at_ms, updated_at_ms)
                    VALUES (p_lead_id, p_payload, p_canonical_payload, p_status, p_decision, p_at_ms, p_at_ms)
                    ON CONFLICT (lead_id) DO NOTHING;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION '\(fastPathDeclinedMessage)' USING ERRCODE = '\(fastPathDeclinedState)';
                    END IF;
                    IF p_agent_id IS NOT NULL THEN
                        INSERT INTO assignments (lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms)
                        VALUES (p_lead_id, p_agent_id, p_score, p_path, p_policy, p_graph_version, 'offered', p_at_ms, p_at_ms)
                        RETURNING assignment_id INTO v_assignment_id;
                        INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                        VALUES (p_lead_id, NULL, NULL, 'received', NULL, NULL, p_at_ms, ''),
                            (p_lead_id, v_assignment_id, p_agent_id, 'routed', NULL, 'offered', p_at_ms, p_detail);
                    ELSE
                        INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                        VALUES (p_lead_id, NULL, NULL, 'received', NULL, NULL, p_at_ms, ''),
                            (p_lead_id, NULL, NULL, 'unroutable', NULL, NULL, p_at_ms, p_detail);
                    END IF;
                    v_xid := pg_current_xact_id()::text::bigint;
                    INSERT INTO outbox (event_id, kind, lead_id, agent_id, score, occurred_at_ms, payload)
                    SELECT (v_xid << 16) + (SELECT count(*) FROM outbox WHERE event_id >= (v_xid << 16) AND event_id < ((v_xid + 1) << 16)),
                        p_kind, p_lead_id, p_agent_id, p_score, p_at_ms,
                        CASE WHEN v_assignment_id IS NULL THEN p_event_prefix ELSE p_event_prefix || v_assignment_id::text || p_event_suffix END;
                    RETURN v_assignment_id;
                END
                $body$
                """
            ]
        case .sqlite:
            // SQLite has no stored procedures: an INSTEAD OF INSERT trigger on a view is the one-statement program.
            // `RAISE(ABORT)` rolls back the statement (the trigger's writes included).
            let assignmentId = "(SELECT assignment_id FROM assignments WHERE lead_id = NEW.lead_id AND state = 'offered')"
            return [
                """
                CREATE VIEW leadrouter_commit_new AS SELECT
                    NULL AS lead_id, NULL AS payload, NULL AS canonical_payload, NULL AS status, NULL AS decision,
                    NULL AS at_ms, NULL AS agent_id, NULL AS score, NULL AS path, NULL AS policy, NULL AS graph_version,
                    NULL AS detail, NULL AS kind, NULL AS event_prefix, NULL AS event_suffix
                """,
                """
                CREATE TRIGGER leadrouter_commit_new INSTEAD OF INSERT ON leadrouter_commit_new
                BEGIN
                    UPDATE agent_load SET open_count = open_count + 1, assigned = assigned + 1
                    WHERE NEW.agent_id IS NOT NULL AND agent_id = NEW.agent_id AND open_count < capacity AND paused = 0;
                    SELECT RAISE(ABORT, '\(fastPathDeclinedMessage)') WHERE NEW.agent_id IS NOT NULL AND changes() = 0;
                    SELECT RAISE(ABORT, '\(fastPathDeclinedMessage)') WHERE EXISTS (SELECT 1 FROM leads WHERE lead_id = NEW.lead_id);
                    INSERT INTO leads (lead_id, payload, canonical_payload, status, decision, received_at_ms, updated_at_ms)
                    VALUES (NEW.lead_id, NEW.payload, NEW.canonical_payload, NEW.status, NEW.decision, NEW.at_ms, NEW.at_ms);
                    INSERT INTO assignments (lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms)
                    SELECT NEW.lead_id, NEW.agent_id, NEW.score, NEW.path, NEW.policy, NEW.graph_version, 'offered', NEW.at_ms, NEW.at_ms
                    WHERE NEW.agent_id IS NOT NULL;
                    INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                    VALUES (NEW.lead_id, NULL, NULL, 'received', NULL, NULL, NEW.at_ms, '');
                    INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                    SELECT NEW.lead_id, \(assignmentId), NEW.agent_id,
                        CASE WHEN NEW.agent_id IS NULL THEN 'unroutable' ELSE 'routed' END,
                        NULL, CASE WHEN NEW.agent_id IS NULL THEN NULL ELSE 'offered' END, NEW.at_ms, NEW.detail;
                    INSERT INTO outbox (kind, lead_id, agent_id, score, occurred_at_ms, payload)
                    SELECT NEW.kind, NEW.lead_id, NEW.agent_id, NEW.score, NEW.at_ms,
                        CASE WHEN a.id IS NULL THEN NEW.event_prefix ELSE NEW.event_prefix || a.id || NEW.event_suffix END
                    FROM (SELECT \(assignmentId) AS id) a;
                END
                """,
            ]
        }
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
