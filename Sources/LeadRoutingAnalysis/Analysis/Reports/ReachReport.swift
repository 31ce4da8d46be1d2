import LeadRoutingCore

/// The `reach` report for one agent (`agent` given): the body of `leadrouter analyze reach --json` and of
/// `GET /api/v1/analytics/reach`.
public struct ReachReport: Codable, Sendable, Equatable {
    public struct Reached: Codable, Sendable, Equatable {
        public var id: String
        public var hops: Int

        public init(id: String, hops: Int) {
            self.id = id
            self.hops = hops
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var agent: String
    public var hops: Int
    public var direction: String
    public var agents: Int
    public var agentsPerHop: [Int]
    public var volume: Double
    public var reached: [Reached]

    public init(
        algorithm: String = "reach",
        graphVersion: String,
        agent: String,
        hops: Int,
        direction: String,
        agents: Int,
        agentsPerHop: [Int],
        volume: Double,
        reached: [Reached]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agent = agent
        self.hops = hops
        self.direction = direction
        self.agents = agents
        self.agentsPerHop = agentsPerHop
        self.volume = volume
        self.reached = reached
    }
}
