import LeadRoutingCore
import LeadRoutingGenerator
import Testing

/// Both exact solvers, on the same instances: hand-worked optima, a reference solver on random networks, each
/// other on rebalance-shaped networks, and the optimality certificate (potentials) checked every time.
@Suite struct MinCostFlowSolverTests {
    /// Two sources, two sinks, a cheap and an expensive route each: worked out by hand in the comments.
    @Test(arguments: MinCostFlowSolver.allCases)
    func smallTransportationOptimum(solver: MinCostFlowSolver) throws {
        // s0 (+2), s1 (+1) → t2 (−2), t3 (−1).
        var problem = MinCostFlowProblem(nodeCount: 4)
        problem.setSupply(2, of: 0)
        problem.setSupply(1, of: 1)
        problem.setSupply(-2, of: 2)
        problem.setSupply(-1, of: 3)
        problem.addArc(from: 0, to: 2, capacity: 1, cost: 1)  // s0→t2 cheap but only one unit
        problem.addArc(from: 0, to: 3, capacity: 2, cost: 4)
        problem.addArc(from: 1, to: 2, capacity: 2, cost: 2)
        problem.addArc(from: 1, to: 3, capacity: 2, cost: 3)
        // s0 must send 2: one unit to t2 (1) and one to t3 (4); s1 sends 1 to t2 (2). Total 7.
        // The alternative s0→t2 ×1, s0→t3 ×1 is forced (s0 has no other route), so 7 is the optimum.
        let solution = try solver.solve(problem)
        #expect(solution.totalCost == 7)
        #expect(solution.flows == [1, 1, 1, 0])
        Self.expectOptimalityConditions(problem, solution)
    }

    @Test(arguments: MinCostFlowSolver.allCases)
    func negativeCostsAndZeroCapacityArcs(solver: MinCostFlowSolver) throws {
        var problem = MinCostFlowProblem(nodeCount: 3)
        problem.setSupply(2, of: 0)
        problem.setSupply(-2, of: 2)
        problem.addArc(from: 0, to: 1, capacity: 2, cost: -5)
        problem.addArc(from: 1, to: 2, capacity: 1, cost: 1)
        problem.addArc(from: 1, to: 2, capacity: 0, cost: -100)
        problem.addArc(from: 0, to: 2, capacity: 5, cost: 0)
        // Best: one unit 0→1→2 (−4), one unit 0→2 (0): total −4.
        let solution = try solver.solve(problem)
        #expect(solution.totalCost == -4)
        Self.expectOptimalityConditions(problem, solution)
    }

    @Test(arguments: MinCostFlowSolver.allCases)
    func infeasibleAndMalformedInstancesAreRefused(solver: MinCostFlowSolver) {
        var short = MinCostFlowProblem(nodeCount: 2)
        short.setSupply(3, of: 0)
        short.setSupply(-3, of: 1)
        short.addArc(from: 0, to: 1, capacity: 2, cost: 1)
        #expect(throws: MinCostFlowError.infeasible) { try solver.solve(short) }

        var unbalanced = MinCostFlowProblem(nodeCount: 2)
        unbalanced.setSupply(1, of: 0)
        #expect(throws: MinCostFlowError.unbalanced(sum: 1)) { try solver.solve(unbalanced) }

        var loop = MinCostFlowProblem(nodeCount: 1)
        loop.addArc(from: 0, to: 0, capacity: 1, cost: 1)
        #expect { try solver.solve(loop) } throws: { ($0 as? MinCostFlowError)?.kind == .invalidArc }
    }

    /// Random acyclic networks (costs of either sign, ties frequent): same optimum and same feasibility verdict
    /// as the successive-shortest-path reference, and the potentials certify optimality.
    @Test(arguments: MinCostFlowSolver.allCases, 0..<8)
    func agreesWithReferenceOnRandomNetworks(solver: MinCostFlowSolver, seed: UInt64) throws {
        var random = SeededRandom(seed: 0xF10 + seed)
        var feasibleSeen = 0
        for _ in 0..<60 {
            let problem = Self.randomNetwork(&random)
            let reference = ReferenceMinCostFlow.optimum(problem)
            do {
                let solution = try solver.solve(problem)
                #expect(solution.totalCost == reference)
                Self.expectOptimalityConditions(problem, solution)
                feasibleSeen += 1
            } catch {
                #expect(error == .infeasible)
                #expect(reference == nil)
            }
        }
        #expect(feasibleSeen > 10)
    }

    @Test(arguments: MinCostFlowSolver.allCases)
    func sameInstanceSameFlowAndPotentials(solver: MinCostFlowSolver) throws {
        var random = SeededRandom(seed: 77)
        for _ in 0..<20 {
            let problem = Self.randomNetwork(&random)
            guard let first = try? solver.solve(problem) else { continue }
            let second = try solver.solve(problem)
            #expect(first == second)
        }
    }

    @Test func dimacsExportListsNodesAndArcsOneBased() {
        var problem = MinCostFlowProblem(nodeCount: 3)
        problem.setSupply(1, of: 0)
        problem.setSupply(-1, of: 2)
        problem.addArc(from: 0, to: 1, capacity: 1, cost: -3)
        problem.addArc(from: 1, to: 2, capacity: 4, cost: 0)
        #expect(problem.dimacs(comments: ["tiny"]) == "c tiny\np min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 -3\na 2 3 0 4 0\n")
    }

    /// Cost scaling and the simplex reach the same optimum on rebalance-shaped networks (unit leads, candidates with
    /// tied scores, zero-room agents, convex load arcs), each with its own certificate.
    @Test(arguments: 0..<6)
    func solversAgreeOnRebalanceShapedNetworks(seed: UInt64) throws {
        let instance = RebalanceInstanceGenerator(
            .init(
                leads: 300,
                agents: 40,
                candidatesPerLead: 6,
                maximumCapacity: 6,
                zeroCapacityShare: 0.2,
                fixedLoadShare: 0.5,
                scoreLevels: seed % 2 == 0 ? 4 : nil,
                seed: 40 + seed
            )
        ).generate()
        let network = RebalanceNetwork(instance: instance, policy: RebalancePolicy())
        let scaled = try CostScaling.solve(network.problem)
        let simplex = try NetworkSimplex.solve(network.problem)
        #expect(scaled.totalCost == simplex.totalCost)
        #expect(Self.optimalityViolations(network.problem, scaled).isEmpty)
        #expect(Self.optimalityViolations(network.problem, simplex).isEmpty)
    }

    /// Infeasibility is found by cost scaling's first-phase price bound also when every node has somewhere to push:
    /// a cycle of roomy arcs that leads nowhere near the demand.
    @Test func costScalingFindsInfeasibilityBehindACycle() throws {
        var problem = MinCostFlowProblem(nodeCount: 5)
        problem.setSupply(2, of: 0)
        problem.setSupply(-2, of: 4)
        problem.addArc(from: 0, to: 1, capacity: 5, cost: 3)
        problem.addArc(from: 1, to: 2, capacity: 5, cost: -1)
        problem.addArc(from: 2, to: 0, capacity: 5, cost: 2)
        problem.addArc(from: 2, to: 3, capacity: 5, cost: 0)
        problem.addArc(from: 3, to: 1, capacity: 5, cost: 1)
        problem.addArc(from: 3, to: 4, capacity: 1, cost: 7)
        #expect(throws: MinCostFlowError.infeasible) { try CostScaling.solve(problem) }
        problem.addArc(from: 2, to: 4, capacity: 1, cost: 9)
        let scaled = try CostScaling.solve(problem)
        #expect(scaled.totalCost == (try NetworkSimplex.solve(problem)).totalCost)
        Self.expectOptimalityConditions(problem, scaled)
    }

    /// The certificate check itself catches a wrong flow and wrong potentials.
    @Test func optimalityCheckCatchesBrokenSolutions() throws {
        var problem = MinCostFlowProblem(nodeCount: 3)
        problem.setSupply(1, of: 0)
        problem.setSupply(-1, of: 2)
        problem.addArc(from: 0, to: 1, capacity: 1, cost: 1)
        problem.addArc(from: 1, to: 2, capacity: 1, cost: 1)
        problem.addArc(from: 0, to: 2, capacity: 1, cost: 5)
        let solution = try CostScaling.solve(problem)
        #expect(solution.flows == [1, 1, 0])
        #expect(Self.optimalityViolations(problem, solution).isEmpty)
        let costlier = MinCostFlowSolution(totalCost: 5, flows: [0, 0, 1], potentials: solution.potentials)
        #expect(!Self.optimalityViolations(problem, costlier).isEmpty)
        let unbalanced = MinCostFlowSolution(totalCost: 1, flows: [1, 0, 0], potentials: solution.potentials)
        #expect(!Self.optimalityViolations(problem, unbalanced).isEmpty)
        let badDuals = MinCostFlowSolution(totalCost: 2, flows: [1, 1, 0], potentials: [0, 0, 0])
        #expect(!Self.optimalityViolations(problem, badDuals).isEmpty)
    }

    static func expectOptimalityConditions(_ problem: MinCostFlowProblem, _ solution: MinCostFlowSolution) {
        #expect(Self.optimalityViolations(problem, solution) == [])
    }

    /// What breaks primal feasibility or complementary slackness under the returned potentials (empty: optimal).
    static func optimalityViolations(_ problem: MinCostFlowProblem, _ solution: MinCostFlowSolution) -> [String] {
        var violations: [String] = []
        var balance = problem.supplies
        var total = 0
        for arc in 0..<problem.arcCount {
            let flow = solution.flows[arc]
            if flow < 0 || flow > problem.arcCapacities[arc] { violations.append("arc \(arc): flow \(flow) out of bounds") }
            balance[Int(problem.arcSources[arc])] -= flow
            balance[Int(problem.arcTargets[arc])] += flow
            total += flow * problem.arcCosts[arc]
            let reduced = solution.reducedCost(problem.arcCosts[arc], from: Int(problem.arcSources[arc]), to: Int(problem.arcTargets[arc]))
            if flow < problem.arcCapacities[arc] && reduced < 0 { violations.append("arc \(arc): room left at reduced cost \(reduced)") }
            if flow > 0 && reduced > 0 { violations.append("arc \(arc): flow at reduced cost \(reduced)") }
        }
        for (node, left) in balance.enumerated() where left != 0 { violations.append("node \(node): \(left) units unbalanced") }
        if total != solution.totalCost { violations.append("total \(solution.totalCost) is not Σ flow × cost = \(total)") }
        return violations
    }

    static func randomNetwork(_ random: inout SeededRandom) -> MinCostFlowProblem {
        let n = 2 + Int(random.next() % 7)
        var problem = MinCostFlowProblem(nodeCount: n)
        // A chain of roomy arcs (often), so that most instances are feasible, then random arcs.
        if random.next() % 4 != 0 {
            for node in 0..<(n - 1) { problem.addArc(from: node, to: node + 1, capacity: 4, cost: Int(random.next() % 7) - 2) }
        }
        let arcs = Int(random.next() % UInt64(3 * n))
        for _ in 0..<arcs {
            let a = Int(random.next() % UInt64(n))
            let b = Int(random.next() % UInt64(n))
            guard a != b else { continue }
            problem.addArc(from: min(a, b), to: max(a, b), capacity: Int(random.next() % 4), cost: Int(random.next() % 11) - 4)
        }
        var remaining = 0
        for node in 0..<(n - 1) {
            let supply = Int(random.next() % 5) - 2
            problem.setSupply(supply, of: node)
            remaining -= supply
        }
        problem.setSupply(remaining, of: n - 1)
        return problem
    }
}
