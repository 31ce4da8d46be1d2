/// A ``RebalanceInstance`` as a minimum-cost flow network, and its solution read back as assignments.
///
/// Nodes: one per movable lead (supply 1), one per agent, one sink (demand = number of leads). Arcs, in this
/// order (the order is part of the input: the solvers are deterministic for a given arc order): for each lead in instance
/// order, one arc per candidate in rank order, then its "unplaced" arc to the sink; then for each agent its load
/// arcs to the sink. Costs are integers, score units × ``costScale``, rounded to nearest:
/// - lead → agent: `−(score − churnPenalty if the lead has an offer with another agent)`;
/// - lead → sink: `unassignedPenalty`;
/// - agent → sink: the convex load cost, one parallel arc per run of equal marginal cost over the agent's room
///   (the k-th lead taken brings the agent to utilisation `(fixedLoad + k) / capacity`), cheapest first.
/// Minimising the cost maximises Σ score − churn − unplaced penalty − load cost.
public struct RebalanceNetwork: Sendable {
    /// Score units → integer cost: 1 unit = 1,000,000 (scores are kept to 6 decimals).
    public static let costScale = 1_000_000

    public let instance: RebalanceInstance
    public let policy: RebalancePolicy
    public let problem: MinCostFlowProblem
    /// First arc of each lead; its candidates follow in order, then its unplaced arc.
    private let leadFirstArc: [Int]
    /// First load arc of each agent (its load arcs run to the next agent's first).
    private let agentFirstArc: [Int]

    public init(instance: RebalanceInstance, policy: RebalancePolicy) {
        self.instance = instance
        self.policy = policy
        let leadCount = instance.leads.count
        let agentCount = instance.agents.count
        let sink = leadCount + agentCount
        var problem = MinCostFlowProblem(nodeCount: sink + 1)
        var arcCount = 0
        for lead in instance.leads { arcCount += lead.candidates.count + 1 }
        problem.reserveArcs(arcCount + agentCount * max(1, policy.loadCost.count))
        let churn = Self.scaled(policy.churnPenalty)
        let unplaced = Self.scaled(policy.unassignedPenalty)
        var leadFirstArc: [Int] = []
        leadFirstArc.reserveCapacity(leadCount)
        for (index, lead) in instance.leads.enumerated() {
            problem.setSupply(1, of: index)
            leadFirstArc.append(problem.arcCount)
            for candidate in lead.candidates {
                var cost = -Self.scaled(candidate.score)
                if let current = lead.currentAgent, current != candidate.agent { cost += churn }
                problem.addArc(from: index, to: leadCount + candidate.agent, capacity: 1, cost: cost)
            }
            problem.addArc(from: index, to: sink, capacity: 1, cost: unplaced)
        }
        problem.setSupply(-leadCount, of: sink)
        var agentFirstArc: [Int] = []
        agentFirstArc.reserveCapacity(agentCount)
        for (index, agent) in instance.agents.enumerated() {
            agentFirstArc.append(problem.arcCount)
            var runCost = 0
            var runLength = 0
            for k in stride(from: 1, through: agent.room, by: 1) {
                let utilisation = Double(agent.fixedLoad + k) / Double(agent.capacity)
                let cost = Self.scaled(policy.marginalLoadCost(atUtilisation: utilisation))
                if runLength > 0 && cost != runCost {
                    problem.addArc(from: leadCount + index, to: sink, capacity: runLength, cost: runCost)
                    runLength = 0
                }
                runCost = cost
                runLength += 1
            }
            if runLength > 0 { problem.addArc(from: leadCount + index, to: sink, capacity: runLength, cost: runCost) }
        }
        self.problem = problem
        self.leadFirstArc = leadFirstArc
        self.agentFirstArc = agentFirstArc
    }

    /// A value in score units as an integer cost.
    public static func scaled(_ value: Double) -> Int { Int((value * Double(Self.costScale)).rounded()) }

    /// Node of the sink.
    public var sink: Int { self.instance.leads.count + self.instance.agents.count }

    /// Solves the network exactly and reads back each lead's agent and each agent's shadow price.
    public func solve(by solver: MinCostFlowSolver = .costScaling) throws(MinCostFlowError) -> RebalanceSolution {
        let solution = try solver.solve(self.problem)
        let leadCount = self.instance.leads.count
        var assignment = [Int?](repeating: nil, count: leadCount)
        for (index, lead) in self.instance.leads.enumerated() {
            let first = self.leadFirstArc[index]
            for (offset, candidate) in lead.candidates.enumerated() where solution.flows[first + offset] > 0 {
                assignment[index] = candidate.agent
            }
        }
        // One more unit of room at an agent, at the top of its load cost: the optimum falls by
        // max(0, −(top cost + residual distance sink → agent)).
        let distances = solution.residualDistances(from: self.sink, in: self.problem)
        let top = Self.scaled(self.policy.loadCost.last?.costPerLead ?? 0)
        let shadowPrices = self.instance.agents.indices.map { index -> Double in
            guard let distance = distances[leadCount + index] else { return 0 }
            return Double(max(0, -(top + distance))) / Double(Self.costScale)
        }
        return RebalanceSolution(objective: solution.totalCost, assignment: assignment, shadowPrices: shadowPrices)
    }
}
