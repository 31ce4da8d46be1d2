extension GraphProjection {
    /// Builds the projection of `dataset`.
    /// - Parameters:
    ///   - dataset: a dataset the codec accepted (edge indices in range).
    ///   - version: the graph version decisions will carry.
    public init(dataset: Dataset, version: String) throws(ProjectionError) {
        guard dataset.agents.count < Int32.max else { throw .tooLarge("agents") }
        guard dataset.territories.count < Int32.max else { throw .tooLarge("territories") }
        guard dataset.referrals.count < UInt32.max, dataset.coverage.count < UInt32.max, dataset.adjacency.count < UInt32.max / 2 else {
            throw .tooLarge("edges")
        }
        let agents = dataset.agents
        let territories = dataset.territories

        var states = SymbolTable()
        var languages = SymbolTable()

        // Territories.
        var territoryIndex = [String: Int32](minimumCapacity: territories.count)
        var territoryState = [Int8](repeating: -1, count: territories.count)
        var territoryLatitude = [Double](repeating: .nan, count: territories.count)
        var territoryLongitude = [Double](repeating: .nan, count: territories.count)
        for (index, territory) in territories.enumerated() {
            territoryIndex[territory.id] = Int32(index)
            if !territory.state.isEmpty {
                guard let bit = states.intern(territory.state) else { throw .tooManyStates(territory.state) }
                territoryState[index] = Int8(bit)
            }
            territoryLatitude[index] = territory.latitude ?? .nan
            territoryLongitude[index] = territory.longitude ?? .nan
        }

        // Coverage, both directions.
        let coverageAgents = dataset.coverage.map(\.agent)
        let coverageTerritories = dataset.coverage.map(\.territory)
        let coverageWeights = dataset.coverage.map(\.weight)
        let (byTerritory, territoryPermutation) = CompressedAdjacency.build(
            nodeCount: territories.count,
            sources: coverageTerritories,
            targets: coverageAgents
        )
        let (byAgent, agentPermutation) = CompressedAdjacency.build(
            nodeCount: agents.count,
            sources: coverageAgents,
            targets: coverageTerritories
        )

        // Agents.
        var agentIndex = [String: Int32](minimumCapacity: agents.count)
        var agentActive = [Bool](repeating: false, count: agents.count)
        var agentStates = [UInt64](repeating: 0, count: agents.count)
        var agentLanguages = [UInt64](repeating: 0, count: agents.count)
        var agentKinds = [UInt8](repeating: 0, count: agents.count)
        var agentPriceMin = [Double](repeating: .nan, count: agents.count)
        var agentPriceMax = [Double](repeating: .nan, count: agents.count)
        var agentCapacity = [Int32](repeating: 0, count: agents.count)
        var agentOpenLeads = [Int32](repeating: 0, count: agents.count)
        var agentClosed = [Int32](repeating: 0, count: agents.count)
        var agentAssigned = [Int32](repeating: 0, count: agents.count)
        var agentResponse = [Float](repeating: .nan, count: agents.count)
        var agentLatitude = [Double](repeating: .nan, count: agents.count)
        var agentLongitude = [Double](repeating: .nan, count: agents.count)
        var totalClosed = 0
        var totalAssigned = 0
        for (index, agent) in agents.enumerated() {
            agentIndex[agent.id] = Int32(index)
            agentActive[index] = agent.active
            var stateMask: UInt64 = 0
            if agent.states.isEmpty {
                // Documented default: licensed in the states of the territories the agent covers.
                for position in byAgent.edgeRange(of: Int32(index)) {
                    let bit = territoryState[Int(byAgent.targets[position])]
                    if bit >= 0 { stateMask |= 1 << UInt64(bit) }
                }
            } else {
                for state in agent.states {
                    guard let bit = states.intern(state) else { throw .tooManyStates(state) }
                    stateMask |= 1 << UInt64(bit)
                }
            }
            agentStates[index] = stateMask
            var languageMask: UInt64 = 0
            for language in agent.languages {
                guard let bit = languages.intern(language) else { throw .tooManyLanguages(language) }
                languageMask |= 1 << UInt64(bit)
            }
            agentLanguages[index] = languageMask
            var kinds: UInt8 = 0
            for specialty in agent.specialties {
                if let kind = LeadKind(rawValue: specialty) { kinds |= kind.bit }
            }
            agentKinds[index] = kinds
            agentPriceMin[index] = agent.priceMin ?? .nan
            agentPriceMax[index] = agent.priceMax ?? .nan
            agentCapacity[index] = Int32(clamping: agent.capacity)
            agentOpenLeads[index] = Int32(clamping: agent.openLeads)
            agentClosed[index] = Int32(clamping: agent.closed)
            agentAssigned[index] = Int32(clamping: agent.assigned)
            agentResponse[index] = agent.responseMinutes.map(Float.init) ?? .nan
            agentLatitude[index] = agent.latitude ?? .nan
            agentLongitude[index] = agent.longitude ?? .nan
            totalClosed += agent.closed
            totalAssigned += agent.assigned
        }

        // Territory adjacency, symmetrised.
        var adjacencySources = [Int32]()
        var adjacencyTargets = [Int32]()
        var adjacencyDistances = [Float]()
        adjacencySources.reserveCapacity(dataset.adjacency.count * 2)
        adjacencyTargets.reserveCapacity(dataset.adjacency.count * 2)
        adjacencyDistances.reserveCapacity(dataset.adjacency.count * 2)
        for edge in dataset.adjacency {
            var distance = edge.distanceKm.map(Float.init) ?? .nan
            if distance.isNaN {
                let a = Int(edge.territory)
                let b = Int(edge.neighbor)
                let lat1 = territoryLatitude[a]
                let lon1 = territoryLongitude[a]
                let lat2 = territoryLatitude[b]
                let lon2 = territoryLongitude[b]
                if !(lat1.isNaN || lon1.isNaN || lat2.isNaN || lon2.isNaN) {
                    distance = Float(GeoDistance.kilometres(latitude1: lat1, longitude1: lon1, latitude2: lat2, longitude2: lon2))
                }
            }
            adjacencySources.append(edge.territory)
            adjacencyTargets.append(edge.neighbor)
            adjacencyDistances.append(distance)
            adjacencySources.append(edge.neighbor)
            adjacencyTargets.append(edge.territory)
            adjacencyDistances.append(distance)
        }
        let (adjacency, adjacencyPermutation) = CompressedAdjacency.build(
            nodeCount: territories.count,
            sources: adjacencySources,
            targets: adjacencyTargets
        )

        // Referrals, both directions.
        let referralFrom = dataset.referrals.map(\.from)
        let referralTo = dataset.referrals.map(\.to)
        let (referralsOut, outPermutation) = CompressedAdjacency.build(nodeCount: agents.count, sources: referralFrom, targets: referralTo)
        var outPosition = [UInt32](repeating: 0, count: outPermutation.count)
        for (position, edge) in outPermutation.enumerated() { outPosition[Int(edge)] = UInt32(position) }
        let (referralsIn, inPermutation) = CompressedAdjacency.build(nodeCount: agents.count, sources: referralTo, targets: referralFrom)

        self.version = version
        self.agentIds = agents.map(\.id)
        self.agentNames = agents.map { $0.name.isEmpty ? $0.id : $0.name }
        self.agentIndex = agentIndex
        self.agentActive = agentActive
        self.agentStates = agentStates
        self.agentLanguages = agentLanguages
        self.agentKinds = agentKinds
        self.agentPriceMin = agentPriceMin
        self.agentPriceMax = agentPriceMax
        self.agentCapacity = agentCapacity
        self.agentOpenLeads = agentOpenLeads
        self.agentClosed = agentClosed
        self.agentAssigned = agentAssigned
        self.agentResponseMinutes = agentResponse
        self.agentLatitude = agentLatitude
        self.agentLongitude = agentLongitude
        self.territoryIds = territories.map(\.id)
        self.territoryIndex = territoryIndex
        self.territoryState = territoryState
        self.territoryLatitude = territoryLatitude
        self.territoryLongitude = territoryLongitude
        self.coverageByTerritory = byTerritory
        self.coverageWeightByTerritory = coverageWeights.permuted(by: territoryPermutation)
        self.coverageByAgent = byAgent
        self.coverageWeightByAgent = coverageWeights.permuted(by: agentPermutation)
        self.adjacency = adjacency
        self.adjacencyDistanceKm = adjacencyDistances.permuted(by: adjacencyPermutation)
        self.referralsOut = referralsOut
        self.referralSent = dataset.referrals.map(\.sent).permuted(by: outPermutation)
        self.referralClosed = dataset.referrals.map(\.closed).permuted(by: outPermutation)
        self.referralsIn = referralsIn
        self.referralsInEdge = inPermutation.map { outPosition[Int($0)] }
        self.stateSymbols = states
        self.languageSymbols = languages
        self.networkConversionRate = totalAssigned > 0 ? min(1, Double(totalClosed) / Double(totalAssigned)) : 0.5
    }
}

extension LeadKind {
    /// The kind's bit in an agent's handled-kinds mask.
    var bit: UInt8 {
        switch self {
        case .buy: 1
        case .sell: 2
        case .rent: 4
        }
    }
}
