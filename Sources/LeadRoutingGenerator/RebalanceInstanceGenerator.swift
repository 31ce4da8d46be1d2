public import LeadRoutingCore

/// Synthetic rebalance instances for benchmarks and solver cross-checks (no graph needed): agents in a ring,
/// each lead's candidates drawn from a window of neighbouring agents, seeded.
public struct RebalanceInstanceGenerator: Sendable {
    /// The shape of a generated instance, each field with its default.
    public struct Configuration: Sendable, Hashable {
        /// Movable leads. Default 1,000.
        public var leads: Int
        /// Agents. Default 250.
        public var agents: Int
        /// Candidates per lead (fewer when there are fewer agents). Default 20.
        public var candidatesPerLead: Int
        /// Largest capacity; capacities are uniform in 1…`maximumCapacity`. Default 10.
        public var maximumCapacity: Int
        /// Share of agents with capacity 0. Default 0.
        public var zeroCapacityShare: Double
        /// Mean share of an agent's capacity already held by leads that do not move. Default 0.5.
        public var fixedLoadShare: Double
        /// Share of leads holding an offer with one of their candidates (the rest are unroutable/declined). Default 0.5.
        public var offeredShare: Double
        /// Scores are multiples of 1/`scoreLevels` (few levels: many ties); nil for 6-decimal scores. Default nil.
        public var scoreLevels: Int?
        public var seed: UInt64

        public init(
            leads: Int = 1000,
            agents: Int = 250,
            candidatesPerLead: Int = 20,
            maximumCapacity: Int = 10,
            zeroCapacityShare: Double = 0,
            fixedLoadShare: Double = 0.5,
            offeredShare: Double = 0.5,
            scoreLevels: Int? = nil,
            seed: UInt64 = 1
        ) {
            self.leads = leads
            self.agents = agents
            self.candidatesPerLead = candidatesPerLead
            self.maximumCapacity = maximumCapacity
            self.zeroCapacityShare = zeroCapacityShare
            self.fixedLoadShare = fixedLoadShare
            self.offeredShare = offeredShare
            self.scoreLevels = scoreLevels
            self.seed = seed
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// The instance for the configuration; the same configuration always gives the same instance.
    public func generate() -> RebalanceInstance {
        let c = self.configuration
        var random = SeededRandom(seed: c.seed, stream: 0x4EBA)
        var agents: [RebalanceInstance.Agent] = []
        agents.reserveCapacity(c.agents)
        for index in 0..<c.agents {
            let capacity = random.bernoulli(c.zeroCapacityShare) ? 0 : random.int(in: 1...max(1, c.maximumCapacity))
            let fixed = min(capacity, Int((Double(capacity) * random.uniform(0, 2 * c.fixedLoadShare)).rounded()))
            agents.append(.init(id: "A\(index)", capacity: capacity, fixedLoad: fixed))
        }
        let perLead = min(c.candidatesPerLead, c.agents)
        let window = min(c.agents, max(perLead, 3 * perLead))
        var leads: [RebalanceInstance.LeadChoice] = []
        leads.reserveCapacity(c.leads)
        var chosen = Set<Int>()
        for index in 0..<c.leads {
            let start = random.int(below: max(1, c.agents))
            chosen.removeAll(keepingCapacity: true)
            var candidates: [RebalanceInstance.Candidate] = []
            candidates.reserveCapacity(perLead)
            while candidates.count < perLead {
                let agent = (start + random.int(below: window)) % c.agents
                guard chosen.insert(agent).inserted else { continue }
                candidates.append(.init(agent: agent, score: self.score(&random)))
            }
            candidates.sort { $0.score > $1.score || ($0.score == $1.score && $0.agent < $1.agent) }
            let offered = !candidates.isEmpty && random.bernoulli(c.offeredShare)
            let current = offered ? candidates[random.int(below: candidates.count)].agent : nil
            leads.append(.init(id: "L\(index)", currentAgent: current, candidates: candidates, reason: offered ? .staleOffer : .unroutable))
        }
        return RebalanceInstance(agents: agents, leads: leads)
    }

    private func score(_ random: inout SeededRandom) -> Double {
        if let levels = self.configuration.scoreLevels, levels > 0 { return Double(random.int(in: 0...levels)) / Double(levels) }
        return (random.uniform() * 1_000_000).rounded() / 1_000_000
    }
}
