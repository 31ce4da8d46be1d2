import Foundation
public import LeadRoutingCore

extension SQLLeadStore {
    public func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent] {
        let dialect = self.dialect
        return try await self.database.read { connection in
            let cursor =
                try await connection.query(
                    "SELECT last_event_id FROM outbox_cursors WHERE consumer = $1",
                    [.text(consumer)]
                ).first?.int(0) ?? 0
            let visible =
                dialect.kind == .postgres
                ? " AND event_id < ((pg_snapshot_xmin(pg_current_snapshot())::text::bigint) << 16)" : ""
            return try await connection.query(
                """
                SELECT event_id, kind, lead_id, agent_id, score, occurred_at_ms, payload FROM outbox
                WHERE event_id > $1\(visible) ORDER BY event_id LIMIT $2
                """,
                [.int(cursor), .int(Int64(limit))]
            ).map(Self.outboxEvent)
        }
    }

    public func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws {
        let now = self.clock.nowMillis()
        try await self.database.transaction { connection in
            try await connection.query(
                """
                INSERT INTO outbox_cursors (consumer, last_event_id, updated_at_ms) VALUES ($1, $2, $3)
                ON CONFLICT (consumer) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at_ms = excluded.updated_at_ms
                WHERE outbox_cursors.last_event_id < excluded.last_event_id
                """,
                [.text(consumer), .int(id), .int(now)]
            )
        }
    }

    struct EventPayload: Encodable {
        var status: String
        var assignmentId: Int64?
        var policy: String? = nil
        var graphVersion: String? = nil
        var reason: String? = nil
        /// The rebalance plan that moved the lead (its events only).
        var planId: String? = nil
    }

    /// Appends an event to the outbox. The id is the column's: plain on SQLite (one writer at a time), ordered by
    /// transaction on Postgres (see ``LeadStoreSchema`` migration 3).
    static func insertEvent(
        kind: String,
        leadId: String,
        agentId: String?,
        score: Double?,
        atMillis: Int64,
        payload: EventPayload,
        connection: any SQLConnection
    ) async throws {
        try await connection.query(
            "INSERT INTO outbox (kind, lead_id, agent_id, score, occurred_at_ms, payload) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                .text(kind), .text(leadId), agentId.map(SQLValue.text) ?? .null, score.map(SQLValue.double) ?? .null,
                .int(atMillis), .text(try Self.json(payload)),
            ]
        )
    }
}
