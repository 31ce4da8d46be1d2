import LeadRoutingCore

/// The in-edges of a ``WeightedDigraph`` renumbered for solving PageRank component by component: nodes in the
/// order of ``StrongComponents`` (so each component is a contiguous range of positions and every edge between
/// components points forwards), each node's in-edges from earlier components first, then those from its own
/// component (self-loops included), with their sources renumbered to positions and their weights.
struct ComponentLayout {
    /// Original node at each position.
    let order: [Int32]
    /// `componentCount + 1` offsets into the positions: component `c` is `componentStarts[c]..<componentStarts[c + 1]`.
    let componentStarts: [Int32]
    /// `nodeCount + 1` offsets into ``sources`` by position.
    let offsets: [UInt32]
    /// Where the in-edges from the node's own component start, by position (in-edges before it come from earlier
    /// components).
    let internalStarts: [UInt32]
    /// Position of the source of each in-edge.
    let sources: [Int32]
    /// Weight of each in-edge; empty when ``weightsAsFloat`` holds them exactly (small integers, as referral counts).
    let weights: [Double]
    let weightsAsFloat: [Float]
    /// 1 / out-strength of the node at each position (0 for dangling nodes).
    let inverseStrength: [Double]

    init(_ graph: WeightedDigraph) {
        let n = graph.nodeCount
        let components = StrongComponents(graph.outgoing)
        let order = components.order
        // Position of each node and the first position of its component.
        var position = [Int32](repeating: 0, count: n)
        var componentStart = [Int32](repeating: 0, count: n)
        for component in 0..<components.count {
            let start = components.starts[component]
            for index in start..<components.starts[component + 1] {
                position[Int(order[Int(index)])] = index
                componentStart[Int(order[Int(index)])] = start
            }
        }
        let incoming = graph.incoming
        var offsets = [UInt32](repeating: 0, count: n + 1)
        for index in 0..<n { offsets[index + 1] = offsets[index] + UInt32(incoming.degree(of: order[index])) }
        let exactAsFloat = graph.outWeights.allSatisfy { Double(Float($0)) == $0 }
        var internalStarts = [UInt32](repeating: 0, count: n)
        var sources = [Int32](repeating: 0, count: incoming.edgeCount)
        var weights = [Double](repeating: 0, count: exactAsFloat ? 0 : incoming.edgeCount)
        var weightsAsFloat = [Float](repeating: 0, count: exactAsFloat ? incoming.edgeCount : 0)
        if exactAsFloat {
            Self.fill(graph, position, componentStart, offsets, &internalStarts, &sources, &weightsAsFloat)
        } else {
            Self.fill(graph, position, componentStart, offsets, &internalStarts, &sources, &weights)
        }
        let strength = graph.outStrength()
        self.order = order
        self.componentStarts = components.starts
        self.offsets = offsets
        self.internalStarts = internalStarts
        self.sources = sources
        self.weights = weights
        self.weightsAsFloat = weightsAsFloat
        self.inverseStrength = order.map { strength[Int($0)] > 0 ? 1 / strength[Int($0)] : 0 }
    }

    /// Copies the in-edges into their slots, node by node in the graph's order (so the graph's arrays are read
    /// in sequence): those from earlier components fill a node's slots from the front, those from its own
    /// component from the back.
    private static func fill<Weight: BinaryFloatingPoint>(
        _ graph: WeightedDigraph,
        _ position: [Int32],
        _ componentStart: [Int32],
        _ offsets: [UInt32],
        _ internalStarts: inout [UInt32],
        _ sources: inout [Int32],
        _ weights: inout [Weight]
    ) {
        let incoming = graph.incoming
        for node in 0..<graph.nodeCount {
            let index = Int(position[node])
            let start = componentStart[node]
            var front = Int(offsets[index])
            var back = Int(offsets[index + 1])
            for edge in incoming.edgeRange(of: Int32(node)) {
                let source = position[Int(incoming.targets[edge])]
                let slot: Int
                if source < start {
                    slot = front
                    front += 1
                } else {
                    back -= 1
                    slot = back
                }
                sources[slot] = source
                weights[slot] = Weight(graph.outWeights[Int(graph.incomingEdge[edge])])
            }
            internalStarts[index] = UInt32(front)
        }
    }
}
