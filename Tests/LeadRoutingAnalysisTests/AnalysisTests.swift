import LeadRoutingAnalysis
import LeadRoutingCore
import Testing

/// Network-analysis algorithms on small graphs whose answers can be checked by hand (or were computed with
/// NetworkX 3.6.1, noted where so).
@Suite("Network analysis")
struct AnalysisTests {
    static func graph(_ n: Int, _ edges: [(Int, Int, Double)]) -> WeightedDigraph {
        WeightedDigraph(nodeCount: n, edges: edges.map { (from: $0.0, to: $0.1, weight: $0.2) })
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

    // MARK: PageRank

    @Test func pageRankOfATwoCycleIsUniform() throws {
        let result = try PageRank(tolerance: 1e-12).run(on: Self.graph(2, [(0, 1, 1), (1, 0, 5)]))
        #expect(Self.close(result.scores[0], 0.5) && Self.close(result.scores[1], 0.5))
    }

    @Test func pageRankSpreadsDanglingRankUniformly() throws {
        // a → b ← c, b dangling: s = (1/3) / (1 + 2α/3) for a and c, 1 − 2s for b.
        let result = try PageRank(tolerance: 1e-13, maxIterations: 1000).run(on: Self.graph(3, [(0, 1, 1), (2, 1, 1)]))
        let s = (1.0 / 3) / (1 + 2 * 0.85 / 3)
        #expect(Self.close(result.scores[0], s, 1e-10))
        #expect(Self.close(result.scores[2], s, 1e-10))
        #expect(Self.close(result.scores[1], 1 - 2 * s, 1e-10))
    }

    @Test func weightedPageRankMatchesNetworkX() throws {
        // nx.pagerank(G, tol=1e-12) on this graph (NetworkX 3.6.1).
        let g = Self.graph(4, [(0, 1, 3), (0, 2, 1), (1, 0, 1), (2, 0, 1), (2, 3, 2)])
        let result = try PageRank(tolerance: 1e-12, maxIterations: 1000).run(on: g)
        let expected = [0.37940821211353826, 0.31264125916045693, 0.15139276901281676, 0.15655775971318797]
        for (score, value) in zip(result.scores, expected) { #expect(Self.close(score, value, 1e-9)) }
        #expect(Self.close(result.scores.reduce(0, +), 1, 1e-12))
    }

    @Test(arguments: PageRank.StopRule.allCases)
    func bothStopRulesReachTheSameScores(_ rule: PageRank.StopRule) throws {
        // Cycles, a dangling node (3), two nodes nobody refers to (4, 5) and a heavy edge.
        let g = Self.graph(6, [(0, 1, 3), (1, 2, 1), (2, 0, 2), (2, 3, 7), (4, 0, 1), (5, 3, 4), (1, 3, 1), (2, 1, 1)])
        let tight = try PageRank(tolerance: rule == .converged ? 1e-14 : 1e-15, stopRule: rule).run(on: g)
        let reference = try PageRank(tolerance: 1e-15, stopRule: .networkx, maxIterations: 10_000).run(on: g)
        #expect(zip(tight.scores, reference.scores).allSatisfy { Self.close($0, $1, 1e-12) })
        #expect(Self.close(tight.scores.reduce(0, +), 1, 1e-12))
    }

    @Test func theConvergedRuleBoundsTheTotalChangeNotThePerAgentOne() throws {
        // 2,000 nodes on a ring with chords: NetworkX's rule at tol 1e-6 allows an L1 change of 2e-3 in total.
        var edges: [(Int, Int, Double)] = []
        for node in 0..<2_000 {
            edges.append((node, (node + 1) % 2_000, 1))
            edges.append((node, (node * 7 + 3) % 2_000, Double(1 + node % 5)))
        }
        let g = Self.graph(2_000, edges)
        let exact = try PageRank(tolerance: 1e-15, stopRule: .networkx, maxIterations: 10_000).run(on: g)
        let converged = try PageRank().run(on: g)
        let networkx = try PageRank(stopRule: .networkx).run(on: g)
        let l1 = { (scores: [Double]) in zip(scores, exact.scores).reduce(0) { $0 + abs($1.0 - $1.1) } }
        #expect(converged.lastChange < 1e-10)
        #expect(l1(converged.scores) < 1e-9)
        #expect(networkx.lastChange < 2_000 * 1e-6 && l1(networkx.scores) > 1e-9)
        #expect(converged.iterations < 1_000)
    }

    @Test func dampingOneStillConverges() throws {
        let result = try PageRank(damping: 1, tolerance: 1e-12).run(on: Self.graph(3, [(0, 1, 1), (1, 2, 1), (2, 0, 1)]))
        #expect(result.scores.allSatisfy { Self.close($0, 1.0 / 3) })
    }

    @Test func pageRankReportsNonConvergence() {
        // A cycle: an acyclic graph is solved exactly in one pass.
        #expect(throws: AnalysisError.notConverged(iterations: 1)) {
            try PageRank(tolerance: 1e-15, maxIterations: 1).run(on: Self.graph(3, [(0, 1, 1), (1, 2, 1), (2, 0, 2)]))
        }
    }

    // MARK: Betweenness

    @Test func betweennessOfADirectedPath() throws {
        // 0→1→2→3: nodes 1 and 2 each lie on 2 of the (n−1)(n−2) = 6 ordered pairs.
        let result = try Betweenness().run(on: Self.graph(4, [(0, 1, 1), (1, 2, 1), (2, 3, 1)]))
        #expect(result.exact && result.sampleSize == 4)
        #expect(result.scores.map { ($0 * 3).rounded() } == [0, 1, 1, 0])
    }

    @Test func betweennessOfABidirectionalStarCentreIsOne() throws {
        var edges = [(Int, Int, Double)]()
        for leaf in 1...4 { edges += [(0, leaf, 1), (leaf, 0, 1)] }
        let result = try Betweenness().run(on: Self.graph(5, edges))
        #expect(Self.close(result.scores[0], 1))
        #expect(result.scores[1...].allSatisfy { $0 == 0 })
    }

    @Test func betweennessSplitsBetweenEqualPaths() throws {
        // NetworkX 3.6.1 on the weighted-PageRank graph above: {0: 0.5, 1: 0, 2: 1/3, 3: 0}.
        let result = try Betweenness().run(on: Self.graph(4, [(0, 1, 3), (0, 2, 1), (1, 0, 1), (2, 0, 1), (2, 3, 2)]))
        #expect(Self.close(result.scores[0], 0.5) && Self.close(result.scores[2], 1.0 / 3))
    }

    @Test func sampledBetweennessIsSeededAndReportsK() throws {
        var edges = [(Int, Int, Double)]()
        for i in 0..<60 { edges += [(i, (i + 1) % 60, 1), (i, (i * 7 + 3) % 60, 1)] }
        let g = Self.graph(60, edges.filter { $0.0 != $0.1 })
        let a = try Betweenness(sources: .sample(count: 10, seed: 3)).run(on: g)
        let b = try Betweenness(sources: .sample(count: 10, seed: 3)).run(on: g)
        #expect(a.sampleSize == 10 && !a.exact)
        #expect(a.scores == b.scores)
        let all = try Betweenness(sources: .sample(count: 100, seed: 3)).run(on: g)
        let exact = try Betweenness().run(on: g)
        #expect(all.exact && all.scores == exact.scores)
    }

    // MARK: Components

    @Test func componentsOfAKnownDigraph() {
        // {0,1,2} cycle → {3,4} cycle; 5 alone.
        let g = Self.graph(6, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (2, 3, 1), (3, 4, 1), (4, 3, 1)])
        let strong = ConnectedComponents.strong(g)
        #expect(strong.sizes == [3, 2, 1])
        #expect(strong.labels == [0, 0, 0, 1, 1, 2])
        let weak = ConnectedComponents.weak(g)
        #expect(weak.sizes == [5, 1])
        #expect(weak.labels == [0, 0, 0, 0, 0, 1])
    }

    @Test func strongComponentsOfALongCycleNeedNoRecursion() {
        let n = 200_000
        let cycle = ConnectedComponents.strong(Self.graph(n, (0..<n).map { ($0, ($0 + 1) % n, 1) }))
        #expect(cycle.sizes == [n])
        let path = ConnectedComponents.strong(Self.graph(n, (0..<(n - 1)).map { ($0, $0 + 1, 1) }))
        #expect(path.count == n)
    }

    // MARK: Modularity and Louvain

    /// Two triangles joined by one edge.
    static let barbell = graph(6, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (3, 4, 1), (4, 5, 1), (5, 3, 1), (2, 3, 1)])

    @Test func modularityOfAKnownPartition() {
        // m = 7; each triangle: L = 3, degree sum 7 → Q = 2 (3/7 − (7/14)²) = 5/14.
        let undirected = UndirectedGraph(undirectedViewOf: Self.barbell)
        #expect(Self.close(undirected.modularity(of: [0, 0, 0, 1, 1, 1]), 5.0 / 14))
        #expect(Self.close(undirected.modularity(of: [0, 0, 0, 0, 0, 0]), 0))
    }

    @Test func louvainFindsTheTwoTriangles() throws {
        let result = try Louvain(seed: 5).run(on: Self.barbell)
        #expect(result.sizes == [3, 3])
        #expect(Set(result.communities[0...2]).count == 1 && Set(result.communities[3...5]).count == 1)
        #expect(Self.close(result.modularity, 5.0 / 14))
    }

    @Test func undirectedViewSumsBothDirections() {
        let undirected = UndirectedGraph(undirectedViewOf: Self.graph(2, [(0, 1, 2), (1, 0, 3)]))
        #expect(undirected.targets == [1, 0])
        #expect(undirected.weights == [5, 5])
    }

    // MARK: Reciprocity, reach, volume, leakage

    @Test func reciprocityAsNetworkXDefinesIt() {
        // a ↔ b, b → c, d isolated.
        let r = Reciprocity(Self.graph(4, [(0, 1, 1), (1, 0, 1), (1, 2, 1)]))
        #expect(Self.close(r.overall!, 2.0 / 3))
        #expect(r.perNode[0] == 1)
        #expect(Self.close(r.perNode[1]!, 2.0 / 3))
        #expect(r.perNode[2] == 0)
        #expect(r.perNode[3] == nil)
    }

    @Test func selfLoopIsNotAReciprocatedEdgeGlobally() {
        // NetworkX: 3 edges, 2 in the undirected view → (3 − 2) · 2 / 3.
        let r = Reciprocity(Self.graph(2, [(0, 0, 1), (0, 1, 1), (1, 0, 1)]))
        #expect(Self.close(r.overall!, 2.0 / 3))
        #expect(r.perNode[0] == 1)
    }

    @Test func reachCountsAgentsAndVolumeWithinKHops() throws {
        let g = Self.graph(4, [(0, 1, 1), (1, 2, 2), (2, 3, 3)])
        let out = try KHopReach(hops: 2).run(from: 0, on: g)
        #expect(out.agents == 2 && out.agentsPerHop == [1, 1] && out.volume == 3)
        let both = try KHopReach(hops: 1, direction: .both).run(from: 1, on: g)
        #expect(both.agents == 2 && both.volume == 3)
        let all = try KHopReach(hops: 2).runAll(on: g)
        #expect(all.map(\.agents) == [2, 2, 1, 0])
    }

    @Test func topReferrersAndReceivers() {
        let volume = ReferralVolume(Self.graph(3, [(0, 1, 5), (2, 1, 7), (1, 0, 1)]))
        #expect(volume.topReferrers(2) == [2, 0])
        #expect(volume.topReceivers(1) == [1])
    }

    @Test func leakageIsTheShareSentOutside() {
        // Group 0 = {0, 1}, group 1 = {2}: 0→1 (4) stays, 1→2 (1) leaves.
        let leakage = ReferralLeakage(Self.graph(3, [(0, 1, 4), (1, 2, 1), (2, 0, 2)]), groups: [0, 0, 1])
        let zero = leakage.groups.first { $0.group == 0 }!
        #expect(zero.internalVolume == 4 && zero.outgoingVolume == 1 && Self.close(zero.leakage!, 0.2))
        #expect(Self.close(leakage.overall!, 3.0 / 7))
    }

    @Test func leakageListsTheHighestShareFirst() {
        // Group 0 sends 10 out of 100 (10 %, most volume), group 1 sends 3 of 4 (75 %), group 2 sends nothing.
        let graph = Self.graph(6, [(0, 1, 90), (1, 2, 10), (2, 3, 1), (3, 0, 3), (4, 5, 0)])
        let leakage = ReferralLeakage(graph, groups: [0, 0, 1, 1, 2, 2])
        #expect(leakage.groups.map(\.group) == [1, 0, 2])
    }

    // MARK: Ranking and chart text

    @Test func rankingBreaksTiesByIndexAndPutsNaNLast() {
        #expect(Ranking.top(3, of: [1, .nan, 3, 3, 2]) == [2, 3, 4])
        #expect(Ranking.top(10, of: [.nan, 1]) == [1, 0])
    }

    @Test func chartTextFormatsNumbersWithoutFoundation() {
        #expect(ChartText.fixed(3.14159, 2) == "3.14")
        #expect(ChartText.fixed(-1.25, 1) == "-1.3")
        #expect(ChartText.fixed(2, 3) == "2.000")
        #expect(ChartText.compact(0.01234) == "0.0123")
        #expect(ChartText.compact(45_000) == "45K")
        #expect(ChartText.xml("a<b&\"c\"") == "a&lt;b&amp;&quot;c&quot;")
        #expect(ChartText.Colour(0x2166ac).hex == "#2166ac")
    }

    @Test func barChartHasOneBarPerRow() {
        let svg = BarChartSVG(title: "t", subtitle: "s", bars: [.init(label: "A", value: 0.3), .init(label: "B", value: 0.1)]).render()
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.split(separator: "rx=\"3\"").count == 3)
    }
}
