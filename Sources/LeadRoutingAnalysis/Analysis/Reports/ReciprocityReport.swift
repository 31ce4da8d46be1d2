import LeadRoutingCore

/// The `reciprocity` report: the body of `leadrouter analyze reciprocity --json` and of
/// `GET /api/v1/analytics/reciprocity`; `overall` is null (not left out) when undefined.
public struct ReciprocityReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var edges: Int
    public var reciprocatedEdges: Int
    public var overall: Double?
    public var top: [RankedScore]

    public init(
        algorithm: String = "reciprocity",
        graphVersion: String,
        agents: Int,
        edges: Int,
        reciprocatedEdges: Int,
        overall: Double?,
        top: [RankedScore]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.edges = edges
        self.reciprocatedEdges = reciprocatedEdges
        self.overall = overall
        self.top = top
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.algorithm, forKey: .algorithm)
        try c.encode(self.graphVersion, forKey: .graphVersion)
        try c.encode(self.agents, forKey: .agents)
        try c.encode(self.edges, forKey: .edges)
        try c.encode(self.reciprocatedEdges, forKey: .reciprocatedEdges)
        try c.encode(self.overall, forKey: .overall)
        try c.encode(self.top, forKey: .top)
    }
}
