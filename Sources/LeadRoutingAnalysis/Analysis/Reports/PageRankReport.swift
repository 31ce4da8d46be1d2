import LeadRoutingCore

/// The `pagerank` report: the body of `leadrouter analyze pagerank --json` and of
/// `GET /api/v1/analytics/pagerank`.
public struct PageRankReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var damping: Double
    public var tolerance: Double
    /// The stopping rule: `converged` or `networkx`.
    public var stop: String
    public var iterations: Int
    public var lastChange: Double
    public var top: [RankedScore]

    public init(
        algorithm: String = "pagerank",
        graphVersion: String,
        agents: Int,
        damping: Double,
        tolerance: Double,
        stop: String,
        iterations: Int,
        lastChange: Double,
        top: [RankedScore]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.damping = damping
        self.tolerance = tolerance
        self.stop = stop
        self.iterations = iterations
        self.lastChange = lastChange
        self.top = top
    }
}
