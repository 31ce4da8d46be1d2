import LeadRoutingCore

/// The `leakage` report: the body of `leadrouter analyze leakage --json` and of
/// `GET /api/v1/analytics/leakage`; `overall` and a group's `leakage` are left out when undefined (no referrals).
public struct LeakageReport: Codable, Sendable, Equatable {
    public struct Group: Codable, Sendable, Equatable {
        public var group: String
        public var agents: Int
        public var internalReferrals: Double
        public var outgoingReferrals: Double
        public var incomingReferrals: Double
        public var leakage: Double?

        public init(
            group: String,
            agents: Int,
            internalReferrals: Double,
            outgoingReferrals: Double,
            incomingReferrals: Double,
            leakage: Double?
        ) {
            self.group = group
            self.agents = agents
            self.internalReferrals = internalReferrals
            self.outgoingReferrals = outgoingReferrals
            self.incomingReferrals = incomingReferrals
            self.leakage = leakage
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var by: String
    public var groups: Int
    public var overall: Double?
    public var unassignedAgents: Int
    public var top: [Group]

    public init(
        algorithm: String = "leakage",
        graphVersion: String,
        by: String,
        groups: Int,
        overall: Double?,
        unassignedAgents: Int,
        top: [Group]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.by = by
        self.groups = groups
        self.overall = overall
        self.unassignedAgents = unassignedAgents
        self.top = top
    }
}
