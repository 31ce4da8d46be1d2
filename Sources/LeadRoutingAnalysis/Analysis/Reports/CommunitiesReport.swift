import LeadRoutingCore

/// The `communities` report: the body of `leadrouter analyze communities --json` and of
/// `GET /api/v1/analytics/communities`.
public struct CommunitiesReport: Codable, Sendable, Equatable {
    public struct Community: Codable, Sendable, Equatable {
        /// The community's name, `C0` (the largest), `C1`, …, as in the CSV, the leakage report and the pictures.
        public var community: String
        public var agents: Int
        public var internalReferrals: Double
        public var topAgents: [String]

        public init(community: String, agents: Int, internalReferrals: Double, topAgents: [String]) {
            self.community = community
            self.agents = agents
            self.internalReferrals = internalReferrals
            self.topAgents = topAgents
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var communities: Int
    public var modularity: Double
    public var resolution: Double
    public var seed: UInt64
    public var levels: Int
    public var top: [Community]

    public init(
        algorithm: String = "communities",
        graphVersion: String,
        agents: Int,
        communities: Int,
        modularity: Double,
        resolution: Double,
        seed: UInt64,
        levels: Int,
        top: [Community]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.communities = communities
        self.modularity = modularity
        self.resolution = resolution
        self.seed = seed
        self.levels = levels
        self.top = top
    }
}
