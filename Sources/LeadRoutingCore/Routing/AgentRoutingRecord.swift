/// One agent's attributes that routing reads for every candidate (hard constraints, capacity, response time),
/// copied from the ``GraphProjection``'s parallel arrays into one record so a candidate costs one memory access
/// instead of eight. Same values, same types: decisions do not change.
struct AgentRoutingRecord: Sendable {
    var states: UInt64
    var languages: UInt64
    /// Price band; NaN when that side is open.
    var priceMin: Double
    var priceMax: Double
    var capacity: Int32
    /// NaN when unknown.
    var responseMinutes: Float
    var kinds: UInt8
    var active: Bool

    init(projection: GraphProjection, agent: Int) {
        self.states = projection.agentStates[agent]
        self.languages = projection.agentLanguages[agent]
        self.priceMin = projection.agentPriceMin[agent]
        self.priceMax = projection.agentPriceMax[agent]
        self.capacity = projection.agentCapacity[agent]
        self.responseMinutes = projection.agentResponseMinutes[agent]
        self.kinds = projection.agentKinds[agent]
        self.active = projection.agentActive[agent]
    }
}
