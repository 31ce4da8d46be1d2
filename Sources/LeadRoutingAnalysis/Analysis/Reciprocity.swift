import LeadRoutingCore

/// Reciprocity as NetworkX defines it: globally, the share of edges whose reverse edge exists
/// (`overall_reciprocity`); per node, `2·|pred ∩ succ| / (|pred| + |succ|)` (`reciprocity(G, nodes)`), undefined
/// (`nil`) for a node without edges.
public struct Reciprocity: Sendable {
    /// Share of edges reciprocated; `nil` when the graph has no edges (NetworkX raises).
    public var overall: Double?
    /// Reciprocity of every node; `nil` for isolated nodes.
    public var perNode: [Double?]
    /// Number of edges whose reverse edge exists.
    public var reciprocatedEdges: Int

    /// Computes both measures. As in NetworkX, a self-loop makes its node its own predecessor and successor, but
    /// does not count as a reciprocated edge globally.
    public init(_ graph: WeightedDigraph) {
        let n = graph.nodeCount
        let out = graph.outgoing
        let inc = graph.incoming
        var reciprocated = 0
        var perNode = [Double?](repeating: nil, count: n)
        for u in 0..<n {
            // Sorted rows without duplicates (distinct neighbours, as NetworkX's sets).
            var i = Int(out.offsets[u])
            let iEnd = Int(out.offsets[u + 1])
            var j = Int(inc.offsets[u])
            let jEnd = Int(inc.offsets[u + 1])
            var successors = 0
            var predecessors = 0
            var overlap = 0
            var lastOut: Int32 = -1
            var lastIn: Int32 = -1
            var lastOverlap: Int32 = -1
            var selfLoop = false
            while i < iEnd || j < jEnd {
                let a = i < iEnd ? out.targets[i] : Int32.max
                let b = j < jEnd ? inc.targets[j] : Int32.max
                if a <= b {
                    if a != lastOut { successors += 1 }
                    lastOut = a
                    i += 1
                }
                if b <= a {
                    if b != lastIn { predecessors += 1 }
                    lastIn = b
                    j += 1
                }
                if a == b && a != lastOverlap {
                    overlap += 1
                    lastOverlap = a
                    if Int(a) == u { selfLoop = true }
                }
            }
            // Edges u→v with v→u present are exactly u's distinct successors that are also predecessors; a self-loop
            // is one edge of the undirected view too, so NetworkX does not count it globally.
            reciprocated += overlap - (selfLoop ? 1 : 0)
            let total = successors + predecessors
            perNode[u] = total == 0 ? nil : 2 * Double(overlap) / Double(total)
        }
        self.perNode = perNode
        self.reciprocatedEdges = reciprocated
        self.overall = graph.edgeCount == 0 ? nil : Double(reciprocated) / Double(graph.edgeCount)
    }
}
