/// Before and after a plan, over the agents involved (candidates or current holders of a movable lead).
public struct RebalanceSummary: Sendable, Hashable, Codable {
    public var before: LoadSummary
    public var after: LoadSummary
    /// Agents where one more unit of capacity would raise the objective most (score units), highest first.
    public var topShadowPrices: [AgentShadowPrice]
    /// Per territory, the best agent shadow price among the agents covering it, highest first.
    public var topTerritoryShadowPrices: [TerritoryShadowPrice]

    public init(before: LoadSummary, after: LoadSummary, topShadowPrices: [AgentShadowPrice], topTerritoryShadowPrices: [TerritoryShadowPrice]) {
        self.before = before
        self.after = after
        self.topShadowPrices = topShadowPrices
        self.topTerritoryShadowPrices = topTerritoryShadowPrices
    }
}

/// Score and load figures of one state.
public struct LoadSummary: Sendable, Hashable, Codable {
    /// Σ router score of the movable leads' placements (a lead without an eligible agent counts 0).
    public var totalScore: Double
    /// Gini coefficient of utilisation (load / capacity) over the agents with capacity > 0: 0 is perfectly even.
    public var loadGini: Double
    /// Jain's fairness index of utilisation, (Σx)² / (n·Σx²): 1 is perfectly even.
    public var jainIndex: Double
    public var maxUtilisation: Double
    /// Movable leads without an agent.
    public var unassigned: Int
    /// Agents per utilisation band: [0, 10 %), [10 %, 20 %), … [90 %, 100 %), then full (100 % or more).
    public var utilisationHistogram: [Int]

    public init(totalScore: Double, loadGini: Double, jainIndex: Double, maxUtilisation: Double, unassigned: Int, utilisationHistogram: [Int]) {
        self.totalScore = totalScore
        self.loadGini = loadGini
        self.jainIndex = jainIndex
        self.maxUtilisation = maxUtilisation
        self.unassigned = unassigned
        self.utilisationHistogram = utilisationHistogram
    }

    /// The figures for `loads` (per agent) against `capacities` (agents with capacity 0 are left out).
    public init(totalScore: Double, unassigned: Int, loads: [Int], capacities: [Int]) {
        var values: [Double] = []
        var histogram = [Int](repeating: 0, count: 11)
        for index in loads.indices where capacities[index] > 0 {
            let value = Double(loads[index]) / Double(capacities[index])
            values.append(value)
            histogram[loads[index] >= capacities[index] ? 10 : min(9, Int(value * 10))] += 1
        }
        self.init(
            totalScore: totalScore,
            loadGini: Self.gini(values),
            jainIndex: Self.jain(values),
            maxUtilisation: values.max() ?? 0,
            unassigned: unassigned,
            utilisationHistogram: histogram
        )
    }

    /// Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean), computed on the sorted values; 0 for no values or all zero.
    public static func gini(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let total = values.reduce(0, +)
        guard n > 0, total > 0 else { return 0 }
        var weighted = 0.0
        for (rank, value) in values.sorted().enumerated() { weighted += (2 * Double(rank + 1) - n - 1) * value }
        return weighted / (n * total)
    }

    /// (Σx)² / (n Σx²); 1 for no values or all zero (nothing is uneven).
    public static func jain(_ values: [Double]) -> Double {
        let total = values.reduce(0, +)
        let squares = values.reduce(0) { $0 + $1 * $1 }
        guard !values.isEmpty, squares > 0 else { return 1 }
        return total * total / (Double(values.count) * squares)
    }
}

/// What one more unit of an agent's capacity is worth to the objective (score units).
public struct AgentShadowPrice: Sendable, Hashable, Codable {
    public var agentId: String
    public var price: Double

    public init(agentId: String, price: Double) {
        self.agentId = agentId
        self.price = price
    }
}

/// The best agent shadow price in a territory, and the agent giving it.
public struct TerritoryShadowPrice: Sendable, Hashable, Codable {
    public var territoryId: String
    public var price: Double
    public var agentId: String

    public init(territoryId: String, price: Double, agentId: String) {
        self.territoryId = territoryId
        self.price = price
        self.agentId = agentId
    }
}
