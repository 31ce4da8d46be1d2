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

    func duplicate(_ table: DatasetTable, _ ordinal: Int, _ id: String, firstLine: Int) -> DatasetError {
        table.error(.duplicateId, ordinal, "duplicate id \(DatasetError.quoted(id)) (first defined on line \(firstLine))")
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
    mutating func readAgents(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.agents.reserveCapacity(table.estimatedRows)
        self.agentLines.reserveCapacity(table.estimatedRows)
        self.agentIndex.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            let index = Int32(self.dataset.agents.count)
            if let first = self.agentIndex.updateValue(index, forKey: id) {
                throw self.duplicate(table, 0, id, firstLine: self.agentLines[Int(first)])
            }
            self.agentLines.append(table.line)
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
            self.dataset.agents.append(
                Agent(
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
            )
        }
    }

    // territories.csv: id,name,state,lat,lon
    mutating func readTerritories(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.territories.reserveCapacity(table.estimatedRows)
        self.territoryLines.reserveCapacity(table.estimatedRows)
        self.territoryIndex.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            let index = Int32(self.dataset.territories.count)
            if let first = self.territoryIndex.updateValue(index, forKey: id) {
                throw self.duplicate(table, 0, id, firstLine: self.territoryLines[Int(first)])
            }
            self.territoryLines.append(table.line)
            let name = try table.text(1)
            let state = try table.text(2).map { DatasetTable.trimmed(Substring($0)).uppercased() } ?? ""
            let latitude = try table.decimal(3, in: -90...90)
            let longitude = try table.decimal(4, in: -180...180)
            self.dataset.territories.append(Territory(id: id, name: name, state: state, latitude: latitude, longitude: longitude))
        }
    }

    // coverage.csv: agent_id,territory_id,weight
    mutating func readCoverage(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.coverage.reserveCapacity(table.estimatedRows)
        var seen = Set<UInt64>(minimumCapacity: table.estimatedRows)
        while try table.next() {
            let agent = try self.agent(table, 0)
            let territory = try self.territory(table, 1)
            let weight = try table.decimal(2, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) ?? 1
            guard weight > 0 && weight <= 1 else { throw table.error(.outOfRange, 2, "must be in (0, 1]: \(table.quotedValue(2))") }
            guard seen.insert(pairKey(agent, territory)).inserted else {
                throw table.error(.duplicateEdge, 1, "agent \(table.quotedValue(0)) already covers this territory")
            }
            self.dataset.coverage.append(Coverage(agent: agent, territory: territory, weight: weight))
        }
    }

    // adjacency.csv: territory_id,neighbor_id,distance_km
    mutating func readAdjacency(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.adjacency.reserveCapacity(table.estimatedRows)
        var seen = Set<UInt64>(minimumCapacity: table.estimatedRows)
        while try table.next() {
            let territory = try self.territory(table, 0)
            let neighbor = try self.territory(table, 1)
            let distance = try table.decimal(2, in: nonNegativeDoubles)
            if territory == neighbor { throw table.error(.selfReference, 1, "territory is adjacent to itself") }
            guard seen.insert(pairKey(min(territory, neighbor), max(territory, neighbor))).inserted else {
                throw table.error(.duplicateEdge, 1, "adjacency between these territories is already listed (adjacency is undirected)")
            }
            self.dataset.adjacency.append(TerritoryAdjacency(territory: territory, neighbor: neighbor, distanceKm: distance))
        }
    }

    // referrals.csv: from_agent_id,to_agent_id,sent,closed
    mutating func readReferrals(_ table: inout DatasetTable) throws(DatasetError) {
        self.dataset.referrals.reserveCapacity(table.estimatedRows)
        var seen = Set<UInt64>(minimumCapacity: table.estimatedRows)
        while try table.next() {
            let from = try self.agent(table, 0)
            let to = try self.agent(table, 1)
            let sent = try table.integer(2, in: 1...Int(Int32.max)) ?? 1
            let closed = try table.integer(3, in: 0...Int(Int32.max)) ?? 0
            if from == to { throw table.error(.selfReference, 1, "agent refers to itself") }
            if closed > sent { throw table.error(.outOfRange, 3, "closed \(closed) exceeds sent \(sent)") }
            guard seen.insert(pairKey(from, to)).inserted else {
                throw table.error(.duplicateEdge, 1, "referral from \(table.quotedValue(0)) to this agent is already listed")
            }
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

@inline(__always)
private func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
}
