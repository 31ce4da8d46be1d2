public import LeadRoutingCore

extension SQLLeadStore {
    static var parkedColumns: String {
        "parked_id, consumer, event_id, event_type, lead_id, body, attempts, last_error, parked_at_ms, updated_at_ms"
    }

    @discardableResult
    public func parkEvent(
        _ event: OutboxEvent,
        consumer: String,
        body: String,
        attempts: Int,
        lastError: String,
        atMillis: Int64
    ) async throws -> Int64 {
        try await self.database.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO parked_events (consumer, event_id, event_type, lead_id, body, attempts, last_error, parked_at_ms, updated_at_ms)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
                ON CONFLICT (consumer, event_id) DO UPDATE SET body = excluded.body, attempts = parked_events.attempts + excluded.attempts,
                    last_error = excluded.last_error, updated_at_ms = excluded.updated_at_ms
                RETURNING parked_id
                """,
                [
                    .text(consumer), .int(event.id), .text(event.kind), .text(event.leadId), .text(body), .int(Int64(attempts)),
                    .text(lastError), .int(atMillis),
                ]
            )
            return try rows.first?.int(0) ?? 0
        }
    }

    public func parkedEvents(afterId: Int64?, limit: Int) async throws -> [ParkedEvent] {
        try await self.database.read { connection in
            try await connection.query(
                "SELECT \(Self.parkedColumns) FROM parked_events WHERE parked_id > $1 ORDER BY parked_id LIMIT $2",
                [.int(afterId ?? 0), .int(Int64(limit))]
            ).map(Self.parkedEvent)
        }
    }

    public func parkedEvent(id: Int64) async throws -> ParkedEvent? {
        try await self.database.read { connection in
            try await connection.query("SELECT \(Self.parkedColumns) FROM parked_events WHERE parked_id = $1", [.int(id)]).first.map(Self.parkedEvent)
        }
    }

    public func recordParkedEventFailure(id: Int64, lastError: String, atMillis: Int64) async throws {
        try await self.database.transaction { connection in
            try await connection.query(
                "UPDATE parked_events SET attempts = attempts + 1, last_error = $2, updated_at_ms = $3 WHERE parked_id = $1",
                [.int(id), .text(lastError), .int(atMillis)]
            )
        }
    }

    @discardableResult
    public func removeParkedEvent(id: Int64) async throws -> Bool {
        try await self.database.transaction { connection in
            !(try await connection.query("DELETE FROM parked_events WHERE parked_id = $1 RETURNING parked_id", [.int(id)]).isEmpty)
        }
    }

    public func parkedEventCount() async throws -> Int {
        try await self.database.read { connection in
            Int(try await connection.query("SELECT count(*) FROM parked_events").first?.int(0) ?? 0)
        }
    }

    static func parkedEvent(_ row: SQLRow) throws -> ParkedEvent {
        ParkedEvent(
            id: try row.int(0),
            consumer: try row.text(1),
            eventId: try row.int(2),
            eventType: try row.text(3),
            leadId: try row.text(4),
            body: try row.text(5),
            attempts: Int(try row.int(6)),
            lastError: try row.text(7),
            parkedAtMillis: try row.int(8),
            updatedAtMillis: try row.int(9)
        )
    }
}
