public import LeadRoutingCore

/// Snapshot: the whole graph paged by key, and the change watermark.
extension Neo4jGraphStore {
    public func loadSnapshot() async throws -> GraphSnapshot {
        try await self.loadSnapshot(progress: nil)
    }

    /// Loads the whole graph page by page. The watermark is read first, so a change made during the load is
    /// picked up by the next refresh.
    public func loadSnapshot(progress: Progress?) async throws(Neo4jError) -> GraphSnapshot {
        let watermark = try await self.changedSince(-1).watermark
        let meta = try await self.client.run(try self.library.query("snapshot/meta")).records.first

        // Nodes, in import order (`ord`), then by id for nodes created outside an import.
        var agents: [(ord: Int64, agent: Agent)] = []
        try await self.pages("snapshot/agents", key: "id", progress: progress) { record in
            guard let id = record["id"].stringValue else { return }
            var agent = Agent(
                id: id,
                name: record["name"].stringValue,
                active: record["active"].boolValue ?? true,
                states: record["states"].stringList ?? [],
                languages: record["languages"].stringList ?? Agent.defaultLanguages,
                specialties: record["specialties"].stringList ?? Agent.defaultSpecialties,
                priceMin: record["priceMin"].doubleValue,
                priceMax: record["priceMax"].doubleValue,
                capacity: record["capacity"].intValue.map { Int($0) } ?? Agent.defaultCapacity,
                openLeads: Int(record["openLeads"].intValue ?? 0),
                closed: Int(record["closed"].intValue ?? 0),
                assigned: Int(record["assigned"].intValue ?? 0),
                responseMinutes: record["responseMinutes"].doubleValue,
                latitude: record["lat"].doubleValue,
                longitude: record["lon"].doubleValue
            )
            if agent.name.isEmpty { agent.name = id }
            agents.append((record["ord"].intValue ?? Int64.max, agent))
        }
        agents.sort { $0.ord != $1.ord ? $0.ord < $1.ord : $0.agent.id < $1.agent.id }

        var territories: [(ord: Int64, territory: Territory)] = []
        try await self.pages("snapshot/territories", key: "id", progress: progress) { record in
            guard let id = record["id"].stringValue else { return }
            let territory = Territory(
                id: id,
                name: record["name"].stringValue,
                state: record["state"].stringValue ?? "",
                latitude: record["lat"].doubleValue,
                longitude: record["lon"].doubleValue
            )
            territories.append((record["ord"].intValue ?? Int64.max, territory))
        }
        territories.sort { $0.ord != $1.ord ? $0.ord < $1.ord : $0.territory.id < $1.territory.id }

        var dataset = Dataset(agents: agents.map(\.agent), territories: territories.map(\.territory))
        var agentIndex: [String: Int32] = [:]
        for (index, agent) in dataset.agents.enumerated() { agentIndex[agent.id] = Int32(index) }
        var territoryIndex: [String: Int32] = [:]
        for (index, territory) in dataset.territories.enumerated() { territoryIndex[territory.id] = Int32(index) }

        var coverage: [(Int64, Coverage)] = []
        try await self.pages("snapshot/coverage", key: "agentId", progress: progress) { record in
            guard let a = record["agentId"].stringValue.flatMap({ agentIndex[$0] }),
                let t = record["territoryId"].stringValue.flatMap({ territoryIndex[$0] })
            else { return }
            coverage.append((record["ord"].intValue ?? Int64.max, Coverage(agent: a, territory: t, weight: record["weight"].doubleValue ?? 1)))
        }
        var adjacency: [(Int64, TerritoryAdjacency)] = []
        try await self.pages("snapshot/adjacency", key: "territoryId", progress: progress) { record in
            guard let t = record["territoryId"].stringValue.flatMap({ territoryIndex[$0] }),
                let n = record["neighborId"].stringValue.flatMap({ territoryIndex[$0] })
            else { return }
            adjacency.append(
                (record["ord"].intValue ?? Int64.max, TerritoryAdjacency(territory: t, neighbor: n, distanceKm: record["distanceKm"].doubleValue))
            )
        }
        var referrals: [(Int64, Referral)] = []
        try await self.pages("snapshot/referrals", key: "fromId", progress: progress) { record in
            guard let from = record["fromId"].stringValue.flatMap({ agentIndex[$0] }),
                let to = record["toId"].stringValue.flatMap({ agentIndex[$0] })
            else { return }
            referrals.append(
                (
                    record["ord"].intValue ?? Int64.max,
                    Referral(
                        from: from,
                        to: to,
                        sent: Int32(clamping: record["sent"].intValue ?? 1),
                        closed: Int32(clamping: record["closed"].intValue ?? 0)
                    )
                )
            )
        }
        var leads: [(Int64, Lead)] = []
        try await self.pages("snapshot/leads", key: "id", progress: progress) { record in
            guard let id = record["id"].stringValue, let territoryId = record["territoryId"].stringValue else { return }
            let lead = Lead(
                id: id,
                territoryId: territoryId,
                kind: record["kind"].stringValue.flatMap(LeadKind.init(rawValue:)) ?? .buy,
                price: record["price"].doubleValue,
                language: record["language"].stringValue,
                languageRequired: record["languageRequired"].boolValue ?? false,
                urgency: Int(record["urgency"].intValue ?? 0),
                sourceAgentId: record["sourceAgentId"].stringValue,
                previousAgentId: record["previousAgentId"].stringValue,
                createdAt: record["createdAt"].stringValue
            )
            leads.append((record["ord"].intValue ?? Int64.max, lead))
        }
        dataset.coverage = coverage.sorted { $0.0 < $1.0 }.map(\.1)
        dataset.adjacency = adjacency.sorted { $0.0 < $1.0 }.map(\.1)
        dataset.referrals = referrals.sorted { $0.0 < $1.0 }.map(\.1)
        dataset.leads = leads.sorted { $0.0 < $1.0 }.map(\.1)

        var version = "neo4j-\(watermark)"
        if let fingerprint = meta?["fingerprint"].stringValue, let importedAt = meta?["importedAt"].intValue, watermark <= importedAt {
            version = fingerprint
        }
        return GraphSnapshot(dataset: dataset, version: version, watermark: watermark)
    }

    /// Keyset paging: `$after` is the largest `key` seen so far; a page with fewer distinct keys than the page
    /// size is the last.
    private func pages(
        _ name: String,
        key: String,
        progress: Progress?,
        _ each: (CypherRecord) -> Void
    ) async throws(Neo4jError) {
        let query = try self.library.query(name)
        var after = ""
        var total = 0
        let phase = "load " + String(name.split(separator: "/").last ?? "")
        while true {
            let result = try await self.client.run(query, ["after": .string(after), "limit": .int(Int64(self.options.pageSize))])
            var keys = 0
            var last = after
            for record in result.records {
                if let value = record[key].stringValue, value != last {
                    keys += 1
                    last = max(last, value)
                }
                each(record)
            }
            total += result.rows.count
            progress?(phase, total, 0)
            if keys < self.options.pageSize || last == after { break }
            after = last
        }
    }

    public func changes(since watermark: Int64) async throws -> GraphChanges {
        try await self.changedSince(watermark)
    }

    /// Changes after `watermark`, from `updatedAt` (epoch millis) on every imported element. Deletions leave no
    /// trace: run `cypher/admin/touch.cypher` after deleting by hand.
    public func changedSince(_ watermark: Int64) async throws(Neo4jError) -> GraphChanges {
        let result = try await self.client.run(try self.library.query("snapshot/changes"), ["since": .int(watermark)])
        var changed = 0
        var newest = watermark
        for record in result.records {
            changed += Int(record["changed"].intValue ?? 0)
            if let at = record["at"].intValue { newest = max(newest, at) }
        }
        return GraphChanges(changed: changed, watermark: max(newest, 0))
    }
}
