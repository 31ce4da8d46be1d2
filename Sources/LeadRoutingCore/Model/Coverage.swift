/// An agent covering a territory with a weight in (0, 1] (1 = primary territory).
public struct Coverage: Sendable, Hashable {
    /// Index into ``Dataset/agents``.
    public var agent: Int32
    /// Index into ``Dataset/territories``.
    public var territory: Int32
    public var weight: Double

    public init(agent: Int32, territory: Int32, weight: Double = 1) {
        self.agent = agent
        self.territory = territory
        self.weight = weight
    }
}
