public import LeadRoutingCore

extension SQLLeadStore {
    public func lead(_ leadId: String) async throws -> LeadRecord? {
        try await self.database.read { connection in
            let rows = try await connection.query(
                "SELECT payload, status, decision, received_at_ms, updated_at_ms FROM leads WHERE lead_id = $1",
                [.text(leadId)]
            )
            guard let row = rows.first else { return nil }
            let assignments = try await connection.query(
                "SELECT \(Self.assignmentColumns) FROM assignments WHERE lead_id = $1 ORDER BY assignment_id",
                [.text(leadId)]
            ).map(Self.assignment)
            let audit = try await connection.query(
                "SELECT \(Self.auditColumns) FROM audit_log WHERE lead_id = $1 ORDER BY audit_id",
                [.text(leadId)]
            ).map(Self.auditEntry)
            let queued = try await connection.query(
                "SELECT attempts, dead_lettered FROM retry_queue WHERE lead_id = $1",
                [.text(leadId)]
            ).first
            var record = LeadRecord(
                leadId: leadId,
                payload: try row.text(0),
                status: LeadStatus(rawValue: try row.text(1)) ?? .unroutable,
                decision: try Self.decision(try row.text(2), leadId: leadId),
                receivedAtMillis: try row.int(3),
                updatedAtMillis: try row.int(4),
                assignments: assignments,
                audit: audit
            )
            record.routeAttempts = Int(try queued?.int(0) ?? 0)
            let deadLettered = try queued?.int(1) ?? 0
            record.needsAttention = record.status == .unroutable && deadLettered != 0
            return record
        }
    }

    public func activeAssignments(limit: Int) async throws -> [AssignmentRecord] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT \(Self.assignmentColumns) FROM assignments WHERE state IN ('offered', 'accepted')
                ORDER BY lead_id LIMIT $1
                """,
                [.int(Int64(limit))]
            ).map(Self.assignment)
        }
    }

    public func overdueOffers(decidedBeforeMillis: Int64, limit: Int) async throws -> [AssignmentRecord] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT \(Self.assignmentColumns) FROM assignments WHERE state = 'offered' AND decided_at_ms < $1
                ORDER BY decided_at_ms, assignment_id LIMIT $2
                """,
                [.int(decidedBeforeMillis), .int(Int64(limit))]
            ).map(Self.assignment)
        }
    }

    public func unroutableLeadIds(limit: Int) async throws -> [String] {
        try await self.database.read { connection in
            try await connection.query(
                "SELECT lead_id FROM leads WHERE status = 'unroutable' ORDER BY received_at_ms, lead_id LIMIT $1",
                [.int(Int64(limit))]
            ).map { try $0.text(0) }
        }
    }

    /// Counts violations of each ``LeadStoreSchema/invariants`` entry (all zero when the store is consistent).
    public func checkInvariants() async throws -> [(name: String, violations: Int)] {
        let dialect = self.dialect
        return try await self.database.read { connection in
            var result: [(name: String, violations: Int)] = []
            for invariant in LeadStoreSchema.invariants {
                let count = try await connection.query(invariant.sql(for: dialect)).first?.int(0) ?? 0
                result.append((invariant.name, Int(count)))
            }
            return result
        }
    }
}
