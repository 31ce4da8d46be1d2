import LeadRoutingCore
import Testing

@testable import LeadRoutingAnalysis

/// The converged PageRank solved strong component by strong component, checked against NetworkX's power
/// iteration run far past convergence, and the strong components against plain reachability.
@Suite("PageRank by strong components")
struct PageRankComponentsTests {
    typealias Edge = (from: Int, to: Int, weight: Double)

    /// Power iteration run until an iteration changes the scores by less than 1e-15 in L1 (within 6e-15 of the
    /// exact answer).
    static func reference(_ graph: WeightedDigraph) throws -> [Double] {
        let n = Double(graph.nodeCount)
        return try PageRank(tolerance: 1e-15 / n, stopRule: .networkx, maxIterations: 20_000).run(on: graph).scores
    }

    /// The check every test uses: L1 distance of two score vectors at most `bound`.
    static func agree(_ a: [Double], _ b: [Double], within bound: Double) -> Bool {
        a.count == b.count && zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } <= bound
    }

    /// The documented guarantee of a converged run at `tolerance`: 2α / (1 − α) × tolerance in L1, plus rounding.
    static func guarantee(_ tolerance: Double, damping: Double = 0.85) -> Double {
        2 * damping / (1 - damping) * tolerance + 1e-13
    }

    /// 0 → 1, 0 → 2; the cycle 2 ⇄ 3; 1 → 4 and 3 → 4 with 4 dangling; 5 with a self-loop and an edge to 1.
    static let handGraph = WeightedDigraph(
        nodeCount: 6,
        edges: [(0, 1, 1), (0, 2, 1), (2, 3, 1), (3, 2, 2), (3, 4, 1), (1, 4, 3), (5, 5, 1), (5, 1, 1)]
    )

    @Test func aSmallGraphWithEveryKindOfComponentMatchesThePowerIteration() throws {
        let components = StrongComponents(Self.handGraph.outgoing)
        #expect(components.count == 5)
        let result = try PageRank(tolerance: 1e-14).run(on: Self.handGraph)
        #expect(Self.agree(result.scores, try Self.reference(Self.handGraph), within: 1e-12))
        // By hand, in the unnormalised y = 1/n + α Pᵀ y: nothing refers to 0, so y0 = 1/n; 5 keeps half of its
        // own rank, y5 = 1/n + α y5 / 2.
        #expect(abs(result.scores[5] / result.scores[0] - 1 / (1 - 0.85 / 2)) < 1e-12)
        // 2 ⇄ 3 is the only component that needs sweeps; a graph with no cycle needs one exact pass.
        #expect(result.iterations > 1)
        let dag = try PageRank(tolerance: 1e-14).run(on: WeightedDigraph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 2), (0, 2, 1)]))
        #expect(dag.iterations == 1 && dag.lastChange == 0)
    }

    /// Graph shapes for the property tests.
    enum Shape: String, CaseIterable, CustomTestStringConvertible {
        case manySmallComponents, oneGiantComponent, acyclic, mixed
        var testDescription: String { self.rawValue }
    }

    /// A seeded random graph of `shape` with dangling nodes, parallel edges and self-loops; integer weights, or
    /// fractional ones (not exact as Float) when `fractional`.
    static func randomGraph(_ shape: Shape, seed: UInt64, fractional: Bool) -> WeightedDigraph {
        var random = SeededRandom(seed: seed)
        let n = 150 + Int(random.next() % 150)
        var edges: [Edge] = []
        func weight() -> Double { fractional ? Double(1 + random.next() % 40) / 7 : Double(1 + random.next() % 5) }
        func add(_ from: Int, _ to: Int) { edges.append((from, to, weight())) }
        let dangling = n - n / 10  // nodes from here on have no out-edges
        switch shape {
        case .manySmallComponents:
            // Blocks of 1–6 nodes, each a cycle, plus edges from a block to later blocks only.
            var start = 0
            while start < dangling {
                let end = min(dangling, start + 1 + Int(random.next() % 6))
                if end - start > 1 { for node in start..<end { add(node, node + 1 < end ? node + 1 : start) } }
                for node in start..<end { for _ in 0..<2 { add(node, end + Int(random.next() % UInt64(n - end))) } }
                start = end
            }
        case .oneGiantComponent:
            for node in 0..<dangling {
                add(node, (node + 1) % dangling)
                for _ in 0..<3 { add(node, Int(random.next() % UInt64(n))) }
            }
        case .acyclic:
            for node in 0..<dangling { for _ in 0..<4 { add(node, node + 1 + Int(random.next() % UInt64(n - node - 1))) } }
        case .mixed:
            for node in 0..<dangling { for _ in 0..<2 { add(node, Int(random.next() % UInt64(n))) } }
        }
        // Parallel edges, and self-loops (a node with one stays its own component in the acyclic shape).
        for _ in 0..<(n / 5) {
            let edge = edges[Int(random.next() % UInt64(edges.count))]
            edges.append((edge.from, edge.to, weight()))
            let node = Int(random.next() % UInt64(dangling))
            edges.append((node, node, weight()))
        }
        return WeightedDigraph(nodeCount: n, edges: edges)
    }

    @Test(arguments: Shape.allCases)
    func randomGraphsMatchThePowerIterationWithinTheGuarantee(_ shape: Shape) throws {
        for seed in UInt64(1)...6 {
            let graph = Self.randomGraph(shape, seed: seed, fractional: seed % 2 == 0)
            let reference = try Self.reference(graph)
            for tolerance in [1e-6, 1e-10, 1e-14] {
                let result = try PageRank(tolerance: tolerance).run(on: graph)
                #expect(result.lastChange < tolerance)
                #expect(abs(result.scores.reduce(0, +) - 1) < 1e-12)
                #expect(Self.agree(result.scores, reference, within: Self.guarantee(tolerance)), "\(shape) seed \(seed) tolerance \(tolerance)")
            }
        }
    }

    @Test func theCheckCatchesAWrongComponentAndAnEarlyStop() throws {
        let graph = Self.randomGraph(.manySmallComponents, seed: 3, fractional: false)
        let reference = try Self.reference(graph)
        let result = try PageRank(tolerance: 1e-14).run(on: graph)
        #expect(Self.agree(result.scores, reference, within: Self.guarantee(1e-14)))
        // One non-trivial component solved 1e-9 too high (then renormalised): the check must fail.
        let components = StrongComponents(graph.outgoing)
        let cycle = try #require((0..<components.count).first { components.starts[$0 + 1] - components.starts[$0] > 1 })
        var wrong = result.scores
        for index in Int(components.starts[cycle])..<Int(components.starts[cycle + 1]) { wrong[Int(components.order[index])] *= 1 + 1e-9 }
        let total = wrong.reduce(0, +)
        wrong = wrong.map { $0 / total }
        #expect(!Self.agree(wrong, reference, within: Self.guarantee(1e-14)))
        // The same graph with one in-edge of that component missing: a wrong solve, caught.
        var edges: [Edge] = []
        for node in 0..<graph.nodeCount {
            for position in graph.outgoing.edgeRange(of: Int32(node)) {
                edges.append((node, Int(graph.outgoing.targets[position]), graph.outWeights[position]))
            }
        }
        let entry = components.order[Int(components.starts[cycle])]
        let dropped = try #require(edges.firstIndex { $0.to == Int(entry) })
        edges.remove(at: dropped)
        let broken = try PageRank(tolerance: 1e-14).run(on: WeightedDigraph(nodeCount: graph.nodeCount, edges: edges))
        #expect(!Self.agree(broken.scores, reference, within: Self.guarantee(1e-14)))
        // Stopping at a loose tolerance is caught at the tight bound.
        let loose = try PageRank(tolerance: 1e-4).run(on: graph)
        #expect(!Self.agree(loose.scores, reference, within: Self.guarantee(1e-14)))
    }

    @Test(arguments: Shape.allCases)
    func strongComponentsAreTheMutuallyReachableSetsInTopologicalOrder(_ shape: Shape) {
        let graph = Self.randomGraph(shape, seed: 11, fractional: false)
        let n = graph.nodeCount
        // Reachability by a search from every node.
        var reaches = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        for root in 0..<n {
            var stack = [root]
            reaches[root][root] = true
            while let node = stack.popLast() {
                for position in graph.outgoing.edgeRange(of: Int32(node)) {
                    let next = Int(graph.outgoing.targets[position])
                    if !reaches[root][next] {
                        reaches[root][next] = true
                        stack.append(next)
                    }
                }
            }
        }
        let components = StrongComponents(graph.outgoing)
        var componentOf = [Int](repeating: -1, count: n)
        for component in 0..<components.count {
            for index in Int(components.starts[component])..<Int(components.starts[component + 1]) {
                componentOf[Int(components.order[index])] = component
            }
        }
        #expect(componentOf.allSatisfy { $0 >= 0 } && Set(components.order).count == n)
        for a in 0..<n {
            for b in 0..<n where (componentOf[a] == componentOf[b]) != (reaches[a][b] && reaches[b][a]) {
                Issue.record("\(a) and \(b): component \(componentOf[a]) vs \(componentOf[b])")
            }
            for position in graph.outgoing.edgeRange(of: Int32(a)) {
                #expect(componentOf[a] <= componentOf[Int(graph.outgoing.targets[position])])
            }
        }
    }
}
