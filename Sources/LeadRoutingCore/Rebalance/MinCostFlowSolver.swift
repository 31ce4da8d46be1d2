/// The exact minimum-cost flow solvers in the core. Both return an optimal flow with exact potentials; on the
/// rebalance shape ``costScaling`` is much faster (`BENCHMARKS.md`), so it is the default.
public enum MinCostFlowSolver: String, Sendable, Hashable, CaseIterable {
    /// ``CostScaling``: push–relabel on ε-optimal pseudoflows.
    case costScaling = "cost-scaling"
    /// ``NetworkSimplex``: primal network simplex with block-search pivots.
    case networkSimplex = "network-simplex"

    /// Solves `problem` to optimality.
    /// - Throws: ``MinCostFlowError`` when the instance is malformed or infeasible.
    public func solve(_ problem: MinCostFlowProblem) throws(MinCostFlowError) -> MinCostFlowSolution {
        switch self {
        case .costScaling: try CostScaling.solve(problem)
        case .networkSimplex: try NetworkSimplex.solve(problem)
        }
    }
}
