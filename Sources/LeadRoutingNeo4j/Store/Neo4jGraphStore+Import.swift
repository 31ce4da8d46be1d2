import Foundation
public import LeadRoutingCore

/// Import: schema, clear, and the batched `UNWIND … MERGE` of a dataset.
extension Neo4jGraphStore {
    /// What an import did.
    public struct ImportReport: Sendable {
        public var rows: Int
        public var rowsByFile: [String: Int]
        public var seconds: Double
        public var rowsPerSecond: Double { self.seconds > 0 ? Double(self.rows) / self.seconds : 0 }
    }

    /// Creates the constraints (idempotent).
    public func applySchema() async throws(Neo4jError) {
        for statement in try self.library.statements("schema") {
            _ = try await self.client.run(statement, mode: .idempotentWrite)
        }
    }

    /// Removes everything LeadRouter imported.
    public func clear() async throws(Neo4jError) {
        _ = try await self.client.run(try self.library.query("admin/clear"), mode: .idempotentWrite)
    }

    /// Imports a dataset in batches of `UNWIND … MERGE`; running it again changes nothing but `updatedAt`.
    public func importDataset(_ dataset: Dataset, fingerprint: String, progress: Progress? = nil) async throws(Neo4jError) -> ImportReport {
        let clock = ContinuousClock()
        let start = clock.now
        let now = CypherValue.int(self.clock.nowMillis())
        var byFile: [String: Int] = [:]
        let agentIds = dataset.agents.map(\.id)
        let territoryIds = dataset.territories.map(\.id)

        try await self.applySchema()
        byFile["agents"] = try await self.batches("import/agents", dataset.agents.enumerated().map { Self.agentRow($1, ord: $0) }, now, progress)
        byFile["territories"] = try await self.batches(
            "import/territories",
            dataset.territories.enumerated().map { Self.territoryRow($1, ord: $0) },
            now,
            progress
        )
        byFile["coverage"] = try await self.batches(
            "import/coverage",
            dataset.coverage.enumerated().map { ord, edge in
                CypherValue.map([
                    "agentId": .string(agentIds[Int(edge.agent)]), "territoryId": .string(territoryIds[Int(edge.territory)]),
                    "weight": .double(edge.weight), "ord": .int(Int64(ord)),
                ])
            },
            now,
            progress
        )
        byFile["adjacency"] = try await self.batches(
            "import/adjacency",
            dataset.adjacency.enumerated().map { ord, edge in
                CypherValue.map([
                    "territoryId": .string(territoryIds[Int(edge.territory)]), "neighborId": .string(territoryIds[Int(edge.neighbor)]),
                    "distanceKm": .from(edge.distanceKm), "ord": .int(Int64(ord)),
                ])
            },
            now,
            progress
        )
        byFile["referrals"] = try await self.batches(
            "import/referrals",
            dataset.referrals.enumerated().map { ord, edge in
                CypherValue.map([
                    "fromId": .string(agentIds[Int(edge.from)]), "toId": .string(agentIds[Int(edge.to)]),
                    "sent": .int(Int64(edge.sent)), "closed": .int(Int64(edge.closed)), "ord": .int(Int64(ord)),
                ])
            },
            now,
            progress
        )
        byFile["leads"] = try await self.batches("import/leads", dataset.leads.enumerated().map { Self.leadRow($1, ord: $0) }, now, progress)
        _ = try await self.client.run(
            try self.library.query("import/meta"),
            ["fingerprint": .string(fingerprint), "now": now],
            mode: .idempotentWrite
        )
        let seconds = Double(start.duration(to: clock.now).components.attoseconds) / 1e18 + Double(start.duration(to: clock.now).components.seconds)
        return ImportReport(rows: byFile.values.reduce(0, +), rowsByFile: byFile, seconds: seconds)
    }

    private func batches(_ name: String, _ rows: [CypherValue], _ now: CypherValue, _ progress: Progress?) async throws(Neo4jError) -> Int {
        let query = try self.library.query(name)
        let phase = String(name.split(separator: "/").last ?? "")
        var done = 0
        progress?(phase, 0, rows.count)
        while done < rows.count {
            let end = min(rows.count, done + self.options.importBatchSize)
            _ = try await self.client.run(query, ["rows": .list(Array(rows[done..<end])), "now": now], mode: .idempotentWrite)
            done = end
            progress?(phase, done, rows.count)
        }
        return rows.count
    }

    static func list(_ values: [String]) -> CypherValue { values.isEmpty ? .null : .list(values.map { .string($0) }) }

    static func agentRow(_ agent: Agent, ord: Int) -> CypherValue {
        .map([
            "id": .string(agent.id),
            "props": .map([
                "ord": .int(Int64(ord)), "name": .string(agent.name), "active": .bool(agent.active), "states": list(agent.states),
                "languages": list(agent.languages), "specialties": list(agent.specialties), "priceMin": .from(agent.priceMin),
                "priceMax": .from(agent.priceMax), "capacity": .from(agent.capacity), "openLeads": .from(agent.openLeads),
                "closed": .from(agent.closed), "assigned": .from(agent.assigned), "responseMinutes": .from(agent.responseMinutes),
                "lat": .from(agent.latitude), "lon": .from(agent.longitude),
            ]),
        ])
    }

    static func territoryRow(_ territory: Territory, ord: Int) -> CypherValue {
        .map([
            "id": .string(territory.id),
            "props": .map([
                "ord": .int(Int64(ord)), "name": .string(territory.name), "state": territory.state.isEmpty ? .null : .string(territory.state),
                "lat": .from(territory.latitude), "lon": .from(territory.longitude),
            ]),
        ])
    }

    static func leadRow(_ lead: Lead, ord: Int) -> CypherValue {
        .map([
            "id": .string(lead.id), "territoryId": .string(lead.territoryId),
            "props": .map([
                "ord": .int(Int64(ord)), "territoryId": .string(lead.territoryId), "kind": .string(lead.kind.rawValue),
                "price": .from(lead.price), "language": .from(lead.language), "languageRequired": .bool(lead.languageRequired),
                "urgency": .from(lead.urgency), "sourceAgentId": .from(lead.sourceAgentId), "previousAgentId": .from(lead.previousAgentId),
                "createdAt": .from(lead.createdAt),
            ]),
        ])
    }
}
