public import LeadRoutingCore

extension SQLLeadStore {
    public func unqueuedUnroutableLeads(limit: Int) async throws -> [(leadId: String, payload: String, receivedAtMillis: Int64)] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT l.lead_id, l.payload, l.received_at_ms FROM leads l LEFT JOIN retry_queue q ON q.lead_id = l.lead_id
                WHERE l.status = 'unroutable' AND q.lead_id IS NULL ORDER BY l.received_at_ms, l.lead_id LIMIT $1
                """,
                [.int(Int64(limit))]
            ).map { (try $0.text(0), try $0.text(1), try $0.int(2)) }
        }
    }

    public func enqueueRetries(_ entries: [RetryQueueEntry], atMillis: Int64) async throws {
        guard !entries.isEmpty else { return }
        try await self.database.transaction { connection in
            for entry in entries {
                try await connection.query(
                    """
                    INSERT INTO retry_queue (lead_id, urgency, received_at_ms, attempts, next_attempt_at_ms, last_reason, dead_lettered, updated_at_ms)
                    VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT (lead_id) DO NOTHING
                    """,
                    [
                        .text(entry.leadId), .int(Int64(entry.urgency)), .int(entry.receivedAtMillis), .int(Int64(entry.attempts)),
                        .int(entry.nextAttemptAtMillis), .text(entry.lastReason), .int(atMillis),
                    ]
                )
            }
        }
    }

    public func dueRetries(atMillis: Int64, limit: Int) async throws -> [RetryQueueEntry] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT \(Self.retryColumns) FROM retry_queue q JOIN leads l ON l.lead_id = q.lead_id
                WHERE l.status = 'unroutable' AND q.dead_lettered = 0 AND q.next_attempt_at_ms <= $1
                ORDER BY q.urgency DESC, q.received_at_ms, q.lead_id LIMIT $2
                """,
                [.int(atMillis), .int(Int64(limit))]
            ).map(Self.retryEntry)
        }
    }

    public func recordFailedRetry(
        leadId: String,
        attempts: Int,
        nextAttemptAtMillis: Int64,
        reason: String,
        deadLetter: Bool,
        atMillis: Int64
    ) async throws {
        try await self.database.transaction { connection in
            let updated = try await connection.query(
                """
                UPDATE retry_queue SET attempts = $2, next_attempt_at_ms = $3, last_reason = $4, dead_lettered = $5, updated_at_ms = $6
                WHERE lead_id = $1 AND dead_lettered = 0 RETURNING lead_id
                """,
                [.text(leadId), .int(Int64(attempts)), .int(nextAttemptAtMillis), .text(reason), .int(deadLetter ? 1 : 0), .int(atMillis)]
            )
            guard deadLetter, !updated.isEmpty else { return }
            try await Self.insertAudit(
                AuditRow(
                    leadId: leadId,
                    assignmentId: nil,
                    agentId: nil,
                    action: "dead_lettered",
                    from: nil,
                    to: nil,
                    detail: "gave up after \(attempts) attempts: \(reason)"
                ),
                atMillis: atMillis,
                connection: connection
            )
            try await Self.insertEvent(
                kind: "lead.dead_lettered",
                leadId: leadId,
                agentId: nil,
                score: nil,
                atMillis: atMillis,
                payload: EventPayload(status: "needs_attention", assignmentId: nil, reason: reason),
                connection: connection
            )
        }
    }

    public func requeue(leadId: String, atMillis: Int64) async throws {
        try await self.database.transaction { connection in
            let updated = try await connection.query(
                """
                UPDATE retry_queue SET attempts = 0, dead_lettered = 0, next_attempt_at_ms = $2, updated_at_ms = $2
                WHERE lead_id = $1 AND dead_lettered = 1 RETURNING lead_id
                """,
                [.text(leadId), .int(atMillis)]
            )
            guard updated.isEmpty else {
                try await Self.insertAudit(
                    AuditRow(
                        leadId: leadId,
                        assignmentId: nil,
                        agentId: nil,
                        action: "requeued",
                        from: nil,
                        to: nil,
                        detail: "put back into the retry queue by hand"
                    ),
                    atMillis: atMillis,
                    connection: connection
                )
                return
            }
            let exists = try await connection.query("SELECT status FROM leads WHERE lead_id = $1", [.text(leadId)])
            guard let status = try exists.first?.text(0) else { throw LeadStoreError.notFound(leadId: leadId) }
            throw LeadStoreError(.invalidTransition, "lead \(leadId) is \(status), not needs_attention: only dead-lettered leads are re-queued")
        }
    }

    public func retryQueueStats() async throws -> RetryQueueStats {
        try await self.database.read { connection in
            let waiting = try await connection.query(
                """
                SELECT COUNT(*), MIN(l.received_at_ms) FROM leads l LEFT JOIN retry_queue q ON q.lead_id = l.lead_id
                WHERE l.status = 'unroutable' AND COALESCE(q.dead_lettered, 0) = 0
                """
            ).first
            let dead = try await connection.query(
                "SELECT COUNT(*) FROM retry_queue q JOIN leads l ON l.lead_id = q.lead_id WHERE l.status = 'unroutable' AND q.dead_lettered = 1"
            ).first
            return RetryQueueStats(
                depth: Int(try waiting?.int(0) ?? 0),
                oldestReceivedAtMillis: try waiting?.optionalInt(1),
                deadLettered: Int(try dead?.int(0) ?? 0)
            )
        }
    }

    static var retryColumns: String {
        "q.lead_id, q.urgency, q.received_at_ms, q.attempts, q.next_attempt_at_ms, q.last_reason, q.dead_lettered"
    }

    static func retryEntry(_ row: SQLRow) throws -> RetryQueueEntry {
        RetryQueueEntry(
            leadId: try row.text(0),
            urgency: Int(try row.int(1)),
            receivedAtMillis: try row.int(2),
            attempts: Int(try row.int(3)),
            nextAttemptAtMillis: try row.int(4),
            lastReason: try row.text(5),
            deadLettered: try row.int(6) != 0
        )
    }
}
