import LeadRoutingCore

/// A weighted undirected graph in CSR form: every edge `{u, v}` with `u ≠ v` is stored in both rows,
/// self-loops separately. Louvain's working graph and the graph modularity is measured on.
public struct UndirectedGraph: Sendable {
    /// Row `u` lists the neighbours of `u` (sorted, no self).
    public let offsets: [UInt32]
    public let targets: [Int32]
    public let weights: [Double]
    /// Self-loop weight of every node (counted once in the edge total, twice in the degree, as NetworkX does).
    public let selfLoops: [Double]

    /// Number of nodes.
    public var nodeCount: Int { self.selfLoops.count }

    init(offsets: [UInt32], targets: [Int32], weights: [Double], selfLoops: [Double]) {
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.selfLoops = selfLoops
    }

    /// The undirected view of `graph`: the weights of `u→v` and `v→u` summed into one edge.
    public init(undirectedViewOf graph: WeightedDigraph) {
        let n = graph.nodeCount
        var offsets = [UInt32](repeating: 0, count: n + 1)
        var targets = [Int32]()
        var weights = [Double]()
        var selfLoops = [Double](repeating: 0, count: n)
        targets.reserveCapacity(graph.edgeCount * 2)
        weights.reserveCapacity(graph.edgeCount * 2)
        let out = graph.outgoing
        let inc = graph.incoming
        for u in 0..<n {
            // Merge the sorted out- and in-rows.
            var i = Int(out.offsets[u])
            let iEnd = Int(out.offsets[u + 1])
            var j = Int(inc.offsets[u])
            let jEnd = Int(inc.offsets[u + 1])
            while i < iEnd || j < jEnd {
                let a = i < iEnd ? out.targets[i] : Int32.max
                let b = j < jEnd ? inc.targets[j] : Int32.max
                let v = min(a, b)
                var w = 0.0
                while i < iEnd && out.targets[i] == v {
                    w += graph.outWeights[i]
                    i += 1
                }
                while j < jEnd && inc.targets[j] == v {
                    w += graph.outWeights[Int(graph.incomingEdge[j])]
                    j += 1
                }
                if Int(v) == u {
                    // A self-loop appears in both rows; count it once.
                    selfLoops[u] += w / 2
                } else {
                    targets.append(v)
                    weights.append(w)
                }
            }
            offsets[u + 1] = UInt32(targets.count)
        }
        self.init(offsets: offsets, targets: targets, weights: weights, selfLoops: selfLoops)
    }

    /// Weighted degree of every node (self-loops twice).
    public func degrees() -> [Double] {
        (0..<self.nodeCount).map { u in
            var sum = 2 * self.selfLoops[u]
            for e in Int(self.offsets[u])..<Int(self.offsets[u + 1]) { sum += self.weights[e] }
            return sum
        }
    }

    /// Total edge weight `m` (each edge once, self-loops once).
    public func totalWeight() -> Double {
        self.degrees().reduce(0, +) / 2
    }

    /// Modularity of a partition exactly as NetworkX's `modularity` computes it on an undirected graph:
    /// `Σ_c L_c / m − resolution · (K_c / 2m)²`.
    /// - Parameters:
    ///   - communities: community of every node, in `0..<communityCount`.
    ///   - resolution: NetworkX `resolution`.
    public func modularity(of communities: [Int32], resolution: Double = 1) -> Double {
        let count = Int(communities.max() ?? -1) + 1
        var internalWeight = [Double](repeating: 0, count: count)
        var degreeSum = [Double](repeating: 0, count: count)
        var total = 0.0
        for u in 0..<self.nodeCount {
            let c = Int(communities[u])
            var degree = 2 * self.selfLoops[u]
            internalWeight[c] += self.selfLoops[u]
            for e in Int(self.offsets[u])..<Int(self.offsets[u + 1]) {
                degree += self.weights[e]
                // Each internal edge is seen from both ends; count half each time.
                if Int(communities[Int(self.targets[e])]) == c { internalWeight[c] += self.weights[e] / 2 }
            }
            degreeSum[c] += degree
            total += degree
        }
        guard total > 0 else { return 0 }
        let m = total / 2
        var q = 0.0
        for c in 0..<count {
            q += internalWeight[c] / m - resolution * (degreeSum[c] / total) * (degreeSum[c] / total)
        }
        return q
    }
}
