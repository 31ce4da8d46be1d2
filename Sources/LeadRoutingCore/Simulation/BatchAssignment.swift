/// The exact best assignment of a batch of leads to agents: maximises the sum of the chosen (lead, agent) values,
/// each lead to at most one of its options, each agent to at most its free capacity. Solved as a min-cost flow with
/// the project's solver: source → lead (capacity 1), lead → agent (capacity 1, cost −value), agent → sink (capacity
/// free slots), and a zero-cost source → sink arc for leads left out. Values are scaled to integer costs
/// (``valueScale`` per unit), so two totals closer than about one millionth per lead may tie.
public struct BatchAssignment: Sendable, Hashable {
    /// One way to place a lead: an agent (projection index) and what the lead is worth there.
    public struct Option: Sendable, Hashable {
        public var agent: Int32
        public var value: Double

        public init(agent: Int32, value: Double) {
            self.agent = agent
            self.value = value
        }
    }

    /// Per lead, in batch order, its agent; nil when it got none.
    public var agents: [Int32?]
    /// The sum of the chosen values.
    public var total: Double

    /// Integer cost units per unit of value.
    public static let valueScale = 1_000_000.0

    /// The best assignment of leads with `options` (values in [0, 1]) to agents with `freeCapacity` slots (absent:
    /// none). Options with a value ≤ 0 or an agent without room are ignored; repeated agents keep the best value.
    public init(options: [[Option]], freeCapacity: [Int32: Int]) throws(MinCostFlowError) {
        var agentNodes: [Int32: Int] = [:]
        var agentOrder: [Int32] = []
        for lead in options {
            for option in lead where option.value > 0 && freeCapacity[option.agent, default: 0] > 0 && agentNodes[option.agent] == nil {
                agentNodes[option.agent] = 2 + options.count + agentOrder.count
                agentOrder.append(option.agent)
            }
        }
        let source = 0
        let sink = 1
        var problem = MinCostFlowProblem(nodeCount: 2 + options.count + agentOrder.count)
        problem.setSupply(options.count, of: source)
        problem.setSupply(-options.count, of: sink)
        problem.addArc(from: source, to: sink, capacity: options.count, cost: 0)
        var choices: [(lead: Int, arc: Int, option: Option)] = []
        for (lead, leadOptions) in options.enumerated() {
            problem.addArc(from: source, to: 2 + lead, capacity: 1, cost: 0)
            var best: [Int32: Option] = [:]
            for option in leadOptions where agentNodes[option.agent] != nil && option.value > 0 {
                if option.value > best[option.agent]?.value ?? 0 { best[option.agent] = option }
            }
            for option in best.values.sorted(by: { $0.agent < $1.agent }) {
                guard let node = agentNodes[option.agent] else { continue }
                let cost = -Int((min(1, option.value) * Self.valueScale).rounded())
                choices.append((lead, problem.addArc(from: 2 + lead, to: node, capacity: 1, cost: cost), option))
            }
        }
        for agent in agentOrder {
            guard let node = agentNodes[agent] else { continue }
            problem.addArc(from: node, to: sink, capacity: min(freeCapacity[agent, default: 0], options.count), cost: 0)
        }
        let solution = try MinCostFlowSolver.costScaling.solve(problem)
        var agents = [Int32?](repeating: nil, count: options.count)
        var total = 0.0
        for choice in choices where solution.flows[choice.arc] > 0 {
            agents[choice.lead] = choice.option.agent
            total += choice.option.value
        }
        self.agents = agents
        self.total = total
    }
}
