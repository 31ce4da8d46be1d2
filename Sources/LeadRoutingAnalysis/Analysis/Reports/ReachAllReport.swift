import LeadRoutingCore

/// The `reach` report for every agent (no `agent` given): the body of `leadrouter analyze reach --json` and of
/// `GET /api/v1/analytics/reach`; `top` ranks agents by agents reached.
public struct ReachAllReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var rank: Int
        public var id: String
        public var agents: Int
        public var volume: Double

        public init(rank: Int, id: String, agents: Int, volume: Double) {
            self.rank = rank
            self.id = id
            self.agents = agents
            self.volume = volume
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var hops: Int
    public var direction: String
    public var agents: Int
    public var meanReach: Double
    public var top: [Row]

    public init(
        algorithm: String = "reach",
        graphVersion: String,
        hops: Int,
        direction: String,
        agents: Int,
        meanReach: Double,
        top: [Row]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.hops = hops
        self.direction = direction
        self.agents = agents
        self.meanReach = meanReach
        self.top = top
    }
}
