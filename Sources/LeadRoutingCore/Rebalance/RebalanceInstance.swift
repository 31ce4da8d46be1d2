/// What a batch rebalance decides over: the movable leads with their scored candidates, and the agents involved
/// with the room they have once every movable lead is lifted off them. Built by ``RebalanceInstanceBuilder`` from
/// the router; tests and benchmarks build it directly.
public struct RebalanceInstance: Sendable, Hashable {
    /// An agent that is a candidate or a current holder of some movable lead.
    public struct Agent: Sendable, Hashable {
        public var id: String
        /// Leads the agent may hold in total.
        public var capacity: Int
        /// Open leads that do not move in this rebalance (accepted, or not in scope).
        public var fixedLoad: Int

        public init(id: String, capacity: Int, fixedLoad: Int) {
            self.id = id
            self.capacity = capacity
            self.fixedLoad = fixedLoad
        }

        /// Movable leads the agent can take: `capacity − fixedLoad`, never below 0.
        public var room: Int { max(0, self.capacity - self.fixedLoad) }
    }

    /// An agent the lead may go to, with the router's score.
    public struct Candidate: Sendable, Hashable {
        /// Index into ``RebalanceInstance/agents``.
        public var agent: Int
        /// Router score in [0, 1].
        public var score: Double

        public init(agent: Int, score: Double) {
            self.agent = agent
            self.score = score
        }
    }

    /// A lead the rebalance may place, and where.
    public struct LeadChoice: Sendable, Hashable {
        public var id: String
        /// Index of the agent holding the lead's offer now; nil for a lead without one (declined, unroutable).
        public var currentAgent: Int?
        /// Eligible agents in the router's rank order.
        public var candidates: [Candidate]
        public var reason: MovableReason

        public init(id: String, currentAgent: Int?, candidates: [Candidate], reason: MovableReason) {
            self.id = id
            self.currentAgent = currentAgent
            self.candidates = candidates
            self.reason = reason
        }
    }

    public var agents: [Agent]
    public var leads: [LeadChoice]

    public init(agents: [Agent], leads: [LeadChoice]) {
        self.agents = agents
        self.leads = leads
    }
}

/// Why a lead is movable.
public enum MovableReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Offered, not accepted within the SLA.
    case staleOffer = "stale_offer"
    /// Offered, not accepted yet (scope `open`).
    case openOffer = "open_offer"
    /// Declined or expired, waiting for a new agent.
    case declined
    /// No eligible agent when it was routed.
    case unroutable
}
