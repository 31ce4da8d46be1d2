/// Compressed sparse row (CSR) adjacency: the neighbours of node `n` are
/// `targets[offsets[n] ..< offsets[n + 1]]`, and any per-edge payload arrays share those positions.
public struct CompressedAdjacency: Sendable {
    /// `nodeCount + 1` offsets into ``targets``.
    public let offsets: [UInt32]
    /// Edge targets, grouped by source node, each group sorted by target index.
    public let targets: [Int32]

    /// Number of source nodes.
    public var nodeCount: Int { self.offsets.count - 1 }
    /// Number of edges.
    public var edgeCount: Int { self.targets.count }

    /// Edge positions of `node`'s out-edges.
    @inlinable
    public func edgeRange(of node: Int32) -> Range<Int> {
        Int(self.offsets[Int(node)])..<Int(self.offsets[Int(node) + 1])
    }

    /// Number of edges leaving `node`.
    @inlinable
    public func degree(of node: Int32) -> Int {
        Int(self.offsets[Int(node) + 1] - self.offsets[Int(node)])
    }

    /// Builds the adjacency by counting sort. `permutation[i]` is the input edge index stored at position `i`,
    /// so callers can lay out payload arrays in the same order.
    /// - Parameters:
    ///   - nodeCount: number of source nodes.
    ///   - sources: source node of each edge.
    ///   - targets: target node of each edge.
    public static func build(nodeCount: Int, sources: [Int32], targets: [Int32]) -> (adjacency: Self, permutation: [UInt32]) {
        precondition(sources.count == targets.count)
        var counts = [UInt32](repeating: 0, count: nodeCount + 1)
        for source in sources { counts[Int(source) + 1] &+= 1 }
        for i in 0..<nodeCount { counts[i + 1] &+= counts[i] }
        let offsets = counts
        var cursor = counts
        var orderedTargets = [Int32](repeating: 0, count: sources.count)
        var permutation = [UInt32](repeating: 0, count: sources.count)
        for edge in sources.indices {
            let source = Int(sources[edge])
            let position = Int(cursor[source])
            cursor[source] &+= 1
            orderedTargets[position] = targets[edge]
            permutation[position] = UInt32(edge)
        }
        // Sort each group by target so neighbour order (and so every tie) is independent of input row order.
        for node in 0..<nodeCount {
            let range = Int(offsets[node])..<Int(offsets[node + 1])
            guard range.count > 1 else { continue }
            var pairs = range.map { (orderedTargets[$0], permutation[$0]) }
            var sorted = true
            for i in 1..<pairs.count where pairs[i - 1].0 > pairs[i].0 {
                sorted = false
                break
            }
            if sorted { continue }
            pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            for (offset, pair) in pairs.enumerated() {
                orderedTargets[range.lowerBound + offset] = pair.0
                permutation[range.lowerBound + offset] = pair.1
            }
        }
        return (Self(offsets: offsets, targets: orderedTargets), permutation)
    }

    /// Bytes held by the arrays.
    public var byteCount: Int {
        self.offsets.capacity * MemoryLayout<UInt32>.stride + self.targets.capacity * MemoryLayout<Int32>.stride
    }
}

extension Array where Element: BitwiseCopyable {
    /// Reorders a per-edge payload array into CSR order.
    @inlinable
    func permuted(by permutation: [UInt32]) -> [Element] {
        permutation.map { self[Int($0)] }
    }
}
