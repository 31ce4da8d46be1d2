import Foundation
public import LeadRoutingCore

/// The graph of record in Neo4j: import, paged snapshot loads, the change watermark, the per-lead neighbourhood
/// for the cypher candidate mode, and lineage writes. Every statement comes from ``CypherLibrary``.
public struct Neo4jGraphStore: GraphStore {
    /// Tuning with documented defaults.
    public struct Options: Sendable {
        /// Rows per `UNWIND` batch on import. Default 2,000.
        public var importBatchSize: Int
        /// Nodes per snapshot page (keyset paging by id). Default 5,000.
        public var pageSize: Int

        public init(importBatchSize: Int = 2000, pageSize: Int = 5000) {
            self.importBatchSize = max(1, importBatchSize)
            self.pageSize = max(1, pageSize)
        }
    }

    public let client: Neo4jClient
    public let library: CypherLibrary
    public let options: Options

    public init(client: Neo4jClient, library: CypherLibrary, options: Options = Options()) {
        self.client = client
        self.library = library
        self.options = options
    }

    // MARK: Import

    /// Progress of a long operation: `phase` (e.g. `agents`), rows done of `total`.
    public typealias Progress = (_ phase: String, _ done: Int, _ total: Int) -> Void

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
        let now = CypherValue.int(Self.nowMillis())
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

    static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

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

    // MARK: Snapshot

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

    // MARK: Cypher candidate mode

    /// The edges around one lead that candidate generation can use: adjacency of the territories within reach,
    /// referral chains from the source agent, coverage of the reached territories. Expanded one hop per query
    /// (var-length bounds cannot be parameters, and the policy sets the hop limits).
    public func neighbourhood(of lead: Lead, policy: RoutingPolicy) async throws(Neo4jError) -> Neighbourhood {
        var result = Neighbourhood()
        // Referral chains.
        var referralAgents = false
        if let source = lead.sourceAgentId, policy.maxReferralHops > 0 {
            let query = try self.library.query("candidates/referrals-out")
            var frontier = [source]
            var expanded: Set<String> = []
            for _ in 0..<policy.maxReferralHops where !frontier.isEmpty {
                let rows = try await self.client.run(query, ["ids": .list(frontier.map { .string($0) })]).records
                expanded.formUnion(frontier)
                var next: [String] = []
                var queued: Set<String> = []
                for row in rows {
                    guard let from = row["fromId"].stringValue, let to = row["toId"].stringValue else { continue }
                    result.referrals.append(
                        Neighbourhood.ReferralEdge(
                            fromId: from,
                            toId: to,
                            sent: Int32(clamping: row["sent"].intValue ?? 1),
                            closed: Int32(clamping: row["closed"].intValue ?? 0)
                        )
                    )
                    // Chains never pass through the source; an agent's out-edges are fetched once.
                    if to != source && !expanded.contains(to) && queued.insert(to).inserted { next.append(to) }
                }
                frontier = next
            }
            referralAgents = true
        }
        // Territory reach.
        let hops = max(policy.maxTerritoryHops, referralAgents ? policy.referralTerritoryHops : 0)
        var reached: [String] = [lead.territoryId]
        var reachedSet: Set<String> = [lead.territoryId]
        var frontier = [lead.territoryId]
        let adjacencyQuery = try self.library.query("candidates/territory-neighbours")
        var edges: Set<String> = []
        for _ in 0..<hops where !frontier.isEmpty {
            let rows = try await self.client.run(adjacencyQuery, ["ids": .list(frontier.map { .string($0) })]).records
            var next: [String] = []
            for row in rows {
                guard let a = row["territoryId"].stringValue, let b = row["neighborId"].stringValue else { continue }
                if edges.insert(a + "\u{1}" + b).inserted {
                    result.adjacency.append(Neighbourhood.AdjacencyEdge(territoryId: a, neighborId: b, distanceKm: row["distanceKm"].doubleValue))
                }
                for id in [a, b] where reachedSet.insert(id).inserted {
                    reached.append(id)
                    next.append(id)
                }
            }
            frontier = next
        }
        // Coverage of everything reached.
        let coverageRows = try await self.client.run(
            try self.library.query("candidates/coverage"),
            ["ids": .list(reached.map { .string($0) })]
        ).records
        for row in coverageRows {
            guard let agent = row["agentId"].stringValue, let territory = row["territoryId"].stringValue else { continue }
            result.coverage.append(Neighbourhood.CoverageEdge(agentId: agent, territoryId: territory, weight: row["weight"].doubleValue ?? 1))
        }
        return result
    }

    // MARK: Lineage

    /// Writes `(:Lead)-[:ROUTED_TO {score, at}]->(:Agent)` for the assignments, idempotent by lead id (older events
    /// than the one applied are ignored). Returns the number of relationships written.
    public func writeLineage(_ assignments: [LineageAssignment]) async throws(Neo4jError) -> Int {
        guard !assignments.isEmpty else { return 0 }
        // One row per lead (the newest event), so one statement never races with itself.
        var newest: [String: LineageAssignment] = [:]
        for assignment in assignments where (newest[assignment.leadId]?.eventId ?? Int64.min) < assignment.eventId {
            newest[assignment.leadId] = assignment
        }
        let rows = newest.values.sorted { $0.eventId < $1.eventId }.map { assignment in
            CypherValue.map([
                "leadId": .string(assignment.leadId), "agentId": .string(assignment.agentId), "score": .from(assignment.score),
                "at": .int(assignment.atMillis), "eventId": .int(assignment.eventId),
            ])
        }
        let result = try await self.client.run(try self.library.query("lineage/routed-to"), ["rows": .list(rows)], mode: .idempotentWrite)
        return Int(result.records.first?["written"].intValue ?? 0)
    }

    /// The lineage of a lead, if written.
    public func lineage(of leadId: String) async throws(Neo4jError) -> LineageAssignment? {
        let result = try await self.client.run(try self.library.query("lineage/lookup"), ["leadId": .string(leadId)])
        guard let record = result.records.first, let agent = record["agentId"].stringValue else { return nil }
        return LineageAssignment(
            leadId: leadId,
            agentId: agent,
            score: record["score"].doubleValue,
            atMillis: record["at"].intValue ?? 0,
            eventId: record["eventId"].intValue ?? 0
        )
    }
}

/// One lead's routing as lineage.
public struct LineageAssignment: Sendable, Hashable {
    public var leadId: String
    public var agentId: String
    public var score: Double?
    public var atMillis: Int64
    public var eventId: Int64

    public init(leadId: String, agentId: String, score: Double?, atMillis: Int64, eventId: Int64) {
        self.leadId = leadId
        self.agentId = agentId
        self.score = score
        self.atMillis = atMillis
        self.eventId = eventId
    }
}

/// The graph around one lead, as the cypher candidate mode fetched it.
public struct Neighbourhood: Sendable {
    public struct CoverageEdge: Sendable, Hashable {
        public var agentId: String
        public var territoryId: String
        public var weight: Double
    }

    public struct AdjacencyEdge: Sendable, Hashable {
        public var territoryId: String
        public var neighborId: String
        public var distanceKm: Double?
    }

    public struct ReferralEdge: Sendable, Hashable {
        public var fromId: String
        public var toId: String
        public var sent: Int32
        public var closed: Int32
    }

    public var coverage: [CoverageEdge] = []
    public var adjacency: [AdjacencyEdge] = []
    public var referrals: [ReferralEdge] = []
}
