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
        var position = [Int32](repeating: 0, count: n)
        for (index, node) in order.enumerated() { position[Int(node)] = Int32(index) }
        let incoming = graph.incoming
        var offsets = [UInt32](repeating: 0, count: n + 1)
        for index in 0..<n { offsets[index + 1] = offsets[index] + UInt32(incoming.degree(of: order[index])) }
        var internalStarts = [UInt32](repeating: 0, count: n)
        var sources = [Int32](repeating: 0, count: incoming.edgeCount)
        var weights = [Double](repeating: 0, count: incoming.edgeCount)
        var exactAsFloat = true
        for component in 0..<components.count {
            let start = components.starts[component]
            for index in Int(start)..<Int(components.starts[component + 1]) {
                // External in-edges fill the node's slots from the front, internal ones from the back.
                var front = Int(offsets[index])
                var back = Int(offsets[index + 1])
                for edge in incoming.edgeRange(of: order[index]) {
                    let source = position[Int(incoming.targets[edge])]
                    let weight = graph.outWeights[Int(graph.incomingEdge[edge])]
                    if exactAsFloat && Double(Float(weight)) != weight { exactAsFloat = false }
                    let slot: Int
                    if source < start {
                        slot = front
                        front += 1
                    } else {
                        back -= 1
                        slot = back
                    }
                    sources[slot] = source
                    weights[slot] = weight
                }
                internalStarts[index] = UInt32(front)
            }
        }
        let strength = graph.outStrength()
        self.order = order
        self.componentStarts = components.starts
        self.offsets = offsets
        self.internalStarts = internalStarts
        self.sources = sources
        self.weightsAsFloat = exactAsFloat ? weights.map { Float($0) } : []
        self.weights = exactAsFloat ? [] : weights
        self.inverseStrength = order.map { strength[Int($0)] > 0 ? 1 / strength[Int($0)] : 0 }
    }
}
