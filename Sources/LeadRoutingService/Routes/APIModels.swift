import LeadRoutingCore

/// One agent as the API shows it: attributes from the graph, load and availability from the load view.
struct AgentView: Encodable, Sendable {
    var id: String
    var name: String
    var active: Bool
    var available: Bool
    var states: [String]
    var languages: [String]
    var kinds: [LeadKind]
    var priceMin: Double?
    var priceMax: Double?
    var capacity: Int
    var openLeads: Int
    /// openLeads / capacity (1 when capacity is 0).
    var utilisation: Double
    var stats: Stats
    var territoryCount: Int
    var referralsOut: Int
    var referralsIn: Int

    struct Stats: Encodable, Sendable {
        var assigned: Int
        var closed: Int
        /// closed / assigned; nil before the first assignment.
        var conversionRate: Double?
        var responseMinutes: Double?
        /// The router's conversion-rate posterior: history plus the store's closes.
        var performance: AgentPerformance
        /// The router's response-time estimate: the dataset's figure plus the store's accepts.
        var responsiveness: AgentResponsiveness
    }

    init(_ summary: GraphProjection.AgentSummary, load: AgentLoadTable, index: Int32, router: Router) {
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
    }

    enum CodingKeys: String, CodingKey {
        case id, name, active, available, states, languages, kinds, priceMin, priceMax, capacity, openLeads, utilisation, stats, territoryCount
        case referralsOut, referralsIn
    }

    /// Optional numbers are written as explicit nulls so every agent has the same keys.
    func encode(to encoder: any Encoder) throws {
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
    }
}

extension AgentView.Stats {
    enum CodingKeys: String, CodingKey { case assigned, closed, conversionRate, responseMinutes, performance, responsiveness }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.assigned, forKey: .assigned)
        try c.encode(self.closed, forKey: .closed)
        try c.encode(self.conversionRate, forKey: .conversionRate)
        try c.encode(self.responseMinutes, forKey: .responseMinutes)
        try c.encode(self.performance, forKey: .performance)
        try c.encode(self.responsiveness, forKey: .responsiveness)
    }
}

struct AgentPage: Encodable, Sendable {
    var agents: [AgentView]
    /// Pass as `cursor` to get the next page; null on the last page.
    var nextCursor: String?
    var graphVersion: String

    enum CodingKeys: String, CodingKey { case agents, nextCursor, graphVersion }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.agents, forKey: .agents)
        try c.encode(self.nextCursor, forKey: .nextCursor)
        try c.encode(self.graphVersion, forKey: .graphVersion)
    }
}

struct TerritoryCoverage: Encodable, Sendable {
    struct Agent: Encodable, Sendable {
        var agentId: String
        var name: String
        var weight: Double
        var active: Bool
        var available: Bool
        var openLeads: Int
        var capacity: Int
    }

    var territoryId: String
    var state: String?
    var neighbours: [String]
    var agentCount: Int
    /// Capacity and open leads of the active, available covering agents.
    var capacity: Int
    var openLeads: Int
    /// Covering agents, strongest coverage first.
    var agents: [Agent]
    var graphVersion: String

    enum CodingKeys: String, CodingKey { case territoryId, state, neighbours, agentCount, capacity, openLeads, agents, graphVersion }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.territoryId, forKey: .territoryId)
        try c.encode(self.state, forKey: .state)
        try c.encode(self.neighbours, forKey: .neighbours)
        try c.encode(self.agentCount, forKey: .agentCount)
        try c.encode(self.capacity, forKey: .capacity)
        try c.encode(self.openLeads, forKey: .openLeads)
        try c.encode(self.agents, forKey: .agents)
        try c.encode(self.graphVersion, forKey: .graphVersion)
    }
}

struct ReadyReport: Encodable, Sendable {
    struct Graph: Encodable, Sendable {
        var loaded: Bool
        var version: String
        var policy: String
        /// Seconds since the graph was loaded or (Neo4j) last confirmed current.
        var ageSeconds: Double
        var agents: Int
        var territories: Int
        /// Its source and how current it is (`source`, `stale`, `fromSnapshotCache`, …), flattened into this object.
        var health: LiveGraph.Health

        enum CodingKeys: String, CodingKey { case loaded, version, policy, ageSeconds, agents, territories }

        func encode(to encoder: any Encoder) throws {
            try self.health.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.loaded, forKey: .loaded)
            try c.encode(self.version, forKey: .version)
            try c.encode(self.policy, forKey: .policy)
            try c.encode(self.ageSeconds, forKey: .ageSeconds)
            try c.encode(self.agents, forKey: .agents)
            try c.encode(self.territories, forKey: .territories)
        }
    }

    struct Store: Encodable, Sendable {
        var configured: Bool
        /// Nil when no store is configured.
        var reachable: Bool?

        enum CodingKeys: String, CodingKey { case configured, reachable }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.configured, forKey: .configured)
            try c.encode(self.reachable, forKey: .reachable)
        }
    }

    var status: String
    var graph: Graph
    var store: Store
}
