/// What the router believes about an agent's conversion rate, as agent stats show it: the posterior mean and its
/// central 95% interval, and the store's closes it has learned from on top of the dataset's history.
public struct AgentPerformance: Sendable, Hashable, Codable {
    public var mean: Double
    public var low: Double
    public var high: Double
    /// Leads closed won and lost in the lead store (learned online, after the dataset's `closed`/`assigned`).
    public var wonInStore: Int
    public var lostInStore: Int

    public init(mean: Double, low: Double, high: Double, wonInStore: Int, lostInStore: Int) {
        self.mean = mean
        self.low = low
        self.high = high
        self.wonInStore = wonInStore
        self.lostInStore = lostInStore
    }
}

extension Router {
    /// The agent's ``AgentPerformance`` under `load`'s learned outcomes.
    public func agentPerformance(of agent: Int32, load: AgentLoadTable) -> AgentPerformance {
        let posterior = self.performancePosterior(of: agent, load: load)
        let interval = posterior.interval95
        return AgentPerformance(
            mean: posterior.mean,
            low: interval.low,
            high: interval.high,
            wonInStore: Int(load.closedWon[Int(agent)]),
            lostInStore: Int(load.closedLost[Int(agent)])
        )
    }
}
