import LeadRoutingCore

/// Weakly and strongly connected components of a digraph, without recursion (safe on graphs of any depth).
///
/// Components are numbered by decreasing size, ties by their smallest node index, so the labelling is
/// canonical: the same graph always gives the same numbers.
public struct ConnectedComponents: Sendable {
    /// Component of every node.
    public var labels: [Int32]
    /// Size of every component; `sizes[0]` is the largest.
    public var sizes: [Int]

    /// Number of components.
    public var count: Int { self.sizes.count }

    /// Weak components: union–find over the edges with path halving and union by size.
    public static func weak(_ graph: WeightedDigraph) -> Self {
        let n = graph.nodeCount
        var parent = (0..<Int32(n)).map { $0 }
        var size = [Int32](repeating: 1, count: n)
        parent.withUnsafeMutableBufferPointer { parent in
            func find(_ x: Int32) -> Int32 {
                var x = x
                while parent[Int(x)] != x {
                    parent[Int(x)] = parent[Int(parent[Int(x)])]
                    x = parent[Int(x)]
                }
                return x
            }
            let offsets = graph.outgoing.offsets
            let targets = graph.outgoing.targets
            for u in 0..<n {
                for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                    var a = find(Int32(u))
                    var b = find(targets[e])
                    if a == b { continue }
                    if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
                    parent[Int(b)] = a
                    size[Int(a)] += size[Int(b)]
                }
            }
            for u in 0..<n { parent[u] = find(Int32(u)) }
        }
        return Self(rawLabels: parent)
    }

    /// Strong components: Tarjan's algorithm with an explicit call stack.
    public static func strong(_ graph: WeightedDigraph) -> Self {
        let n = graph.nodeCount
        let offsets = graph.outgoing.offsets
        let targets = graph.outgoing.targets
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack = [Int32]()
        var callNode = [Int32]()
        var callEdge = [Int]()
        var counter: Int32 = 0
        var components: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            index[root] = counter
            low[root] = counter
            counter += 1
            stack.append(Int32(root))
            onStack[root] = true
            callNode.append(Int32(root))
            callEdge.append(Int(offsets[root]))
            while let v32 = callNode.last {
                let v = Int(v32)
                let e = callEdge[callEdge.count - 1]
                if e < Int(offsets[v + 1]) {
                    callEdge[callEdge.count - 1] = e + 1
                    let w = Int(targets[e])
                    if index[w] < 0 {
                        index[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(Int32(w))
                        onStack[w] = true
                        callNode.append(Int32(w))
                        callEdge.append(Int(offsets[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                // v is finished.
                if low[v] == index[v] {
                    while true {
                        let w = Int(stack.removeLast())
                        onStack[w] = false
                        component[w] = components
                        if w == v { break }
                    }
                    components += 1
                }
                callNode.removeLast()
                callEdge.removeLast()
                if let parent = callNode.last { low[Int(parent)] = min(low[Int(parent)], low[v]) }
            }
        }
        return Self(rawLabels: component)
    }

    /// Renumbers labels in `0..<count` canonically (size descending, then smallest member).
    init(rawLabels: [Int32]) {
        let n = rawLabels.count
        var first = [Int](repeating: -1, count: n)
        var counts = [Int]()
        var slot = [Int](repeating: 0, count: n)
        for v in 0..<n {
            let label = Int(rawLabels[v])
            let existing = first[label]
            if existing >= 0 {
                slot[v] = existing
                counts[existing] += 1
            } else {
                first[label] = counts.count
                slot[v] = counts.count
                counts.append(1)
            }
        }
        // Slots are already in order of smallest member; a stable sort by size keeps that as the tie-break.
        let order = counts.indices.sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
        var rank = [Int32](repeating: 0, count: counts.count)
        for (position, s) in order.enumerated() { rank[s] = Int32(position) }
        self.labels = slot.map { rank[$0] }
        self.sizes = order.map { counts[$0] }
    }
}
