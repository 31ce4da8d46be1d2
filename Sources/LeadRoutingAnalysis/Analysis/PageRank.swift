import LeadRoutingCore

/// Weighted PageRank with the definition of NetworkX's `pagerank` (3.x): transition probabilities proportional
/// to edge weight, the rank of dangling nodes (zero out-weight) spread uniformly, no personalization, uniform
/// start, and convergence when the L1 change of an iteration is below `nodeCount × tolerance`.
///
/// Each iteration pulls rank along in-edges, in parallel over fixed blocks of nodes, so results are the same
/// on any number of cores.
///
/// ```swift
/// let result = try PageRank().run(on: WeightedDigraph(projection: projection))
/// ```
public struct PageRank: Sendable {
    /// Probability of following an edge (NetworkX `alpha`).
    public var damping: Double
    /// Per-node tolerance; iteration stops when the L1 change is below `nodeCount × tolerance`.
    public var tolerance: Double
    /// Iterations before giving up with ``AnalysisError/notConverged(iterations:)``.
    public var maxIterations: Int

    /// - Parameters:
    ///   - damping: NetworkX `alpha`, default 0.85.
    ///   - tolerance: NetworkX `tol`, default 1e-6.
    ///   - maxIterations: NetworkX `max_iter`, default 100.
    public init(damping: Double = 0.85, tolerance: Double = 1e-6, maxIterations: Int = 100) {
        self.damping = damping
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Scores and convergence figures.
    public struct Result: Sendable {
        /// Score of every node; sums to 1.
        public var scores: [Double]
        /// Iterations run.
        public var iterations: Int
        /// L1 change of the last iteration.
        public var lastChange: Double
    }

    private static let blocks = 64

    /// Runs the power iteration.
    /// - Parameters:
    ///   - graph: the weighted digraph.
    ///   - progress: called after each iteration with (iteration, maxIterations).
    public func run(on graph: WeightedDigraph, progress: ((Int, Int) throws(AnalysisError) -> Void)? = nil) throws(AnalysisError) -> Result {
        guard self.damping >= 0, self.damping <= 1 else { throw .invalidParameter("damping", "must be in [0, 1]") }
        guard self.tolerance > 0 else { throw .invalidParameter("tolerance", "must be > 0") }
        guard self.maxIterations > 0 else { throw .invalidParameter("maxIterations", "must be > 0") }
        let n = graph.nodeCount
        if n == 0 { return Result(scores: [], iterations: 0, lastChange: 0) }

        // Pull form: next[v] = α Σ_{u→v} w(u,v) · x[u]/S(u) + base. `share[u] = x[u]/S(u)` is computed once per node
        // and iteration; the in-edge weights are stored as Float when they are small integers (referral counts are),
        // which is exact and makes the edge stream 8 bytes per edge instead of 12.
        let strength = graph.outStrength()
        let incoming = graph.incoming
        var inWeight = [Double](repeating: 0, count: incoming.edgeCount)
        var exactAsFloat = true
        for position in 0..<incoming.edgeCount {
            let w = graph.outWeights[Int(graph.incomingEdge[position])]
            inWeight[position] = w
            if exactAsFloat && Double(Float(w)) != w { exactAsFloat = false }
        }
        let inWeightFloat = exactAsFloat ? inWeight.map { Float($0) } : []
        if exactAsFloat { inWeight = [] }
        let inverseStrength = strength.map { $0 > 0 ? 1 / $0 : 0 }
        let dangling = strength.indices.filter { strength[$0] == 0 }
        let inverseStrengthArray = inverseStrength

        let alpha = self.damping
        let uniform = 1.0 / Double(n)
        var x = [Double](repeating: uniform, count: n)
        var next = [Double](repeating: 0, count: n)
        // share[u] = x[u] / S(u) for the current x; the block loop writes the next iteration's into `nextShare`.
        var share = (0..<n).map { x[$0] * inverseStrength[$0] }
        var nextShare = [Double](repeating: 0, count: n)
        var blockChange = [Double](repeating: 0, count: Self.blocks)
        var blockDangling = [Double](repeating: 0, count: Self.blocks)
        var danglingSum = 0.0
        for node in dangling { danglingSum += x[node] }
        let threshold = Double(n) * self.tolerance

        for iteration in 1...self.maxIterations {
            let base = alpha * danglingSum * uniform + (1 - alpha) * uniform
            x.withUnsafeBufferPointer { x in
                next.withUnsafeMutableBufferPointer { next in
                    blockChange.withUnsafeMutableBufferPointer { blockChange in
                        share.withUnsafeBufferPointer { share in
                            nextShare.withUnsafeMutableBufferPointer { nextShare in
                                blockDangling.withUnsafeMutableBufferPointer { blockDangling in
                                    inverseStrengthArray.withUnsafeBufferPointer { inverseStrength in
                                        inWeight.withUnsafeBufferPointer { inWeight in
                                            inWeightFloat.withUnsafeBufferPointer { inWeightFloat in
                                                incoming.targets.withUnsafeBufferPointer { sources in
                                                    incoming.offsets.withUnsafeBufferPointer { offsets in
                                                        ParallelLoop.forEachBlock(count: n, blocks: Self.blocks) { block, range in
                                                            var change = 0.0
                                                            var danglingPart = 0.0
                                                            for v in range {
                                                                var sum = 0.0
                                                                let edges = Int(offsets[v])..<Int(offsets[v + 1])
                                                                if exactAsFloat {
                                                                    for e in edges { sum += share[Int(sources[e])] * Double(inWeightFloat[e]) }
                                                                } else {
                                                                    for e in edges { sum += share[Int(sources[e])] * inWeight[e] }
                                                                }
                                                                let value = alpha * sum + base
                                                                next[v] = value
                                                                change += abs(value - x[v])
                                                                let inverse = inverseStrength[v]
                                                                nextShare[v] = value * inverse
                                                                if inverse == 0 { danglingPart += value }
                                                            }
                                                            blockChange[block] = change
                                                            blockDangling[block] = danglingPart
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
            swap(&x, &next)
            swap(&share, &nextShare)
            var change = 0.0
            danglingSum = 0
            for block in 0..<min(Self.blocks, n) {
                change += blockChange[block]
                danglingSum += blockDangling[block]
            }
            try progress?(iteration, self.maxIterations)
            if change < threshold { return Result(scores: x, iterations: iteration, lastChange: change) }
        }
        throw .notConverged(iterations: self.maxIterations)
    }
}
