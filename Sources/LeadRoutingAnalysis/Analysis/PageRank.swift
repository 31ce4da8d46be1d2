import LeadRoutingCore

/// Weighted PageRank with the definition of NetworkX's `pagerank` (3.x): transition probabilities proportional
/// to edge weight, the rank of dangling nodes (zero out-weight) spread uniformly, no personalization.
///
/// Two ways to stop (``StopRule``):
/// - ``StopRule/converged`` (the default): the answer to a bound of `tolerance` in total. It solves the
///   equivalent linear system `(I − α Pᵀ) y = 1/n` (the dangling and teleport terms are both uniform, so the
///   scores are `y / Σy`). With a constant right-hand side the system splits along strong components
///   (``StrongComponents``): taken in topological order, a component's inflow from earlier components is final, so
///   a component of one node is solved exactly in one step (in closed form when it has a self-loop), and only
///   components with cycles are iterated, by Gauss–Seidel sweeps over their own nodes and edges in
///   depth-first order, until a sweep changes their `y` by less than `tolerance` × their own `Σy` in L1.
///   Guarantee: the last sweeps of all components together change the scores by less than `tolerance` in L1
///   (``Result/lastChange``), and since a sweep's residual is at most α times its change, the scores are within
///   `2α / (1 − α) × tolerance` of the exact PageRank in L1 (11.3 × tolerance at α = 0.85), up to rounding.
///   Sequential, so deterministic.
/// - ``StopRule/networkx``: NetworkX's own method and rule: power iteration from the uniform vector until the L1
///   change of an iteration is below `nodeCount × tolerance`. Its error grows with the graph (on 200,000 agents
///   the default 1e-6 stops 0.2 away from the converged vector, in L1); kept for parity with NetworkX. Each
///   iteration pulls rank along in-edges, in parallel over fixed blocks of nodes, so results are the same on any
///   number of cores.
///
/// ```swift
/// let result = try PageRank().run(on: WeightedDigraph(projection: projection))
/// ```
public struct PageRank: Sendable {
    /// When to stop, and so which method runs (see ``PageRank``).
    public enum StopRule: String, Sendable, Hashable, CaseIterable {
        /// Component by component, Gauss–Seidel on those with cycles, until the last sweeps change the scores by
        /// less than `tolerance` (L1, all agents together).
        case converged
        /// NetworkX's power iteration until one iteration changes them by less than `nodeCount × tolerance`.
        case networkx
    }

    /// Probability of following an edge (NetworkX `alpha`).
    public var damping: Double
    /// The stopping threshold; what it bounds depends on ``stopRule``.
    public var tolerance: Double
    /// How to iterate and when to stop.
    public var stopRule: StopRule
    /// Iterations (sweeps of one component) before giving up with ``AnalysisError/notConverged(iterations:)``.
    public var maxIterations: Int

    /// - Parameters:
    ///   - damping: NetworkX `alpha`, default 0.85.
    ///   - tolerance: default ``defaultTolerance(_:)`` of the rule: 1e-10 in total when converged, NetworkX's `tol`
    ///     1e-6 per node for the NetworkX rule.
    ///   - stopRule: default ``StopRule/converged``.
    ///   - maxIterations: default 1000.
    public init(damping: Double = 0.85, tolerance: Double? = nil, stopRule: StopRule = .converged, maxIterations: Int = 1000) {
        self.damping = damping
        self.tolerance = tolerance ?? Self.defaultTolerance(stopRule)
        self.stopRule = stopRule
        self.maxIterations = maxIterations
    }

    /// The tolerance a rule uses when none is given: 1e-10 (total L1 change) for ``StopRule/converged``, 1e-6
    /// (NetworkX's `tol`, per node) for ``StopRule/networkx``.
    public static func defaultTolerance(_ rule: StopRule) -> Double {
        switch rule {
        case .converged: 1e-10
        case .networkx: 1e-6
        }
    }

    /// Scores and convergence figures.
    public struct Result: Sendable {
        /// Score of every node; sums to 1.
        public var scores: [Double]
        /// Iterations run; for the converged rule, the most sweeps a strong component needed (1 when the graph has
        /// no cycle: one exact pass).
        public var iterations: Int
        /// L1 change of the last iteration; for the converged rule, of every component's last sweep together.
        public var lastChange: Double
    }

    private static let blocks = 64

    /// Runs the method of ``stopRule``.
    /// - Parameters:
    ///   - graph: the weighted digraph.
    ///   - progress: called after each iteration with (iteration, maxIterations).
    public func run(on graph: WeightedDigraph, progress: ((Int, Int) throws(AnalysisError) -> Void)? = nil) throws(AnalysisError) -> Result {
        guard self.damping >= 0, self.damping <= 1 else { throw .invalidParameter("damping", "must be in [0, 1]") }
        guard self.tolerance > 0 else { throw .invalidParameter("tolerance", "must be > 0") }
        guard self.maxIterations > 0 else { throw .invalidParameter("maxIterations", "must be > 0") }
        if graph.nodeCount == 0 { return Result(scores: [], iterations: 0, lastChange: 0) }
        switch self.stopRule {
        case .networkx:
            return try self.powerIteration(on: graph, threshold: Double(graph.nodeCount) * self.tolerance, progress: progress)
        case .converged where self.damping == 1:
            // No teleport: the linear system is singular, the power iteration still converges (when it does).
            return try self.powerIteration(on: graph, threshold: self.tolerance, progress: progress)
        case .converged:
            return try self.solveByComponents(on: graph, progress: progress)
        }
    }

    /// NetworkX's method: Jacobi power iteration from the uniform vector, stopping when the L1 change of an
    /// iteration is below `threshold`.
    private func powerIteration(
        on graph: WeightedDigraph,
        threshold: Double,
        progress: ((Int, Int) throws(AnalysisError) -> Void)?
    ) throws(AnalysisError) -> Result {
        let n = graph.nodeCount

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
