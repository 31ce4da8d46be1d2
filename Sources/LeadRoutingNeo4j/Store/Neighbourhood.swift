/// The graph around one lead, as the cypher candidate mode fetched it.
public struct Neighbourhood: Sendable {
    public struct CoverageEdge: Sendable, Hashable {
        public var agentId: String
        public var territoryId: String
        public var weight: Double
    }

    public struct AdjacencyEdge: Sendable, Hashable {
        public var territoryId: String
        public var neighborId: String
        public var distanceKm: Double?
    }

    public struct ReferralEdge: Sendable, Hashable {
        public var fromId: String
        public var toId: String
        public var sent: Int32
        public var closed: Int32
    }

    public var coverage: [CoverageEdge] = []
    public var adjacency: [AdjacencyEdge] = []
    public var referrals: [ReferralEdge] = []
}
