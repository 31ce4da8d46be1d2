import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 6: parked events, the outbox events a consumer (a webhook) gave up delivering after its retries,
    /// with the body it sent, so they can be listed and re-delivered while the consumer's cursor moves on. One row
    /// per consumer and event.
    static func migration6(_ dialect: SQLDialect) -> Migration {
        Migration(
            version: 6,
            name: "parked events of outbox consumers",
            statements: [
                """
                CREATE TABLE parked_events (
                    parked_id \(dialect.serialPrimaryKey),
                    consumer TEXT NOT NULL,
                    event_id BIGINT NOT NULL,
                    event_type TEXT NOT NULL,
                    lead_id TEXT NOT NULL,
                    body TEXT NOT NULL,
                    attempts BIGINT NOT NULL CHECK (attempts >= 0),
                    last_error TEXT NOT NULL DEFAULT '',
                    parked_at_ms BIGINT NOT NULL,
                    updated_at_ms BIGINT NOT NULL,
                    UNIQUE (consumer, event_id)
                )
                """
            ]
        )
    }
}
