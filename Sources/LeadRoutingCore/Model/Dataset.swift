/// A whole network in memory, as read from (or written to) a dataset directory.
///
/// Edge records refer to agents and territories by their index in ``agents`` and ``territories``;
/// the codec resolves external ids while reading, so an edge can never dangle.
public struct Dataset: Sendable {
    public var agents: [Agent]
    public var territories: [Territory]
    public var coverage: [Coverage]
    public var adjacency: [TerritoryAdjacency]
    public var referrals: [Referral]
    public var leads: [Lead]

    public init(
        agents: [Agent] = [],
        territories: [Territory] = [],
        coverage: [Coverage] = [],
        adjacency: [TerritoryAdjacency] = [],
        referrals: [Referral] = [],
        leads: [Lead] = []
    ) {
        self.agents = agents
        self.territories = territories
        self.coverage = coverage
        self.adjacency = adjacency
        self.referrals = referrals
        self.leads = leads
    }

    /// Number of CSV data rows this dataset holds (for throughput figures).
    public var rowCount: Int {
        agents.count + territories.count + coverage.count + adjacency.count + referrals.count + leads.count
    }
}
