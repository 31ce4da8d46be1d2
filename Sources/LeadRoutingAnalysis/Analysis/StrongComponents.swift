import LeadRoutingCore

/// The strongly connected components of a directed graph, by Tarjan's algorithm run iteratively (no recursion, so
/// any depth of graph is fine), with the nodes listed component by component in topological order.
///
/// Every edge between two components goes from an earlier component to a later one (a referrer's component
/// before the components it refers into). Within a component the nodes follow the reverse postorder of the same
/// depth-first search, in which only the search's back edges point backwards.
struct StrongComponents: Sendable {
    /// Every node once, grouped by component, components in topological order.
    let order: [Int32]
    /// `count + 1` offsets into ``order``: component `c` is `order[starts[c]..<starts[c + 1]]`.
    let starts: [Int32]

    /// Number of components.
    var count: Int { self.starts.count - 1 }

    /// The components of the graph whose out-edges are `outgoing`; the search starts from the roots in node order.
    init(_ outgoing: CompressedAdjacency) {
        let n = outgoing.nodeCount
        var completed = [Int32](repeating: -1, count: n)
        var postorder = [Int32](repeating: 0, count: n)
        var componentCount = 0
        outgoing.offsets.withUnsafeBufferPointer { offsets in
            outgoing.targets.withUnsafeBufferPointer { targets in
                completed.withUnsafeMutableBufferPointer { completed in
                    postorder.withUnsafeMutableBufferPointer { postorder in
                        componentCount = Self.tarjan(offsets, targets, completed, postorder)
                    }
                }
            }
        }
        // Tarjan completes a component only after every component it reaches, so the reverse of completion order
        // is topological. Counting sort by that, taking the nodes in reverse postorder.
        let count = Int(componentCount)
        var starts = [Int32](repeating: 0, count: count + 1)
        for node in 0..<n { starts[count - Int(completed[node])] += 1 }
        for component in 0..<count { starts[component + 1] += starts[component] }
        var cursor = starts
        var order = [Int32](repeating: 0, count: n)
        for node in postorder.reversed() {
            let component = count - 1 - Int(completed[Int(node)])
            order[Int(cursor[component])] = node
            cursor[component] += 1
        }
        self.order = order
        self.starts = starts
    }

    /// Tarjan's algorithm with explicit stacks: fills `completed` (each node's component, numbered in completion
    /// order) and `postorder` (the nodes as the depth-first search finishes them); returns the number of components.
    private static func tarjan(
        _ offsets: UnsafeBufferPointer<UInt32>,
        _ targets: UnsafeBufferPointer<Int32>,
        _ completed: UnsafeMutableBufferPointer<Int32>,
        _ postorder: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        let n = completed.count
        // Per node: discovery index (-1: not reached) and low link; `completed` stays -1 while a reached node is
        // on Tarjan's stack. The search path and Tarjan's stack never hold more than n nodes.
        let discovery = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let low = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let open = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)  // Tarjan's stack
        let pathNode = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)  // the search path
        let pathNext = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)  // next out-edge of each on it
        defer {
            for buffer in [discovery, low, open, pathNode] { buffer.deallocate() }
            pathNext.deallocate()
        }
        discovery.initialize(repeating: -1)
        var discovered: Int32 = 0
        var finished = 0
        var openCount = 0
        var componentCount: Int32 = 0
        for root in 0..<n where discovery[root] < 0 {
            discovery[root] = discovered
            low[root] = discovered
            discovered += 1
            open[openCount] = Int32(root)
            openCount += 1
            pathNode[0] = Int32(root)
            pathNext[0] = offsets[root]
            var depth = 1
            while depth > 0 {
                let v = Int(pathNode[depth - 1])
                let edge = pathNext[depth - 1]
                if edge < offsets[v + 1] {
                    pathNext[depth - 1] = edge + 1
                    let w = Int(targets[Int(edge)])
                    if discovery[w] < 0 {
                        discovery[w] = discovered
                        low[w] = discovered
                        discovered += 1
                        open[openCount] = Int32(w)
                        openCount += 1
                        pathNode[depth] = Int32(w)
                        pathNext[depth] = offsets[w]
                        depth += 1
                    } else if completed[w] < 0 {
                        low[v] = min(low[v], discovery[w])
                    }
                    continue
                }
                depth -= 1
                postorder[finished] = Int32(v)
                finished += 1
                if depth > 0 {
                    let parent = Int(pathNode[depth - 1])
                    low[parent] = min(low[parent], low[v])
                }
                if low[v] == discovery[v] {
                    while true {
                        openCount -= 1
                        let member = Int(open[openCount])
                        completed[member] = componentCount
                        if member == v { break }
                    }
                    componentCount += 1
                }
            }
        }
        return Int(componentCount)
    }
}
