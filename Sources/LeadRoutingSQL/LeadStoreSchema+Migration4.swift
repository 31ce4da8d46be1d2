import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 4: the retry queue of unroutable leads (urgency, attempts, next attempt, dead letter), and an index
    /// on the lead's territory for listings. The queue's rows are bookkeeping beside `leads`: an unroutable lead
    /// without one is adopted by the next retry round, so a crash between a commit and its queue row loses nothing.
    static func migration4(_ dialect: SQLDialect) -> Migration {
        Migration(
            version: 4,
            name: "retry queue of unroutable leads; territory index for listings",
            statements: [
                """
                CREATE TABLE retry_queue (
                    lead_id TEXT PRIMARY KEY REFERENCES leads (lead_id),
                    urgency BIGINT NOT NULL DEFAULT 0,
                    received_at_ms BIGINT NOT NULL,
                    attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at_ms BIGINT NOT NULL,
                    last_reason TEXT NOT NULL DEFAULT '',
                    dead_lettered BIGINT NOT NULL DEFAULT 0,
                    updated_at_ms BIGINT NOT NULL
                )
                """,
                "CREATE INDEX retry_queue_due ON retry_queue (dead_lettered, next_attempt_at_ms)",
                "CREATE INDEX leads_territory ON leads (\(Self.territoryExpression(dialect, table: nil)))",
                "CREATE INDEX assignments_agent ON assignments (agent_id, state)",
            ]
        )
    }

    /// The lead's territory id read from its canonical payload, in the dialect (the same expression as the index,
    /// so listings filtered by territory use it).
    static func territoryExpression(_ dialect: SQLDialect, table: String?) -> String {
        let column = table.map { "\($0).canonical_payload" } ?? "canonical_payload"
        switch dialect.kind {
        case .postgres: return "(\(column)::jsonb ->> 'territoryId')"
        case .sqlite: return "json_extract(\(column), '$.territoryId')"
        }
    }
}
