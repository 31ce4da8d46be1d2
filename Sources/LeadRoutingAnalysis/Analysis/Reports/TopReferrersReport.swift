import LeadRoutingCore

/// The `top-referrers` report: the body of `leadrouter analyze top-referrers --json` and of
/// `GET /api/v1/analytics/top-referrers`.
public struct TopReferrersReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var totalReferrals: Double
    public var topReferrers: [RankedScore]
    public var topReceivers: [RankedScore]

    public init(
        algorithm: String = "top-referrers",
        graphVersion: String,
        agents: Int,
        totalReferrals: Double,
        topReferrers: [RankedScore],
        topReceivers: [RankedScore]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.totalReferrals = totalReferrals
        self.topReferrers = topReferrers
        self.topReceivers = topReceivers
    }
}
