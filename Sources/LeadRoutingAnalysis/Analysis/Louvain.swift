import LeadRoutingCore

/// Louvain community detection (Blondel et al.) on an undirected weighted graph: local moving of nodes to the
/// neighbouring community with the best modularity gain, then aggregation of communities into nodes, level after
/// level, until a level improves modularity by no more than ``threshold`` (NetworkX's `louvain_communities`).
///
/// Deterministic: nodes are visited in an order shuffled by ``seed`` at each level, and ties keep the current
/// community or the first neighbouring community met.
public struct Louvain: Sendable {
    /// NetworkX `resolution` (γ); 1 is classic modularity.
    public var resolution: Double
    /// Minimum modularity gain of a level to go on (NetworkX `threshold`).
    public var threshold: Double
    /// Seed of the node visiting order.
    public var seed: UInt64

    /// - Parameters:
    ///   - resolution: default 1.
    ///   - threshold: default 1e-7 (NetworkX's).
    ///   - seed: default 1.
    public init(resolution: Double = 1, threshold: Double = 1e-7, seed: UInt64 = 1) {
        self.resolution = resolution
        self.threshold = threshold
        self.seed = seed
    }

    /// The partition found.
    public struct Result: Sendable {
        /// Community of every node, numbered by decreasing size (ties: smallest member first).
        public var communities: [Int32]
        /// Size of every community.
        public var sizes: [Int]
        /// Modularity of ``communities`` on the input graph (NetworkX `modularity`).
        public var modularity: Double
        /// Aggregation levels run.
        public var levels: Int
    }

    /// Runs Louvain on the undirected view of a digraph.
    public func run(on graph: WeightedDigraph, progress: ((Int, Int) throws(AnalysisError) -> Void)? = nil) throws(AnalysisError) -> Result {
        try self.run(on: UndirectedGraph(undirectedViewOf: graph), progress: progress)
    }

    /// Runs Louvain.
    /// - Parameters:
    ///   - graph: the undirected graph.
    ///   - progress: called after each level with (level, level + 1) — the number of levels is not known ahead.
    public func run(on graph: UndirectedGraph, progress: ((Int, Int) throws(AnalysisError) -> Void)? = nil) throws(AnalysisError) -> Result {
        guard self.resolution > 0 else { throw .invalidParameter("resolution", "must be > 0") }
        let n = graph.nodeCount
        var membership = (0..<Int32(n)).map { $0 }
        var current = graph
        var random = SeededRandom(seed: self.seed)
        var modularity = graph.modularity(of: membership, resolution: self.resolution)
        var levels = 0
        while true {
            let (assignment, moved) = self.moveNodes(current, random: &random)
            if !moved { break }
            let (aggregate, renumbered) = Self.aggregate(current, assignment: assignment)
            let newMembership = membership.map { renumbered[Int(assignment[Int($0)])] }
            let newModularity = aggregate.modularity(of: (0..<Int32(aggregate.nodeCount)).map { $0 }, resolution: self.resolution)
            levels += 1
            try progress?(levels, levels + 1)
            if newModularity - modularity <= self.threshold {
                // NetworkX keeps the partition of the last level that improved by more than the threshold,
                // but a smaller positive gain is still a gain; keep it when it is one.
                if newModularity > modularity {
                    membership = newMembership
                    modularity = newModularity
                }
                break
            }
            membership = newMembership
            modularity = newModularity
            current = aggregate
        }
        let canonical = ConnectedComponents(rawLabels: membership)
        return Result(
            communities: canonical.labels,
            sizes: canonical.sizes,
            modularity: graph.modularity(of: canonical.labels, resolution: self.resolution),
            levels: levels
        )
    }

    /// One level of local moving. Returns the community of every node and whether any node moved.
    ///
    /// Nodes wait in a FIFO queue, first in the seeded random order; when a node moves, its neighbours outside
    /// its new community are queued again (the "fast local move" of Traag et al.'s Leiden paper). That visits
    /// the same fixed points as repeated full passes with far fewer evaluations once most nodes have settled.
    private func moveNodes(_ graph: UndirectedGraph, random: inout SeededRandom) -> ([Int32], Bool) {
        let n = graph.nodeCount
        let degree = graph.degrees()
        let twoM = degree.reduce(0, +)
        var community = (0..<Int32(n)).map { $0 }
        guard twoM > 0, n > 1 else { return (community, false) }
        var total = degree
        var queue = (0..<Int32(n)).map { $0 }
        for i in stride(from: n - 1, to: 0, by: -1) {
            queue.swapAt(i, Int(random.int(below: UInt64(i + 1))))
        }
        // Ring buffer of n slots: a node is in it at most once (`queued`).
        var queued = [Bool](repeating: true, count: n)
        // -1 marks a community not yet seen around the current node (weights are ≥ 0).
        var linkWeight = [Double](repeating: -1, count: n)
        var touched = [Int32](repeating: 0, count: n + 1)
        var anyMove = false
        let gamma = self.resolution
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.targets.withUnsafeBufferPointer { targets in
                graph.weights.withUnsafeBufferPointer { weights in
                    degree.withUnsafeBufferPointer { degree in
                        community.withUnsafeMutableBufferPointer { community in
                            total.withUnsafeMutableBufferPointer { total in
                                linkWeight.withUnsafeMutableBufferPointer { linkWeight in
                                    touched.withUnsafeMutableBufferPointer { touched in
                                        queue.withUnsafeMutableBufferPointer { queue in
                                            queued.withUnsafeMutableBufferPointer { queued in
                                                var head = 0
                                                var count = n
                                                while count > 0 {
                                                    let u = Int(queue[head])
                                                    head = head + 1 == n ? 0 : head + 1
                                                    count -= 1
                                                    queued[u] = false
                                                    let cu = community[u]
                                                    let ku = degree[u]
                                                    var touchedCount = 1
                                                    touched[0] = cu
                                                    linkWeight[Int(cu)] = 0
                                                    let edges = Int(offsets[u])..<Int(offsets[u + 1])
                                                    for e in edges {
                                                        let c = Int(community[Int(targets[e])])
                                                        let w = linkWeight[c]
                                                        if w < 0 {
                                                            linkWeight[c] = weights[e]
                                                            touched[touchedCount] = Int32(c)
                                                            touchedCount += 1
                                                        } else {
                                                            linkWeight[c] = w + weights[e]
                                                        }
                                                    }
                                                    total[Int(cu)] -= ku
                                                    let scale = gamma * ku / twoM
                                                    var best = cu
                                                    var bestGain = linkWeight[Int(cu)] - scale * total[Int(cu)]
                                                    for t in 1..<touchedCount {
                                                        let c = touched[t]
                                                        let gain = linkWeight[Int(c)] - scale * total[Int(c)]
                                                        if gain > bestGain {
                                                            bestGain = gain
                                                            best = c
                                                        }
                                                    }
                                                    for t in 0..<touchedCount { linkWeight[Int(touched[t])] = -1 }
                                                    total[Int(best)] += ku
                                                    guard best != cu else { continue }
                                                    community[u] = best
                                                    anyMove = true
                                                    for e in edges {
                                                        let v = Int(targets[e])
                                                        if !queued[v] && community[v] != best {
                                                            queued[v] = true
                                                            var tail = head + count
                                                            if tail >= n { tail -= n }
                                                            queue[tail] = Int32(v)
                                                            count += 1
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (community, anyMove)
    }

    /// Collapses every community into one node. Returns the new graph and each old community's new index.
    static func aggregate(_ graph: UndirectedGraph, assignment: [Int32]) -> (UndirectedGraph, [Int32]) {
        let n = graph.nodeCount
        // Dense renumbering in order of first appearance.
        var renumbered = [Int32](repeating: -1, count: n)
        var count: Int32 = 0
        for u in 0..<n where renumbered[Int(assignment[u])] < 0 {
            renumbered[Int(assignment[u])] = count
            count += 1
        }
        let groups = Int(count)
        // Members of every new node (counting sort).
        var start = [Int](repeating: 0, count: groups + 1)
        for u in 0..<n { start[Int(renumbered[Int(assignment[u])]) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        var cursor = start
        var members = [Int32](repeating: 0, count: n)
        for u in 0..<n {
            let g = Int(renumbered[Int(assignment[u])])
            members[cursor[g]] = Int32(u)
            cursor[g] += 1
        }
        var offsets = [UInt32](repeating: 0, count: groups + 1)
        var targets = [Int32]()
        var weights = [Double]()
        var selfLoops = [Double](repeating: 0, count: groups)
        var linkWeight = [Double](repeating: 0, count: groups)
        var seen = [Bool](repeating: false, count: groups)
        var touched = [Int32]()
        for g in 0..<groups {
            touched.removeAll(keepingCapacity: true)
            var internalWeight = 0.0
            for m in start[g]..<start[g + 1] {
                let u = Int(members[m])
                selfLoops[g] += graph.selfLoops[u]
                for e in Int(graph.offsets[u])..<Int(graph.offsets[u + 1]) {
                    let h = renumbered[Int(assignment[Int(graph.targets[e])])]
                    if Int(h) == g {
                        internalWeight += graph.weights[e]
                        continue
                    }
                    if !seen[Int(h)] {
                        seen[Int(h)] = true
                        touched.append(h)
                    }
                    linkWeight[Int(h)] += graph.weights[e]
                }
            }
            selfLoops[g] += internalWeight / 2
            touched.sort()
            for h in touched {
                targets.append(h)
                weights.append(linkWeight[Int(h)])
                linkWeight[Int(h)] = 0
                seen[Int(h)] = false
            }
            offsets[g + 1] = UInt32(targets.count)
        }
        let aggregate = UndirectedGraph(offsets: offsets, targets: targets, weights: weights, selfLoops: selfLoops)
        return (aggregate, renumbered)
    }
}
