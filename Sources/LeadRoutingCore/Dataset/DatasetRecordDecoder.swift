private let nonNegativeInts = 0...Int.max
private let nonNegativeDoubles = 0.0...Double.greatestFiniteMagnitude

/// Record decoding: the dataset being built and the id indices, one `read…` per file of the contract.
struct DatasetRecordDecoder {
    var dataset = Dataset()
    var agentIndex: [String: Int32] = [:]
    var agentLines: [Int] = []
    var territoryIndex: [String: Int32] = [:]
    var territoryLines: [Int] = []
    /// False for a standalone leads file: ids are kept as given, not checked against agents and territories.
    var resolvesReferences = true
    /// The line of each lead of `dataset.leads`, in the same order.
    var leadLineNumbers: [Int] = []

    /// Rows merged because they repeated an earlier row and agreed with it.
    var merges = DatasetMerges()

    func duplicate(_ table: DatasetTable, _ ordinal: Int, _ id: String, firstLine: Int, differs: Bool = false) -> DatasetError {
        let what = differs ? " with different values" : ""
        return table.error(
            .duplicateId,
            ordinal,
            "duplicate id \(DatasetError.quoted(id))\(what) (first defined at \(table.scanner.file):\(firstLine))"
        )
    }

    /// A repeated edge that contradicts an earlier row, reported at the column that differs.
    func contradiction(_ table: DatasetTable, _ ordinal: Int, earlierLine: Int32, _ detail: String) -> DatasetError {
        table.error(.duplicateEdge, ordinal, "contradicts \(table.scanner.file):\(earlierLine): \(detail)")
    }

    func agent(_ table: DatasetTable, _ ordinal: Int) throws(DatasetError) -> Int32 {
        let id = try table.required(ordinal)
        guard let index = self.agentIndex[id] else {
            throw table.error(.unknownReference, ordinal, "unknown agent id \(DatasetError.quoted(id))")
        }
        return index
    }

    func territory(_ table: DatasetTable, _ ordinal: Int) throws(DatasetError) -> Int32 {
        let id = try table.required(ordinal)
        guard let index = self.territoryIndex[id] else {
            throw table.error(.unknownReference, ordinal, "unknown territory id \(DatasetError.quoted(id))")
        }
        return index
    }

    // agents.csv: id,name,active,states,languages,specialties,price_min,price_max,capacity,
    //             open_leads,closed,assigned,response_minutes,lat,lon
    /// Reads one of the files decoded after agents and territories (coverage, adjacency, referrals, leads).
    mutating func read(_ file: DatasetFile, _ table: inout DatasetTable) throws(DatasetError) {
        switch file {
        case .coverage: try self.readCoverage(&table)
        case .adjacency: try self.readAdjacency(&table)
        case .referrals: try self.readReferrals(&table)
        case .leads: try self.readLeads(&table)
        case .agents: try self.readAgents(&table)
        case .territories: try self.readTerritories(&table)
        }
    }

    /// Takes what `other` (a copy of this decoder after agents and territories) decoded from `file`.
    mutating func take(_ file: DatasetFile, from other: DatasetRecordDecoder) {
        switch file {
        case .coverage: self.dataset.coverage = other.dataset.coverage
        case .adjacency: self.dataset.adjacency = other.dataset.adjacency
        case .referrals: self.dataset.referrals = other.dataset.referrals
        case .leads:
            self.dataset.leads = other.dataset.leads
            self.leadLineNumbers = other.leadLineNumbers
        case .agents, .territories: preconditionFailure("agents and territories are decoded first, by this decoder")
        }
        for (merged, count) in other.merges.rows { self.merges.rows[merged, default: 0] += count }
        self.merges.reversedAdjacency += other.merges.reversedAdjacency
    }

    mutating func readAgents(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.agents.reserveCapacity(table.estimatedRows)
        self.agentLines.reserveCapacity(table.estimatedRows)
        self.agentIndex.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            let name = try table.text(1)
            let active = try table.boolean(2) ?? true
            let states = try table.list(3, uppercased: true) ?? []
            let languages = try table.list(4, uppercased: false) ?? Agent.defaultLanguages
            let specialties = try table.list(5, uppercased: false) ?? Agent.defaultSpecialties
            let priceMin = try table.decimal(6, in: nonNegativeDoubles)
            let priceMax = try table.decimal(7, in: nonNegativeDoubles)
            let capacity = try table.integer(8, in: nonNegativeInts) ?? Agent.defaultCapacity
            let openLeads = try table.integer(9, in: nonNegativeInts) ?? 0
            let closed = try table.integer(10, in: nonNegativeInts) ?? 0
            let assigned = try table.integer(11, in: nonNegativeInts) ?? 0
            let responseMinutes = try table.decimal(12, in: nonNegativeDoubles)
            let latitude = try table.decimal(13, in: -90...90)
            let longitude = try table.decimal(14, in: -180...180)
            if let priceMin, let priceMax, priceMin > priceMax {
                throw table.error(.outOfRange, 7, "price_max \(table.quotedValue(7)) is below price_min \(table.quotedValue(6))")
            }
            let agent = Agent(
                id: id,
                name: name,
                active: active,
                states: states,
                languages: languages,
                specialties: specialties,
                priceMin: priceMin,
                priceMax: priceMax,
                capacity: capacity,
                openLeads: openLeads,
                closed: closed,
                assigned: assigned,
                responseMinutes: responseMinutes,
                latitude: latitude,
                longitude: longitude
            )
            if let first = self.agentIndex[id] {
                guard self.dataset.agents[Int(first)] == agent else {
                    throw self.duplicate(table, 0, id, firstLine: self.agentLines[Int(first)], differs: true)
                }
                self.merges.merged(.agents)
                continue
            }
            self.agentIndex[id] = Int32(self.dataset.agents.count)
            self.agentLines.append(table.line)
            self.dataset.agents.append(agent)
        }
    }

    // territories.csv: id,name,state,lat,lon
    mutating func readTerritories(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.territories.reserveCapacity(table.estimatedRows)
        self.territoryLines.reserveCapacity(table.estimatedRows)
        self.territoryIndex.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            let name = try table.text(1)
            let state = try table.text(2).map { DatasetTable.trimmed(Substring($0)).uppercased() } ?? ""
            let latitude = try table.decimal(3, in: -90...90)
            let longitude = try table.decimal(4, in: -180...180)
            let territory = Territory(id: id, name: name, state: state, latitude: latitude, longitude: longitude)
            if let first = self.territoryIndex[id] {
                guard self.dataset.territories[Int(first)] == territory else {
                    throw self.duplicate(table, 0, id, firstLine: self.territoryLines[Int(first)], differs: true)
                }
                self.merges.merged(.territories)
                continue
            }
            self.territoryIndex[id] = Int32(self.dataset.territories.count)
            self.territoryLines.append(table.line)
            self.dataset.territories.append(territory)
        }
    }

    // coverage.csv: agent_id,territory_id,weight
    mutating func readCoverage(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.coverage.reserveCapacity(table.estimatedRows)
        var seen = [UInt64: EarlierRow](minimumCapacity: table.estimatedRows)
        while try table.next() {
            let agent = try self.agent(table, 0)
            let territory = try self.territory(table, 1)
            let weight = try table.decimal(2, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) ?? 1
            guard weight > 0 && weight <= 1 else { throw table.error(.outOfRange, 2, "must be in (0, 1]: \(table.quotedValue(2))") }
            let key = pairKey(agent, territory)
            if let earlier = seen[key] {
                let first = self.dataset.coverage[Int(earlier.index)]
                guard first.weight == weight else {
                    throw self.contradiction(table, 2, earlierLine: earlier.line, "weight \(first.weight) there, \(weight) here")
                }
                self.merges.merged(.coverage)
                continue
            }
            seen[key] = EarlierRow(index: Int32(self.dataset.coverage.count), line: Int32(table.line))
            self.dataset.coverage.append(Coverage(agent: agent, territory: territory, weight: weight))
        }
    }

    // adjacency.csv: territory_id,neighbor_id,distance_km
    mutating func readAdjacency(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.adjacency.reserveCapacity(table.estimatedRows)
        var seen = [UInt64: EarlierRow](minimumCapacity: table.estimatedRows)
        while try table.next() {
            let territory = try self.territory(table, 0)
            let neighbor = try self.territory(table, 1)
            let distance = try table.decimal(2, in: nonNegativeDoubles)
            if territory == neighbor { throw table.error(.selfReference, 1, "territory is adjacent to itself") }
            let key = pairKey(min(territory, neighbor), max(territory, neighbor))
            if var earlier = seen[key] {
                let index = Int(earlier.index)
                switch (self.dataset.adjacency[index].distanceKm, distance) {
                case (let first?, let here?) where abs(first - here) > Self.adjacencyDistanceTolerance:
                    throw self.contradiction(
                        table,
                        2,
                        earlierLine: earlier.line,
                        "distance_km \(first) there, \(here) here (a pair listed twice must agree within 0.01 km)"
                    )
                case (nil, let here?):
                    self.dataset.adjacency[index].distanceKm = here
                    earlier.line = Int32(table.line)
                    seen[key] = earlier
                default:
                    break
                }
                self.merges.merged(.adjacency)
                if self.dataset.adjacency[index].territory != territory { self.merges.reversedAdjacency += 1 }
                continue
            }
            seen[key] = EarlierRow(index: Int32(self.dataset.adjacency.count), line: Int32(table.line))
            self.dataset.adjacency.append(TerritoryAdjacency(territory: territory, neighbor: neighbor, distanceKm: distance))
        }
    }

    // referrals.csv: from_agent_id,to_agent_id,sent,closed
    mutating func readReferrals(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.referrals.reserveCapacity(table.estimatedRows)
        var seen = [UInt64: EarlierRow](minimumCapacity: table.estimatedRows)
        while try table.next() {
            let from = try self.agent(table, 0)
            let to = try self.agent(table, 1)
            let sent = try table.integer(2, in: 1...Int(Int32.max)) ?? 1
            let closed = try table.integer(3, in: 0...Int(Int32.max)) ?? 0
            if from == to { throw table.error(.selfReference, 1, "agent refers to itself") }
            if closed > sent { throw table.error(.outOfRange, 3, "closed \(closed) exceeds sent \(sent)") }
            let key = pairKey(from, to)
            if let earlier = seen[key] {
                let first = self.dataset.referrals[Int(earlier.index)]
                if Int(first.sent) != sent {
                    throw self.contradiction(
                        table,
                        2,
                        earlierLine: earlier.line,
                        "sent \(first.sent) there, \(sent) here (list each pair once, with its totals)"
                    )
                }
                if Int(first.closed) != closed {
                    throw self.contradiction(
                        table,
                        3,
                        earlierLine: earlier.line,
                        "closed \(first.closed) there, \(closed) here (list each pair once, with its totals)"
                    )
                }
                self.merges.merged(.referrals)
                continue
            }
            seen[key] = EarlierRow(index: Int32(self.dataset.referrals.count), line: Int32(table.line))
            self.dataset.referrals.append(Referral(from: from, to: to, sent: Int32(sent), closed: Int32(closed)))
        }
    }

    // leads.csv: id,territory_id,kind,price,language,language_required,urgency,source_agent_id,previous_agent_id,created_at
    mutating func readLeads(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.leads.reserveCapacity(table.estimatedRows)
        var leadLines: [String: Int] = [:]
        leadLines.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            // A standalone leads file is intake, like Lead JSON: its ids follow the same alphabet.
            if !self.resolvesReferences, let problem = Lead.idProblem(id) { throw table.error(.invalidValue, 0, problem) }
            if let first = leadLines.updateValue(table.line, forKey: id) {
                throw self.duplicate(table, 0, id, firstLine: first)
            }
            self.leadLineNumbers.append(table.line)
            let territoryId = try table.required(1)
            if !self.resolvesReferences, let problem = Lead.idProblem(territoryId) { throw table.error(.invalidValue, 1, problem) }
            if self.resolvesReferences && self.territoryIndex[territoryId] == nil {
                throw table.error(.unknownReference, 1, "unknown territory id \(DatasetError.quoted(territoryId))")
            }
            let kind = try table.kind(2) ?? .buy
            let price = try table.decimal(3, in: nonNegativeDoubles)
            let language = try table.text(4).map { DatasetTable.trimmed(Substring($0)).lowercased() }
            let languageRequired = try table.boolean(5) ?? false
            let urgency = try table.integer(6, in: 0...3) ?? 0
            let source = try self.optionalAgentId(table, 7)
            let previous = try self.optionalAgentId(table, 8)
            let createdAt = try table.timestamp(9)
            self.dataset.leads.append(
                Lead(
                    id: id,
                    territoryId: territoryId,
                    kind: kind,
                    price: price,
                    language: language?.isEmpty == true ? nil : language,
                    languageRequired: languageRequired,
                    urgency: urgency,
                    sourceAgentId: source,
                    previousAgentId: previous,
                    createdAt: createdAt
                )
            )
        }
    }

    private func optionalAgentId(_ table: DatasetTable, _ ordinal: Int) throws(DatasetError) -> String? {
        guard let id = try table.text(ordinal) else { return nil }
        if !self.resolvesReferences, let problem = Lead.idProblem(id) { throw table.error(.invalidValue, ordinal, problem) }
        if self.resolvesReferences && self.agentIndex[id] == nil {
            throw table.error(.unknownReference, ordinal, "unknown agent id \(DatasetError.quoted(id))")
        }
        return id
    }
}

extension DatasetRecordDecoder {
    /// Two distances of one adjacency pair agree when they differ by at most 0.01 km (plus rounding slack).
    static let adjacencyDistanceTolerance = 0.01 + 1e-9
}

/// Where an edge was first listed: its index in the dataset and its line, for merging repeats and naming both lines.
private struct EarlierRow {
    var index: Int32
    var line: Int32
}

@inline(__always)
private func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
}
