import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 3: the decision-commit program (``DecisionCommitProgram``), which takes the candidate agent so
    /// that every commit (a new lead, a retry, a re-route, each candidate of a fallback) writes through it; and, on
    /// Postgres, the outbox event id as the column's default. Drops migration 2's program.
    static func migration3(_ dialect: SQLDialect) -> Migration {
        let name = "decision-commit program per candidate; outbox event ids by column default"
        switch dialect.kind {
        case .postgres:
            return Migration(
                version: 3,
                name: name,
                statements: [
                    """
                    DROP FUNCTION IF EXISTS leadrouter_commit_new(TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT, TEXT, DOUBLE PRECISION,
                        TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT)
                    """,
                    // Event ids are `xid << 16 | n`: ordered by transaction id, so a consumer reading only events of
                    // transactions older than every running one (``SQLLeadStore/pendingOutboxEvents(consumer:limit:)``)
                    // never skips an event that commits later with a smaller id. SQLite has one writer at a time; its
                    // ids are plain.
                    """
                    CREATE FUNCTION leadrouter_next_event_id() RETURNS BIGINT LANGUAGE plpgsql VOLATILE AS $body$
                    DECLARE
                        v_xid BIGINT := pg_current_xact_id()::text::bigint;
                    BEGIN
                        RETURN (v_xid << 16) + (SELECT count(*) FROM outbox WHERE event_id >= (v_xid << 16) AND event_id < ((v_xid + 1) << 16));
                    END
                    $body$
                    """,
                    "ALTER TABLE outbox ALTER COLUMN event_id SET DEFAULT leadrouter_next_event_id()",
                    Self.postgresCommitProgram,
                ]
            )
        case .sqlite:
            return Migration(
                version: 3,
                name: name,
                statements: [
                    "DROP TRIGGER IF EXISTS leadrouter_commit_new",
                    "DROP VIEW IF EXISTS leadrouter_commit_new",
                    """
                    CREATE VIEW \(DecisionCommitProgram.name) AS SELECT
                        \(DecisionCommitProgram.parameters.map { "NULL AS \($0.name)" }.joined(separator: ", "))
                    """,
                    Self.sqliteCommitProgram,
                ]
            )
        }
    }

    private static var postgresCommitProgram: String {
        let parameters = DecisionCommitProgram.parameters.map { "p_\($0.name) \($0.postgresType)" }.joined(separator: ", ")
        let code = DecisionCommitProgram.postgresCode
        return """
            CREATE FUNCTION \(DecisionCommitProgram.name)(\(parameters)) RETURNS BIGINT LANGUAGE plpgsql AS $body$
            DECLARE
                v_assignment_id BIGINT;
                v_paused BIGINT;
            BEGIN
                IF p_agent_id IS NOT NULL THEN
                    UPDATE agent_load SET open_count = open_count + 1, assigned = assigned + 1
                    WHERE agent_id = p_agent_id AND open_count < capacity AND paused = 0;
                    IF NOT FOUND THEN
                        SELECT paused INTO v_paused FROM agent_load WHERE agent_id = p_agent_id;
                        RETURN CASE WHEN v_paused IS NULL THEN \(code(.notInStore)) WHEN v_paused <> 0 THEN \(code(.paused))
                            ELSE \(code(.atCapacity)) END;
                    END IF;
                END IF;
                IF p_lead_action = '\(DecisionCommitProgram.LeadWrite.newLeadAction)' THEN
                    INSERT INTO leads (lead_id, payload, canonical_payload, status, decision, received_at_ms, updated_at_ms)
                    VALUES (p_lead_id, p_payload, p_canonical_payload, p_status, p_decision, p_at_ms, p_at_ms)
                    ON CONFLICT (lead_id) DO NOTHING;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'leadrouter: lead % is recorded already', p_lead_id
                            USING ERRCODE = '\(DecisionCommitProgram.leadExistsState)';
                    END IF;
                ELSE
                    UPDATE leads SET status = p_status, decision = p_decision, updated_at_ms = p_at_ms WHERE lead_id = p_lead_id;
                END IF;
                IF p_agent_id IS NOT NULL THEN
                    INSERT INTO assignments (lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms)
                    VALUES (p_lead_id, p_agent_id, p_score, p_path, p_policy, p_graph_version, 'offered', p_at_ms, p_at_ms)
                    RETURNING assignment_id INTO v_assignment_id;
                END IF;
                INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                VALUES (p_lead_id, NULL, NULL, p_lead_action, p_lead_from, p_lead_to, p_at_ms, p_lead_detail),
                    (p_lead_id, v_assignment_id, p_agent_id, CASE WHEN p_agent_id IS NULL THEN 'unroutable' ELSE 'routed' END,
                        NULL, CASE WHEN p_agent_id IS NULL THEN NULL ELSE 'offered' END, p_at_ms, p_detail);
                INSERT INTO outbox (kind, lead_id, agent_id, score, occurred_at_ms, payload)
                VALUES (p_kind, p_lead_id, p_agent_id, p_score, p_at_ms,
                    CASE WHEN v_assignment_id IS NULL THEN p_event_prefix ELSE p_event_prefix || v_assignment_id::text || p_event_suffix END);
                RETURN COALESCE(v_assignment_id, 0);
            END
            $body$
            """
    }

    /// SQLite has no stored procedures: an `INSTEAD OF INSERT` trigger on a view is the program. `changes()` is the
    /// row count of the trigger's last INSERT/UPDATE/DELETE (the reservation, for the three refusal checks).
    private static var sqliteCommitProgram: String {
        let name = DecisionCommitProgram.name
        let decline = DecisionCommitProgram.sqliteDeclineMessage
        let newLead = "NEW.lead_action = '\(DecisionCommitProgram.LeadWrite.newLeadAction)'"
        let assignmentId = "(SELECT assignment_id FROM assignments WHERE lead_id = NEW.lead_id AND state = 'offered')"
        let refused = "NEW.agent_id IS NOT NULL AND changes() = 0"
        return """
            CREATE TRIGGER \(name) INSTEAD OF INSERT ON \(name)
            BEGIN
                UPDATE agent_load SET open_count = open_count + 1, assigned = assigned + 1
                WHERE NEW.agent_id IS NOT NULL AND agent_id = NEW.agent_id AND open_count < capacity AND paused = 0;
                SELECT RAISE(ABORT, '\(decline(.candidateRefused(.paused)))') WHERE \(refused)
                    AND EXISTS (SELECT 1 FROM agent_load WHERE agent_id = NEW.agent_id AND paused <> 0);
                SELECT RAISE(ABORT, '\(decline(.candidateRefused(.atCapacity)))') WHERE \(refused)
                    AND EXISTS (SELECT 1 FROM agent_load WHERE agent_id = NEW.agent_id);
                SELECT RAISE(ABORT, '\(decline(.candidateRefused(.notInStore)))') WHERE \(refused);
                SELECT RAISE(ABORT, '\(decline(.leadExists))') WHERE \(newLead) AND EXISTS (SELECT 1 FROM leads WHERE lead_id = NEW.lead_id);
                INSERT INTO leads (lead_id, payload, canonical_payload, status, decision, received_at_ms, updated_at_ms)
                SELECT NEW.lead_id, NEW.payload, NEW.canonical_payload, NEW.status, NEW.decision, NEW.at_ms, NEW.at_ms WHERE \(newLead);
                UPDATE leads SET status = NEW.status, decision = NEW.decision, updated_at_ms = NEW.at_ms
                WHERE NOT (\(newLead)) AND lead_id = NEW.lead_id;
                INSERT INTO assignments (lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms)
                SELECT NEW.lead_id, NEW.agent_id, NEW.score, NEW.path, NEW.policy, NEW.graph_version, 'offered', NEW.at_ms, NEW.at_ms
                WHERE NEW.agent_id IS NOT NULL;
                INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                VALUES (NEW.lead_id, NULL, NULL, NEW.lead_action, NEW.lead_from, NEW.lead_to, NEW.at_ms, NEW.lead_detail);
                INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
                SELECT NEW.lead_id, \(assignmentId), NEW.agent_id,
                    CASE WHEN NEW.agent_id IS NULL THEN 'unroutable' ELSE 'routed' END,
                    NULL, CASE WHEN NEW.agent_id IS NULL THEN NULL ELSE 'offered' END, NEW.at_ms, NEW.detail;
                INSERT INTO outbox (kind, lead_id, agent_id, score, occurred_at_ms, payload)
                SELECT NEW.kind, NEW.lead_id, NEW.agent_id, NEW.score, NEW.at_ms,
                    CASE WHEN a.id IS NULL THEN NEW.event_prefix ELSE NEW.event_prefix || a.id || NEW.event_suffix END
                FROM (SELECT \(assignmentId) AS id) a;
            END
            """
    }
}
