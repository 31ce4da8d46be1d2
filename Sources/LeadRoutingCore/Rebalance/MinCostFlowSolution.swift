/// An optimal flow and a matching dual solution.
public struct MinCostFlowSolution: Sendable, Hashable {
    /// Σ flow × cost over the arcs: the optimum.
    public let totalCost: Int
    /// Flow per arc, in the instance's arc order.
    public let flows: [Int]
    /// Node potentials π (duals) proving optimality: every arc's reduced cost `cost + π(source) − π(target)` is
    /// ≥ 0 when its flow is 0, ≤ 0 when at capacity, and 0 in between.
    public let potentials: [Int]

    public init(totalCost: Int, flows: [Int], potentials: [Int]) {
        self.totalCost = totalCost
        self.flows = flows
        self.potentials = potentials
    }

    /// `cost + π(source) − π(target)` of an arc (existing or hypothetical) between two nodes.
    public func reducedCost(_ cost: Int, from source: Int, to target: Int) -> Int {
        cost + self.potentials[source] - self.potentials[target]
    }
}
