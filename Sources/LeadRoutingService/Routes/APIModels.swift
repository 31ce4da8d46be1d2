import LeadRoutingCore

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
