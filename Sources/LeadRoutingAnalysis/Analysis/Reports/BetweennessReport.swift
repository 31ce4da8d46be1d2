import LeadRoutingCore

/// The `betweenness` report: the body of `leadrouter analyze betweenness --json` and of
/// `GET /api/v1/analytics/betweenness`; `seed` only when sampled.
public struct BetweennessReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var exact: Bool
    public var sampleSize: Int
    public var seed: UInt64?
    public var top: [RankedScore]

    public init(
        algorithm: String = "betweenness",
        graphVersion: String,
        agents: Int,
        exact: Bool,
        sampleSize: Int,
        seed: UInt64?,
        top: [RankedScore]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.exact = exact
        self.sampleSize = sampleSize
        self.seed = seed
        self.top = top
    }
}
