// The JSON results of the analyses, shared by `leadrouter analyze … --json` and `GET /api/v1/analytics/{algorithm}`:
// one type per algorithm, so both print the same shape.

/// One ranked agent (or territory) in a report.
public struct RankedScore: Codable, Sendable, Equatable {
    public var rank: Int
    public var id: String
    public var score: Double

    public init(rank: Int, id: String, score: Double) {
        self.rank = rank
        self.id = id
        self.score = score
    }

    /// Ranked rows (rank 1 first) for the node `indices`, best first, with their `scores` and `ids`.
    public static func ranked(_ indices: [Int], scores: [Double], ids: [String]) -> [RankedScore] {
        indices.enumerated().map { RankedScore(rank: $0.offset + 1, id: ids[$0.element], score: scores[$0.element]) }
    }
}

/// `analyze pagerank`.
public struct PageRankReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var damping: Double
    public var tolerance: Double
    public var iterations: Int
    public var lastChange: Double
    public var top: [RankedScore]

    public init(
        algorithm: String = "pagerank",
        graphVersion: String,
        agents: Int,
        damping: Double,
        tolerance: Double,
        iterations: Int,
        lastChange: Double,
        top: [RankedScore]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.damping = damping
        self.tolerance = tolerance
        self.iterations = iterations
        self.lastChange = lastChange
        self.top = top
    }
}

/// `analyze betweenness`; `seed` only when sampled.
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

/// `analyze communities`.
public struct CommunitiesReport: Codable, Sendable, Equatable {
    public struct Community: Codable, Sendable, Equatable {
        public var community: Int
        public var agents: Int
        public var internalReferrals: Double
        public var topAgents: [String]

        public init(community: Int, agents: Int, internalReferrals: Double, topAgents: [String]) {
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

/// `analyze components`.
public struct ComponentsReport: Codable, Sendable, Equatable {
    public var algorithm: String
    public var graphVersion: String
    public var agents: Int
    public var kind: String
    public var weakComponents: Int
    public var strongComponents: Int
    public var largestWeak: Int
    public var largestStrong: Int
    public var isolatedAgents: Int
    public var topSizes: [Int]

    public init(
        algorithm: String = "components",
        graphVersion: String,
        agents: Int,
        kind: String,
        weakComponents: Int,
        strongComponents: Int,
        largestWeak: Int,
        largestStrong: Int,
        isolatedAgents: Int,
        topSizes: [Int]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agents = agents
        self.kind = kind
        self.weakComponents = weakComponents
        self.strongComponents = strongComponents
        self.largestWeak = largestWeak
        self.largestStrong = largestStrong
        self.isolatedAgents = isolatedAgents
        self.topSizes = topSizes
    }
}

/// `analyze reciprocity`; `overall` is null (not left out) when undefined.
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

/// `analyze reach --agent ID`.
public struct ReachReport: Codable, Sendable, Equatable {
    public struct Reached: Codable, Sendable, Equatable {
        public var id: String
        public var hops: Int

        public init(id: String, hops: Int) {
            self.id = id
            self.hops = hops
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var agent: String
    public var hops: Int
    public var direction: String
    public var agents: Int
    public var agentsPerHop: [Int]
    public var volume: Double
    public var reached: [Reached]

    public init(
        algorithm: String = "reach",
        graphVersion: String,
        agent: String,
        hops: Int,
        direction: String,
        agents: Int,
        agentsPerHop: [Int],
        volume: Double,
        reached: [Reached]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.agent = agent
        self.hops = hops
        self.direction = direction
        self.agents = agents
        self.agentsPerHop = agentsPerHop
        self.volume = volume
        self.reached = reached
    }
}

/// `analyze reach` (every agent).
public struct ReachAllReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var rank: Int
        public var id: String
        public var agents: Int
        public var volume: Double

        public init(rank: Int, id: String, agents: Int, volume: Double) {
            self.rank = rank
            self.id = id
            self.agents = agents
            self.volume = volume
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var hops: Int
    public var direction: String
    public var agents: Int
    public var meanReach: Double
    public var top: [Row]

    public init(
        algorithm: String = "reach",
        graphVersion: String,
        hops: Int,
        direction: String,
        agents: Int,
        meanReach: Double,
        top: [Row]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.hops = hops
        self.direction = direction
        self.agents = agents
        self.meanReach = meanReach
        self.top = top
    }
}

/// `analyze top-referrers`.
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

/// `analyze leakage`; `overall` and a group's `leakage` are left out when undefined (no referrals).
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

/// `analyze coverage-gaps`.
public struct CoverageGapsReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var id: String
        public var demand: Int
        public var supply: Int
        public var agents: Int
        public var shortfall: Int

        public init(id: String, demand: Int, supply: Int, agents: Int, shortfall: Int) {
            self.id = id
            self.demand = demand
            self.supply = supply
            self.agents = agents
            self.shortfall = shortfall
        }
    }

    public var algorithm: String
    public var graphVersion: String
    public var hops: Int
    public var demandScale: Double
    public var territories: Int
    public var territoriesShort: Int
    public var totalShortfall: Int
    public var unknownTerritoryLeads: Int
    public var top: [Row]

    public init(
        algorithm: String = "coverage-gaps",
        graphVersion: String,
        hops: Int,
        demandScale: Double,
        territories: Int,
        territoriesShort: Int,
        totalShortfall: Int,
        unknownTerritoryLeads: Int,
        top: [Row]
    ) {
        self.algorithm = algorithm
        self.graphVersion = graphVersion
        self.hops = hops
        self.demandScale = demandScale
        self.territories = territories
        self.territoriesShort = territoriesShort
        self.totalShortfall = totalShortfall
        self.unknownTerritoryLeads = unknownTerritoryLeads
        self.top = top
    }
}
