extension RebalancePlan {
    /// Reads a solved network back as a plan: the moves (a lead whose optimal agent differs from its current
    /// one), the unplaced leads (they stay where they are), the before/after summary and the top shadow prices.
    /// `agentTerritories` maps an agent id to the territories it covers, for the per-territory prices.
    public init(
        network: RebalanceNetwork,
        solution: RebalanceSolution,
        graphVersion: String,
        policyVersion: String,
        watermark: Int64,
        scope: RebalanceScope,
        agentTerritories: [String: [String]] = [:],
        topCount: Int = 10
    ) {
        let instance = network.instance
        let agentIds = instance.agents.map(\.id)
        var loadBefore = instance.agents.map(\.fixedLoad)
        var loadAfter = loadBefore
        var scoreBefore = 0.0
        var scoreAfter = 0.0
        var unassignedBefore = 0
        var unassignedAfter = 0
        var moves: [RebalanceMove] = []
        var unplaced: [String] = []
        for (lead, chosen) in zip(instance.leads, solution.assignment) {
            let currentScore = lead.currentAgent.flatMap { current in lead.candidates.first { $0.agent == current }?.score }
            if let current = lead.currentAgent {
                loadBefore[current] += 1
                scoreBefore += currentScore ?? 0
            } else {
                unassignedBefore += 1
            }
            guard let chosen else {
                unplaced.append(lead.id)
                if let current = lead.currentAgent {
                    loadAfter[current] += 1
                    scoreAfter += currentScore ?? 0
                } else {
                    unassignedAfter += 1
                }
                continue
            }
            loadAfter[chosen] += 1
            let score = lead.candidates.first { $0.agent == chosen }?.score ?? 0
            scoreAfter += score
            if chosen != lead.currentAgent {
                moves.append(
                    RebalanceMove(
                        leadId: lead.id,
                        fromAgentId: lead.currentAgent.map { agentIds[$0] },
                        toAgentId: agentIds[chosen],
                        scoreBefore: currentScore,
                        scoreAfter: score,
                        reason: lead.reason
                    )
                )
            }
        }
        let capacities = instance.agents.map(\.capacity)
        var prices: [AgentShadowPrice] = []
        for (agentId, price) in zip(agentIds, solution.shadowPrices) where price > 0 {
            prices.append(AgentShadowPrice(agentId: agentId, price: price))
        }
        prices.sort { (a: AgentShadowPrice, b: AgentShadowPrice) -> Bool in
            a.price > b.price || (a.price == b.price && a.agentId < b.agentId)
        }
        var byTerritory: [String: AgentShadowPrice] = [:]
        for price in prices {
            for territory in agentTerritories[price.agentId] ?? [] where byTerritory[territory] == nil {
                byTerritory[territory] = price  // prices are sorted: the first agent seen is the best
            }
        }
        var territoryPrices: [TerritoryShadowPrice] = []
        for (territory, price) in byTerritory {
            territoryPrices.append(TerritoryShadowPrice(territoryId: territory, price: price.price, agentId: price.agentId))
        }
        territoryPrices.sort { (a: TerritoryShadowPrice, b: TerritoryShadowPrice) -> Bool in
            a.price > b.price || (a.price == b.price && a.territoryId < b.territoryId)
        }
        let summary = RebalanceSummary(
            before: LoadSummary(totalScore: scoreBefore, unassigned: unassignedBefore, loads: loadBefore, capacities: capacities),
            after: LoadSummary(totalScore: scoreAfter, unassigned: unassignedAfter, loads: loadAfter, capacities: capacities),
            topShadowPrices: Array(prices.prefix(topCount)),
            topTerritoryShadowPrices: Array(territoryPrices.prefix(topCount))
        )
        var identity = "\(graphVersion)\u{1F}\(policyVersion)\u{1F}\(watermark)\u{1F}\(scope.rawValue)\u{1F}\(solution.objective)"
        for move in moves { identity += "\u{1F}\(move.leadId)>\(move.toAgentId)" }
        self.init(
            planId: "rb-" + Self.fnv1a64Hex(identity),
            graphVersion: graphVersion,
            policyVersion: policyVersion,
            watermark: watermark,
            scope: scope,
            objective: solution.objective,
            objectiveBefore: network.costOfStaying(),
            moves: moves,
            unplaced: unplaced,
            summary: summary
        )
    }

    /// FNV-1a 64 of the UTF-8 bytes, 16 hex digits.
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
