public import LeadRoutingCore

extension SQLLeadStore {
    public func upsertAgents(_ agents: [AgentCapacity]) async throws {
        let chunkSize = 200
        for start in stride(from: 0, to: agents.count, by: chunkSize) {
            let chunk = agents[start..<min(agents.count, start + chunkSize)]
            try await self.database.transaction { connection in
                var values: [String] = []
                var binds: [SQLValue] = []
                for agent in chunk {
                    let n = binds.count
                    values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 3))")
                    binds += [.text(agent.agentId), .int(Int64(agent.capacity)), .int(Int64(agent.baselineOpen))]
                }
                try await connection.query(
                    """
                    INSERT INTO agent_load (agent_id, capacity, baseline_open, open_count) VALUES \(values.joined(separator: ", "))
                    ON CONFLICT (agent_id) DO UPDATE SET capacity = excluded.capacity,
                        open_count = agent_load.open_count - agent_load.baseline_open + excluded.baseline_open,
                        baseline_open = excluded.baseline_open
                    WHERE agent_load.capacity <> excluded.capacity OR agent_load.baseline_open <> excluded.baseline_open
                    """,
                    binds
                )
            }
        }
    }

    public func agentLoads() async throws -> [AgentLoadRecord] {
        try await self.database.read { connection in
            try await connection.query(
                "SELECT \(Self.agentLoadColumns) FROM agent_load ORDER BY agent_id"
            ).map { try Self.agentLoadRecord($0, from: 0) }
        }
    }

    /// The columns ``agentLoadRecord(_:from:)`` reads, in its order.
    static var agentLoadColumns: String {
        "agent_id, capacity, open_count, baseline_open, paused, assigned, closed_won, closed_lost, accepted_offers, accept_latency_ms"
    }

    /// The columns ``agentLoadColumns`` names, in its order, of `agent_load`, starting at column `first`.
    static func agentLoadRecord(_ row: SQLRow, from first: Int) throws -> AgentLoadRecord {
        AgentLoadRecord(
            agentId: try row.text(first),
            capacity: Int(try row.int(first + 1)),
            open: Int(try row.int(first + 2)),
            baselineOpen: Int(try row.int(first + 3)),
            paused: try row.int(first + 4) != 0,
            assigned: Int(try row.int(first + 5)),
            closedWon: Int(try row.int(first + 6)),
            closedLost: Int(try row.int(first + 7)),
            acceptedOffers: Int(try row.int(first + 8)),
            acceptLatencyMillis: try row.int(first + 9)
        )
    }

    public func setAgentPaused(_ agentId: String, paused: Bool, atMillis: Int64) async throws {
        try await self.database.transaction { connection in
            let rows = try await connection.query(
                "UPDATE agent_load SET paused = $2, updated_at_ms = $3 WHERE agent_id = $1 RETURNING agent_id",
                [.text(agentId), .int(paused ? 1 : 0), .int(atMillis)]
            )
            guard !rows.isEmpty else { throw LeadStoreError(.notFound, "no agent \(agentId) in the store") }
        }
    }
}
