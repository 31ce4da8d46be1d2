import LeadRoutingCore

/// The `components` report: the body of `leadrouter analyze components --json` and of
/// `GET /api/v1/analytics/components`.
public struct ComponentsReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var kind: String
    public var weakComponents: Int
    public var strongComponents: Int
    public var largestWeak: Int
    public var largestStrong: Int
    public var isolatedAgents: Int
    public var topSizes: [Int]

    public init(
        algorithm: String = "components",
        graphVersion: String,
        agents: Int,
        kind: String,
        weakComponents: Int,
        strongComponents: Int,
        largestWeak: Int,
        largestStrong: Int,
        isolatedAgents: Int,
        topSizes: [Int]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.kind = kind
        self.weakComponents = weakComponents
        self.strongComponents = strongComponents
        self.largestWeak = largestWeak
        self.largestStrong = largestStrong
        self.isolatedAgents = isolatedAgents
        self.topSizes = topSizes
    }
}
