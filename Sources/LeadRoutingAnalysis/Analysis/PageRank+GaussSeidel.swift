import LeadRoutingCore

extension PageRank {
    /// The converged method (see ``PageRank``): Gauss–Seidel sweeps on `(I − α Pᵀ) y = 1/n` in depth-first order,
    /// until a sweep changes `y / Σy` by less than `tolerance` in L1.
    func gaussSeidel(on graph: WeightedDigraph, progress: ((Int, Int) throws(AnalysisError) -> Void)?) throws(AnalysisError) -> Result {
        let n = graph.nodeCount
        let layout = SweepLayout(graph)
        let alpha = self.damping
        let uniform = 1.0 / Double(n)
        var y = [Double](repeating: uniform, count: n)
        // share[v] = y[v] / S(v): what v passes along each unit of out-weight.
        var share = layout.inverseStrength.map { $0 * uniform }
        for sweep in 1...self.maxIterations {
            var change = 0.0
            var total = 0.0
            y.withUnsafeMutableBufferPointer { y in
                share.withUnsafeMutableBufferPointer { share in
                    layout.sources.withUnsafeBufferPointer { sources in
                        layout.offsets.withUnsafeBufferPointer { offsets in
                            layout.inverseStrength.withUnsafeBufferPointer { inverseStrength in
                                if layout.weightsAsFloat.isEmpty {
                                    layout.weights.withUnsafeBufferPointer { weights in
                                        Self.sweep(y, share, sources, offsets, weights, inverseStrength, alpha, uniform, &change, &total)
                                    }
                                } else {
                                    layout.weightsAsFloat.withUnsafeBufferPointer { weights in
                                        Self.sweep(y, share, sources, offsets, weights, inverseStrength, alpha, uniform, &change, &total)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            try progress?(sweep, self.maxIterations)
            let relativeChange = change / total
            if relativeChange < self.tolerance {
                var scores = [Double](repeating: 0, count: n)
                for (position, node) in layout.order.enumerated() { scores[Int(node)] = y[position] / total }
                return Result(scores: scores, iterations: sweep, lastChange: relativeChange)
            }
        }
        throw .notConverged(iterations: self.maxIterations)
    }

    /// One sweep over every node in layout order, updating `y` and `share` in place; adds up the L1 change and Σy.
    @inline(__always)
    private static func sweep<Weight: BinaryFloatingPoint>(
        _ y: UnsafeMutableBufferPointer<Double>,
        _ share: UnsafeMutableBufferPointer<Double>,
        _ sources: UnsafeBufferPointer<Int32>,
        _ offsets: UnsafeBufferPointer<UInt32>,
        _ weights: UnsafeBufferPointer<Weight>,
        _ inverseStrength: UnsafeBufferPointer<Double>,
        _ alpha: Double,
        _ uniform: Double,
        _ change: inout Double,
        _ total: inout Double
    ) {
        var changeSum = 0.0
        var totalSum = 0.0
        for v in 0..<y.count {
            var sum = 0.0
            for e in Int(offsets[v])..<Int(offsets[v + 1]) { sum += share[Int(sources[e])] * Double(weights[e]) }
            let value = alpha * sum + uniform
            changeSum += abs(value - y[v])
            totalSum += value
            y[v] = value
            share[v] = value * inverseStrength[v]
        }
        change = changeSum
        total = totalSum
    }
}

/// The in-edges of a ``WeightedDigraph`` renumbered for Gauss–Seidel: nodes in reverse postorder of a depth-first
/// search along out-edges (a referrer before the agents it refers to across strong components, and neighbours
/// close together), each node's in-edges with their sources renumbered and their weights.
struct SweepLayout {
    /// Original node at each position.
    let order: [Int32]
    /// `nodeCount + 1` offsets into ``sources`` by position.
    let offsets: [UInt32]
    /// Position of the source of each in-edge.
    let sources: [Int32]
    /// Weight of each in-edge; empty when ``weightsAsFloat`` holds them exactly (small integers, as referral counts).
    let weights: [Double]
    let weightsAsFloat: [Float]
    /// 1 / out-strength of the node at each position (0 for dangling nodes).
    let inverseStrength: [Double]

    init(_ graph: WeightedDigraph) {
        let n = graph.nodeCount
        let order = Self.depthFirstOrder(graph.outgoing)
        var position = [Int32](repeating: 0, count: n)
        for (index, node) in order.enumerated() { position[Int(node)] = Int32(index) }
        let incoming = graph.incoming
        var offsets = [UInt32](repeating: 0, count: n + 1)
        for index in 0..<n { offsets[index + 1] = offsets[index] + UInt32(incoming.degree(of: order[index])) }
        var sources = [Int32](repeating: 0, count: incoming.edgeCount)
        var weights = [Double](repeating: 0, count: incoming.edgeCount)
        var exactAsFloat = true
        for index in 0..<n {
            var slot = Int(offsets[index])
            for edge in incoming.edgeRange(of: order[index]) {
                sources[slot] = position[Int(incoming.targets[edge])]
                let weight = graph.outWeights[Int(graph.incomingEdge[edge])]
                weights[slot] = weight
                if exactAsFloat && Double(Float(weight)) != weight { exactAsFloat = false }
                slot += 1
            }
        }
        let strength = graph.outStrength()
        self.order = order
        self.offsets = offsets
        self.sources = sources
        self.weightsAsFloat = exactAsFloat ? weights.map { Float($0) } : []
        self.weights = exactAsFloat ? [] : weights
        self.inverseStrength = order.map { strength[Int($0)] > 0 ? 1 / strength[Int($0)] : 0 }
    }

    /// Reverse postorder of an iterative depth-first search over `outgoing`, roots in node order.
    static func depthFirstOrder(_ outgoing: CompressedAdjacency) -> [Int32] {
        let n = outgoing.nodeCount
        var visited = [Bool](repeating: false, count: n)
        var postorder: [Int32] = []
        postorder.reserveCapacity(n)
        var stackNode: [Int32] = []
        var stackNext: [UInt32] = []
        for root in 0..<n where !visited[root] {
            visited[root] = true
            stackNode.append(Int32(root))
            stackNext.append(outgoing.offsets[root])
            while let node = stackNode.last {
                let next = stackNext[stackNext.count - 1]
                if next < outgoing.offsets[Int(node) + 1] {
                    stackNext[stackNext.count - 1] = next + 1
                    let target = Int(outgoing.targets[Int(next)])
                    if !visited[target] {
                        visited[target] = true
                        stackNode.append(Int32(target))
                        stackNext.append(outgoing.offsets[target])
                    }
                } else {
                    postorder.append(node)
                    stackNode.removeLast()
                    stackNext.removeLast()
                }
            }
        }
        return postorder.reversed()
    }
}
