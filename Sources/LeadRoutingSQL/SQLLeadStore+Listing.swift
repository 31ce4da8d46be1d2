public import LeadRoutingCore

extension SQLLeadStore {
    /// One page of leads: the filters become parameterised conditions (only those given), the territory is read
    /// from the canonical payload with the indexed expression of the dialect.
    public func listLeads(_ query: LeadListQuery) async throws -> [LeadSummary] {
        let territory = LeadStoreSchema.territoryExpression(self.dialect, table: "l")
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let after = query.afterLeadId { conditions.append("l.lead_id > \(bind(.text(after)))") }
        if let agent = query.agentId { conditions.append("a.agent_id = \(bind(.text(agent)))") }
        if let territoryId = query.territoryId { conditions.append("\(territory) = \(bind(.text(territoryId)))") }
        if let since = query.sinceMillis { conditions.append("l.received_at_ms >= \(bind(.int(since)))") }
        switch query.status {
        case nil: break
        case .offered?: conditions.append("a.state = 'offered'")
        case .accepted?: conditions.append("a.state = 'accepted'")
        case .unroutable?: conditions.append("l.status = 'unroutable' AND COALESCE(q.dead_lettered, 0) = 0")
        case .needsAttention?: conditions.append("l.status = 'unroutable' AND q.dead_lettered = 1")
        case .closed?: conditions.append("l.status = 'closed'")
        }
        let limit = bind(.int(Int64(min(max(query.limit, LeadListQuery.limits.lowerBound), LeadListQuery.limits.upperBound))))
        let sql = """
            SELECT l.lead_id, l.status, a.agent_id, a.state, \(territory), l.received_at_ms, l.updated_at_ms,
                   COALESCE(q.attempts, 0), q.last_reason, COALESCE(q.dead_lettered, 0)
            FROM leads l
            LEFT JOIN assignments a ON a.lead_id = l.lead_id AND a.state IN ('offered', 'accepted', 'closed_won', 'closed_lost')
            LEFT JOIN retry_queue q ON q.lead_id = l.lead_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY l.lead_id LIMIT \(limit)
            """
        let parameters = binds
        return try await self.database.read { connection in
            try await connection.query(sql, parameters).map { row in
                let leadStatus = try row.text(1)
                let state = try row.optionalText(3)
                let status: LeadListQuery.Status
                switch (leadStatus, state) {
                case ("closed", _): status = .closed
                case ("unroutable", _): status = try row.int(9) != 0 ? .needsAttention : .unroutable
                case (_, "accepted"?): status = .accepted
                default: status = .offered
                }
                let reason = try row.optionalText(8)
                return LeadSummary(
                    leadId: try row.text(0),
                    status: status,
                    agentId: leadStatus == "unroutable" ? nil : try row.optionalText(2),
                    territoryId: try row.optionalText(4),
                    receivedAtMillis: try row.int(5),
                    updatedAtMillis: try row.int(6),
                    routeAttempts: Int(try row.int(7)),
                    lastReason: leadStatus == "unroutable" ? (reason?.isEmpty == false ? reason : nil) : nil
                )
            }
        }
    }
}
