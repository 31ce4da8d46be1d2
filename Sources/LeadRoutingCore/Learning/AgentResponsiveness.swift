/// What the router believes about an agent's offer→accept time, as agent stats show it beside the conversion
/// posterior: the estimate it scores responsiveness with, the dataset's prior, and the lead store's accepts it has
/// learned from. Minutes are nil when unknown (no dataset figure and no accept yet); every key is always written.
public struct AgentResponsiveness: Sendable, Hashable, Codable {
    /// ``Router/responseMinutesEstimate(of:load:)``: the prior and the observed accepts combined.
    public var meanMinutes: Double?
    /// The dataset's `response_minutes`.
    public var priorMinutes: Double?
    /// Offers accepted in the lead store, and the mean of their offer→accept minutes.
    public var acceptedInStore: Int
    public var observedMeanMinutes: Double?

    public init(meanMinutes: Double?, priorMinutes: Double?, acceptedInStore: Int, observedMeanMinutes: Double?) {
        self.meanMinutes = meanMinutes
        self.priorMinutes = priorMinutes
        self.acceptedInStore = acceptedInStore
        self.observedMeanMinutes = observedMeanMinutes
    }

    enum CodingKeys: String, CodingKey { case meanMinutes, priorMinutes, acceptedInStore, observedMeanMinutes }

    /// Unknown minutes are written as explicit nulls, so every agent has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.meanMinutes, forKey: .meanMinutes)
        try c.encode(self.priorMinutes, forKey: .priorMinutes)
        try c.encode(self.acceptedInStore, forKey: .acceptedInStore)
        try c.encode(self.observedMeanMinutes, forKey: .observedMeanMinutes)
    }
}

extension Router {
    /// The agent's ``AgentResponsiveness`` under `load`'s learned accepts.
    public func agentResponsiveness(of agent: Int32, load: AgentLoadTable) -> AgentResponsiveness {
        let a = Int(agent)
        let prior = Double(self.agentRecords[a].responseMinutes)
        let accepted = Int(load.acceptedOffers[a])
        let mean = self.responseMinutesEstimate(of: agent, load: load)
        return AgentResponsiveness(
            meanMinutes: mean.isNaN ? nil : mean,
            priorMinutes: prior.isNaN ? nil : Double("\(self.agentRecords[a].responseMinutes)"),
            acceptedInStore: accepted,
            observedMeanMinutes: accepted > 0 ? Double(load.acceptLatencyMillis[a]) / Self.millisPerMinute / Double(accepted) : nil
        )
    }
}
