public import LeadRoutingCore

/// A directed graph with positive edge weights in compressed sparse row form, both directions: the input of
/// the network-analysis algorithms.
///
/// Built from the referral network of a ``GraphProjection`` (edge weight = referrals `sent`), or from an edge
/// list for tests and other callers. Node `i` is the projection's dense agent index `i`.
public struct WeightedDigraph: Sendable {
    /// Out-edges of every node (targets sorted within a node).
    public let outgoing: CompressedAdjacency
    /// Weight of each out-edge, by position in ``outgoing``.
    public let outWeights: [Double]
    /// In-edges of every node (sources sorted within a node).
    public let incoming: CompressedAdjacency
    /// Position in ``outgoing`` of each in-edge.
    public let incomingEdge: [UInt32]

    /// Number of nodes.
    public var nodeCount: Int { self.outgoing.nodeCount }
    /// Number of edges.
    public var edgeCount: Int { self.outgoing.edgeCount }

    /// The referral network of `projection`, weighted by `sent`.
    public init(projection: GraphProjection) {
        self.outgoing = projection.referralsOut
        self.outWeights = projection.referralSent.map { Double($0) }
        self.incoming = projection.referralsIn
        self.incomingEdge = projection.referralsInEdge
    }

    /// A graph from an edge list. Parallel edges are kept as given; self-loops are allowed.
    /// - Parameters:
    ///   - nodeCount: number of nodes; edge endpoints must be in `0..<nodeCount`.
    ///   - edges: `(from, to, weight)` triples.
    public init(nodeCount: Int, edges: [(from: Int, to: Int, weight: Double)]) {
        let sources = edges.map { Int32($0.from) }
        let targets = edges.map { Int32($0.to) }
        let (out, outPermutation) = CompressedAdjacency.build(nodeCount: nodeCount, sources: sources, targets: targets)
        self.outgoing = out
        self.outWeights = outPermutation.map { edges[Int($0)].weight }
        // Position in `out` of each input edge, to link the in-edges back to their out-edge payload.
        var positionOfInput = [UInt32](repeating: 0, count: edges.count)
        for (position, input) in outPermutation.enumerated() { positionOfInput[Int(input)] = UInt32(position) }
        let (incoming, inPermutation) = CompressedAdjacency.build(nodeCount: nodeCount, sources: targets, targets: sources)
        self.incoming = incoming
        self.incomingEdge = inPermutation.map { positionOfInput[Int($0)] }
    }

    /// Sum of out-edge weights of every node.
    public func outStrength() -> [Double] {
        var strength = [Double](repeating: 0, count: self.nodeCount)
        for node in 0..<self.nodeCount {
            var sum = 0.0
            for position in self.outgoing.edgeRange(of: Int32(node)) { sum += self.outWeights[position] }
            strength[node] = sum
        }
        return strength
    }

    /// Sum of in-edge weights of every node.
    public func inStrength() -> [Double] {
        var strength = [Double](repeating: 0, count: self.nodeCount)
        for node in 0..<self.nodeCount {
            var sum = 0.0
            for position in self.incoming.edgeRange(of: Int32(node)) { sum += self.outWeights[Int(self.incomingEdge[position])] }
            strength[node] = sum
        }
        return strength
    }
}
