import LeadRoutingCore

/// Betweenness centrality by Brandes' algorithm on unweighted hops, directed, without endpoints, normalised as
/// NetworkX 3.6's `betweenness_centrality` does: exact scores are divided by `(n − 1)(n − 2)`; with `k` sampled
/// source pivots, sampled nodes by `(k − 1)(n − 2)` and the others by `k(n − 2)` (an unbiased estimate).
///
/// Sources are processed in parallel; each source belongs to one of a fixed number of accumulators (by its
/// position in the source list) that are summed in order at the end, so results do not depend on the machine.
public struct Betweenness: Sendable {
    /// How many sources to run from.
    public enum Sources: Sendable, Equatable {
        /// Every node (exact).
        case all
        /// `count` distinct pivots drawn with `seed` (exact when `count ≥ nodeCount`).
        case sample(count: Int, seed: UInt64)
    }

    /// Exact or sampled.
    public var sources: Sources
    /// Divide as NetworkX does with `normalized=True` (default) or leave raw pair-dependency sums scaled to the
    /// whole graph (NetworkX `normalized=False`).
    public var normalized: Bool

    /// - Parameters:
    ///   - sources: `.all` for exact, `.sample(count:seed:)` for pivots.
    ///   - normalized: NetworkX `normalized`.
    public init(sources: Sources = .all, normalized: Bool = true) {
        self.sources = sources
        self.normalized = normalized
    }

    /// Scores and the number of sources used.
    public struct Result: Sendable {
        /// Score of every node.
        public var scores: [Double]
        /// Sources used (`nodeCount` when exact).
        public var sampleSize: Int
        /// Whether every node was a source.
        public var exact: Bool
    }

    private static let accumulators = 8
    private static let wave = 64

    /// Runs the computation.
    /// - Parameters:
    ///   - graph: the digraph (weights ignored: hops count).
    ///   - progress: called between waves of sources with (sources done, total sources).
    public func run(on graph: WeightedDigraph, progress: ((Int, Int) throws(AnalysisError) -> Void)? = nil) throws(AnalysisError) -> Result {
        let n = graph.nodeCount
        var pivots: [Int32]
        var exact = true
        switch self.sources {
        case .all:
            pivots = (0..<Int32(n)).map { $0 }
        case .sample(let count, let seed):
            guard count > 0 else { throw .invalidParameter("k", "must be > 0") }
            if count >= n {
                pivots = (0..<Int32(n)).map { $0 }
            } else {
                exact = false
                var all = (0..<Int32(n)).map { $0 }
                var random = SeededRandom(seed: seed)
                for i in 0..<count {
                    let j = i + Int(random.int(below: UInt64(n - i)))
                    all.swapAt(i, j)
                }
                pivots = Array(all[0..<count])
            }
        }
        let k = pivots.count
        let blocks = max(1, min(Self.accumulators, k))
        var workspaces = (0..<blocks).map { _ in Workspace(nodeCount: n) }
        var done = 0
        while done < k {
            let waveEnd = min(k, done + Self.wave)
            let waveRange = done..<waveEnd
            workspaces.withUnsafeMutableBufferPointer { workspaces in
                pivots.withUnsafeBufferPointer { pivots in
                    ParallelLoop.forEach(blocks) { block in
                        var index = waveRange.lowerBound + (block - waveRange.lowerBound % blocks + blocks) % blocks
                        while index < waveRange.upperBound {
                            workspaces[block].accumulate(from: pivots[index], graph: graph)
                            index += blocks
                        }
                    }
                }
            }
            done = waveEnd
            try progress?(done, k)
        }
        var scores = [Double](repeating: 0, count: n)
        for workspace in workspaces {
            for v in 0..<n { scores[v] += workspace.betweenness[v] }
        }
        self.rescale(&scores, pivots: exact ? nil : pivots)
        return Result(scores: scores, sampleSize: k, exact: exact)
    }

    /// NetworkX 3.6 `_rescale` with `endpoints=False`, `directed=True`.
    private func rescale(_ scores: inout [Double], pivots: [Int32]?) {
        let n = scores.count
        let pairs = n - 1
        guard pairs >= 2 else { return }
        guard let pivots else {
            let scale = self.normalized ? 1 / (Double(pairs) * Double(pairs - 1)) : 1
            if scale != 1 { for v in 0..<n { scores[v] *= scale } }
            return
        }
        let k = Double(pivots.count)
        let sourceScale: Double
        let otherScale: Double
        if self.normalized {
            sourceScale = k > 1 ? 1 / ((k - 1) * Double(pairs - 1)) : .nan
            otherScale = 1 / (k * Double(pairs - 1))
        } else {
            sourceScale = k > 1 ? Double(pairs) / (k - 1) : .nan
            otherScale = Double(pairs) / k
        }
        var isPivot = [Bool](repeating: false, count: n)
        for pivot in pivots { isPivot[Int(pivot)] = true }
        for v in 0..<n { scores[v] *= isPivot[v] ? sourceScale : otherScale }
    }

    /// Per-node state of one single-source pass, packed so an edge visit touches one cache line.
    private struct NodeState {
        var sigma: Double
        var delta: Double
        var distance: Int32
    }

    /// Per-accumulator scratch space for single-source shortest paths and dependency accumulation.
    private struct Workspace {
        var betweenness: [Double]
        var state: [NodeState]
        var order: [Int32]

        init(nodeCount: Int) {
            self.betweenness = [Double](repeating: 0, count: nodeCount)
            self.state = [NodeState](repeating: NodeState(sigma: 0, delta: 0, distance: -1), count: nodeCount)
            self.order = [Int32](repeating: 0, count: nodeCount)
        }

        /// BFS from `source` counting shortest paths, then Brandes' back-propagation of dependencies.
        mutating func accumulate(from source: Int32, graph: WeightedDigraph) {
            let outgoing = graph.outgoing
            self.state.withUnsafeMutableBufferPointer { state in
                self.order.withUnsafeMutableBufferPointer { order in
                    self.betweenness.withUnsafeMutableBufferPointer { betweenness in
                        outgoing.offsets.withUnsafeBufferPointer { outOffsets in
                            outgoing.targets.withUnsafeBufferPointer { outTargets in
                                // BFS; `order` doubles as the queue and, read backwards, the stack.
                                let s = Int(source)
                                state[s].sigma = 1
                                state[s].distance = 0
                                order[0] = source
                                var head = 0
                                var tail = 1
                                while head < tail {
                                    let v = Int(order[head])
                                    head += 1
                                    let next = state[v].distance + 1
                                    let sv = state[v].sigma
                                    for e in Int(outOffsets[v])..<Int(outOffsets[v + 1]) {
                                        let w = Int(outTargets[e])
                                        let dw = state[w].distance
                                        if dw < 0 {
                                            state[w].distance = next
                                            state[w].sigma = sv
                                            order[tail] = Int32(w)
                                            tail += 1
                                        } else if dw == next {
                                            state[w].sigma += sv
                                        }
                                    }
                                }
                                // Dependencies, farthest first, pulled along out-edges: δ(v) = σ(v) Σ (1 + δ(w)) / σ(w) over
                                // successors w one hop farther. `delta` holds (1 + δ(w)) / σ(w) once w is done, so
                                // each node is written once and edges are only read.
                                var i = tail - 1
                                while i > 0 {
                                    let v = Int(order[i])
                                    let farther = state[v].distance + 1
                                    var sum = 0.0
                                    for e in Int(outOffsets[v])..<Int(outOffsets[v + 1]) {
                                        let w = Int(outTargets[e])
                                        if state[w].distance == farther { sum += state[w].delta }
                                    }
                                    let dependency = state[v].sigma * sum
                                    betweenness[v] += dependency
                                    state[v].delta = (1 + dependency) / state[v].sigma
                                    i -= 1
                                }
                                // Reset only what was touched.
                                for j in 0..<tail { state[Int(order[j])] = NodeState(sigma: 0, delta: 0, distance: -1) }
                            }
                        }
                    }
                }
            }
        }
    }
}
