/// One agent as `GET /api/v1/agents/{id}` and `leadrouter agent show` show it: attributes from the graph, load and
/// availability from the load view, and what the router has learned about the agent.
public struct AgentView: Encodable, Sendable {
    public var id: String
    public var name: String
    public var active: Bool
    public var available: Bool
    public var states: [String]
    public var languages: [String]
    public var kinds: [LeadKind]
    public var priceMin: Double?
    public var priceMax: Double?
    public var capacity: Int
    public var openLeads: Int
    /// openLeads / capacity (1 when capacity is 0).
    public var utilisation: Double
    public var stats: Stats
    public var territoryCount: Int
    public var referralsOut: Int
    public var referralsIn: Int
    /// The agent's referral edges out that learned closes in the lead store (of leads this agent referred), with the
    /// edge's conversion estimate and the strength the router gives it; empty before the first such close.
    public var learnedReferrals: [LearnedReferralEdge]

    public struct Stats: Encodable, Sendable {
        public var assigned: Int
        public var closed: Int
        /// closed / assigned; nil before the first assignment.
        public var conversionRate: Double?
        public var responseMinutes: Double?
        /// The router's conversion-rate posterior: history plus the store's closes.
        public var performance: AgentPerformance
        /// The router's response-time estimate: the dataset's figure plus the store's accepts.
        public var responsiveness: AgentResponsiveness
    }

    public init(_ summary: GraphProjection.AgentSummary, load: AgentLoadTable, index: Int32, router: Router) {
        let open = Int(load.openLeads[Int(index)])
        self.id = summary.id
        self.name = summary.name
        self.active = summary.active
        self.available = load.available[Int(index)]
        self.states = summary.states
        self.languages = summary.languages
        self.kinds = summary.kinds
        self.priceMin = summary.priceMin
        self.priceMax = summary.priceMax
        self.capacity = summary.capacity
        self.openLeads = open
        self.utilisation = summary.capacity > 0 ? Double(open) / Double(summary.capacity) : 1
        self.stats = Stats(
            assigned: summary.assigned,
            closed: summary.closed,
            conversionRate: summary.assigned > 0 ? Double(summary.closed) / Double(summary.assigned) : nil,
            responseMinutes: summary.responseMinutes,
            performance: router.agentPerformance(of: index, load: load),
            responsiveness: router.agentResponsiveness(of: index, load: load)
        )
        self.territoryCount = summary.territoryCount
        self.referralsOut = summary.referralsOut
        self.referralsIn = summary.referralsIn
        self.learnedReferrals = router.learnedReferralEdges(of: index, load: load)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, active, available, states, languages, kinds, priceMin, priceMax, capacity, openLeads, utilisation, stats, territoryCount
        case referralsOut, referralsIn, learnedReferrals
    }

    /// Optional numbers are written as explicit nulls so every agent has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.id, forKey: .id)
        try c.encode(self.name, forKey: .name)
        try c.encode(self.active, forKey: .active)
        try c.encode(self.available, forKey: .available)
        try c.encode(self.states, forKey: .states)
        try c.encode(self.languages, forKey: .languages)
        try c.encode(self.kinds, forKey: .kinds)
        try c.encode(self.priceMin, forKey: .priceMin)
        try c.encode(self.priceMax, forKey: .priceMax)
        try c.encode(self.capacity, forKey: .capacity)
        try c.encode(self.openLeads, forKey: .openLeads)
        try c.encode(self.utilisation, forKey: .utilisation)
        try c.encode(self.stats, forKey: .stats)
        try c.encode(self.territoryCount, forKey: .territoryCount)
        try c.encode(self.referralsOut, forKey: .referralsOut)
        try c.encode(self.referralsIn, forKey: .referralsIn)
        try c.encode(self.learnedReferrals, forKey: .learnedReferrals)
    }
}

extension AgentView.Stats {
    enum CodingKeys: String, CodingKey { case assigned, closed, conversionRate, responseMinutes, performance, responsiveness }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.assigned, forKey: .assigned)
        try c.encode(self.closed, forKey: .closed)
        try c.encode(self.conversionRate, forKey: .conversionRate)
        try c.encode(self.responseMinutes, forKey: .responseMinutes)
        try c.encode(self.performance, forKey: .performance)
        try c.encode(self.responsiveness, forKey: .responsiveness)
    }
}

extension AgentView {
    /// What the CLI and the API say about an agent id the graph does not have.
    public static func notFoundMessage(_ id: String) -> String { "no agent \(id)" }
}
