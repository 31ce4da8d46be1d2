/// Read-only views of a projection for APIs: one agent's attributes, the agents covering a territory.
/// Indices are dense (see ``GraphProjection/agent(_:)``); results use ids and plain values only.
extension GraphProjection {
    /// The attributes of one agent as loaded (load and availability live in ``AgentLoadTable``).
    public struct AgentSummary: Sendable, Hashable, Codable {
        public var id: String
        /// Display name (the id when the dataset has none).
        public var name: String
        public var active: Bool
        /// Licensed states, upper-case, sorted.
        public var states: [String]
        /// Spoken languages, lower-case, sorted.
        public var languages: [String]
        /// Handled lead kinds in buy, sell, rent order.
        public var kinds: [LeadKind]
        /// Price band; nil when that side is open.
        public var priceMin: Double?
        public var priceMax: Double?
        public var capacity: Int
        /// Open leads recorded in the graph when it was loaded.
        public var openLeadsAtLoad: Int
        public var closed: Int
        public var assigned: Int
        /// Median response time in minutes; nil when unknown.
        public var responseMinutes: Double?
        /// Territories the agent covers.
        public var territoryCount: Int
        /// Referral edges out of and into the agent.
        public var referralsOut: Int
        public var referralsIn: Int
    }

    /// One agent covering a territory, with the coverage weight in (0, 1].
    public struct CoveringAgent: Sendable, Hashable, Codable {
        public var agentId: String
        public var name: String
        public var weight: Double
    }

    /// The summary of the agent at dense index `index`.
    /// - Precondition: `0 <= index < agentCount`.
    public func agentSummary(at index: Int32) -> AgentSummary {
        let i = Int(index)
        let kinds = LeadKind.allCases.filter { self.agentKinds[i] & $0.bit != 0 }
        let minimum = self.agentPriceMin[i]
        let maximum = self.agentPriceMax[i]
        let response = self.agentResponseMinutes[i]
        return AgentSummary(
            id: self.agentIds[i],
            name: self.agentNames[i],
            active: self.agentActive[i],
            states: Self.symbols(in: self.agentStates[i], of: self.stateSymbols).sorted(),
            languages: Self.symbols(in: self.agentLanguages[i], of: self.languageSymbols).sorted(),
            kinds: kinds,
            priceMin: minimum.isNaN ? nil : minimum,
            priceMax: maximum.isNaN ? nil : maximum,
            capacity: Int(self.agentCapacity[i]),
            openLeadsAtLoad: Int(self.agentOpenLeads[i]),
            closed: Int(self.agentClosed[i]),
            assigned: Int(self.agentAssigned[i]),
            // Stored as Float: widened through its shortest text, so 45.2 stays 45.2 (not 45.20000076293945).
            responseMinutes: response.isNaN ? nil : Double("\(response)"),
            territoryCount: self.coverageByAgent.degree(of: index),
            referralsOut: self.referralsOut.degree(of: index),
            referralsIn: self.referralsIn.degree(of: index)
        )
    }

    /// Whether the agent at `index` speaks `language` (lower-case code).
    public func agent(at index: Int32, speaks language: String) -> Bool {
        self.agentLanguages[Int(index)] & self.languageSymbols.mask(of: language) != 0
    }

    /// Whether the agent at `index` is licensed in `state` (upper-case code).
    public func agent(at index: Int32, isLicensedIn state: String) -> Bool {
        self.agentStates[Int(index)] & self.stateSymbols.mask(of: state) != 0
    }

    /// Whether the agent at `index` handles `kind`.
    public func agent(at index: Int32, handles kind: LeadKind) -> Bool {
        self.agentKinds[Int(index)] & kind.bit != 0
    }

    /// Whether the agent at `index` covers the territory at dense index `territory`.
    public func agent(at index: Int32, covers territory: Int32) -> Bool {
        let range = self.coverageByAgent.edgeRange(of: index)
        return self.coverageByAgent.targets[range].contains(territory)
    }

    /// The state of the territory at dense index `index`; nil when unknown.
    public func territoryState(at index: Int32) -> String? {
        let bit = Int(self.territoryState[Int(index)])
        return bit >= 0 && bit < self.stateSymbols.symbols.count ? self.stateSymbols.symbols[bit] : nil
    }

    /// The agents covering the territory at dense index `territory`, strongest coverage first, ties by agent id.
    public func coveringAgents(of territory: Int32) -> [CoveringAgent] {
        let range = self.coverageByTerritory.edgeRange(of: territory)
        var result: [CoveringAgent] = []
        result.reserveCapacity(range.count)
        for position in range {
            let agent = Int(self.coverageByTerritory.targets[position])
            result.append(
                CoveringAgent(agentId: self.agentIds[agent], name: self.agentNames[agent], weight: self.coverageWeightByTerritory[position])
            )
        }
        result.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.agentId < $1.agentId }
        return result
    }

    /// Neighbouring territory ids of the territory at dense index `territory`, sorted.
    public func neighbours(of territory: Int32) -> [String] {
        self.adjacency.targets[self.adjacency.edgeRange(of: territory)].map { self.territoryIds[Int($0)] }.sorted()
    }

    private static func symbols(in mask: UInt64, of table: SymbolTable) -> [String] {
        table.symbols.enumerated().compactMap { bit, symbol in mask & (1 << UInt64(bit)) != 0 ? symbol : nil }
    }
}
