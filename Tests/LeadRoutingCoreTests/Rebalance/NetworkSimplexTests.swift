import LeadRoutingCore
import Testing

@Suite struct NetworkSimplexTests {
    /// Two sources, two sinks, a cheap and an expensive route each: worked out by hand in the comments.
    @Test func smallTransportationOptimum() throws {
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
        let solution = try NetworkSimplex.solve(problem)
        #expect(solution.totalCost == 7)
        #expect(solution.flows == [1, 1, 1, 0])
        Self.expectOptimalityConditions(problem, solution)
    }

    @Test func negativeCostsAndZeroCapacityArcs() throws {
        var problem = MinCostFlowProblem(nodeCount: 3)
        problem.setSupply(2, of: 0)
        problem.setSupply(-2, of: 2)
        problem.addArc(from: 0, to: 1, capacity: 2, cost: -5)
        problem.addArc(from: 1, to: 2, capacity: 1, cost: 1)
        problem.addArc(from: 1, to: 2, capacity: 0, cost: -100)
        problem.addArc(from: 0, to: 2, capacity: 5, cost: 0)
        // Best: one unit 0→1→2 (−4), one unit 0→2 (0): total −4.
        let solution = try NetworkSimplex.solve(problem)
        #expect(solution.totalCost == -4)
        Self.expectOptimalityConditions(problem, solution)
    }

    @Test func infeasibleAndMalformedInstancesAreRefused() {
        var short = MinCostFlowProblem(nodeCount: 2)
        short.setSupply(3, of: 0)
        short.setSupply(-3, of: 1)
        short.addArc(from: 0, to: 1, capacity: 2, cost: 1)
        #expect(throws: MinCostFlowError.infeasible) { try NetworkSimplex.solve(short) }

        var unbalanced = MinCostFlowProblem(nodeCount: 2)
        unbalanced.setSupply(1, of: 0)
        #expect(throws: MinCostFlowError.unbalanced(sum: 1)) { try NetworkSimplex.solve(unbalanced) }

        var loop = MinCostFlowProblem(nodeCount: 1)
        loop.addArc(from: 0, to: 0, capacity: 1, cost: 1)
        #expect { try NetworkSimplex.solve(loop) } throws: { ($0 as? MinCostFlowError)?.kind == .invalidArc }
    }

    /// Random acyclic networks (costs of either sign, ties frequent): same optimum and same feasibility verdict
    /// as the successive-shortest-path reference, and the potentials certify optimality.
    @Test(arguments: 0..<8)
    func agreesWithReferenceOnRandomNetworks(seed: UInt64) throws {
        var random = SeededRandom(seed: 0xF10 + seed)
        var feasibleSeen = 0
        for _ in 0..<60 {
            let problem = Self.randomNetwork(&random)
            let reference = ReferenceMinCostFlow.optimum(problem)
            do {
                let solution = try NetworkSimplex.solve(problem)
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

    @Test func sameInstanceSameFlowAndPotentials() throws {
        var random = SeededRandom(seed: 77)
        for _ in 0..<20 {
            let problem = Self.randomNetwork(&random)
            guard let first = try? NetworkSimplex.solve(problem) else { continue }
            let second = try NetworkSimplex.solve(problem)
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

    /// Primal feasibility, and complementary slackness under the returned potentials.
    static func expectOptimalityConditions(_ problem: MinCostFlowProblem, _ solution: MinCostFlowSolution) {
        var balance = problem.supplies
        for arc in 0..<problem.arcCount {
            let flow = solution.flows[arc]
            #expect(flow >= 0 && flow <= problem.arcCapacities[arc])
            balance[Int(problem.arcSources[arc])] -= flow
            balance[Int(problem.arcTargets[arc])] += flow
            let reduced = solution.reducedCost(problem.arcCosts[arc], from: Int(problem.arcSources[arc]), to: Int(problem.arcTargets[arc]))
            if flow < problem.arcCapacities[arc] { #expect(reduced >= 0) }
            if flow > 0 { #expect(reduced <= 0) }
        }
        #expect(balance.allSatisfy { $0 == 0 })
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
