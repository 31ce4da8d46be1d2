/// The immutable in-memory graph the router works on: ids interned to dense integers, agent and territory
/// attributes as parallel arrays, and CSR adjacency for referrals (both directions), coverage (both directions)
/// and territory adjacency (symmetric).
///
/// Built once from a ``Dataset`` (whatever store it came from) and shared read-only between routing tasks;
/// a refresh builds a new projection and swaps it in, so readers never see a half-built graph.
public struct GraphProjection: Sendable {
    /// Identifies the graph contents (a dataset fingerprint or a store watermark); carried by every decision.
    public let version: String

    // MARK: Agents (index = dense agent id)

    public let agentIds: [String]
    /// Display names (the id when the dataset has none).
    public let agentNames: [String]
    let agentIndex: [String: Int32]
    /// Inactive agents never receive leads.
    package let agentActive: [Bool]
    /// Licensed states as a mask over ``stateSymbols``.
    let agentStates: [UInt64]
    /// Spoken languages as a mask over ``languageSymbols``.
    let agentLanguages: [UInt64]
    /// Handled lead kinds: bit 0 buy, 1 sell, 2 rent.
    let agentKinds: [UInt8]
    /// Price band; NaN when that side is open.
    let agentPriceMin: [Double]
    let agentPriceMax: [Double]
    public let agentCapacity: [Int32]
    /// Open leads when the graph was loaded (the starting point of a ``AgentLoadTable``).
    public let agentOpenLeads: [Int32]
    let agentClosed: [Int32]
    let agentAssigned: [Int32]
    /// NaN when unknown.
    let agentResponseMinutes: [Float]
    let agentLatitude: [Double]
    let agentLongitude: [Double]

    // MARK: Territories (index = dense territory id)

    public let territoryIds: [String]
    let territoryIndex: [String: Int32]
    /// Bit of the territory's state in ``stateSymbols``; -1 when unknown.
    let territoryState: [Int8]
    let territoryLatitude: [Double]
    let territoryLongitude: [Double]

    // MARK: Edges

    /// Territory → covering agents, with ``coverageWeightByTerritory`` alongside.
    package let coverageByTerritory: CompressedAdjacency
    let coverageWeightByTerritory: [Double]
    /// Agent → covered territories, with ``coverageWeightByAgent`` alongside.
    let coverageByAgent: CompressedAdjacency
    let coverageWeightByAgent: [Double]
    /// Territory → neighbouring territories (both directions of every adjacency row), distance alongside (NaN unknown).
    package let adjacency: CompressedAdjacency
    let adjacencyDistanceKm: [Float]
    /// Agent → agents referred to, with `sent` and `closed` alongside.
    package let referralsOut: CompressedAdjacency
    package let referralSent: [Int32]
    let referralClosed: [Int32]
    /// Agent → agents referring to it, with the position of the same edge in ``referralsOut``.
    package let referralsIn: CompressedAdjacency
    package let referralsInEdge: [UInt32]

    // MARK: Symbols and network statistics

    let stateSymbols: SymbolTable
    let languageSymbols: SymbolTable
    /// Network-wide conversion rate (sum closed / sum assigned), the prior of the performance feature.
    public let networkConversionRate: Double

    public var agentCount: Int { self.agentIds.count }
    public var territoryCount: Int { self.territoryIds.count }
    public var referralCount: Int { self.referralsOut.edgeCount }
    public var coverageCount: Int { self.coverageByAgent.edgeCount }

    /// Dense index of an agent id.
    public func agent(_ id: String) -> Int32? { self.agentIndex[id] }
    /// Dense index of a territory id.
    public func territory(_ id: String) -> Int32? { self.territoryIndex[id] }
}
