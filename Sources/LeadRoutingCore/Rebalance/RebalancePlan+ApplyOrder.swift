extension RebalancePlan {
    /// The plan's moves in the order `rebalance apply` runs them, cut into batches of about `size` moves (one
    /// transaction each). Derived from the plan alone, so every apply of a plan (a resumed one too) cuts the same
    /// batches.
    ///
    /// A move into an agent waits for the moves out of it (they free its room): moves are taken in dependency order
    /// (Tarjan's strongly connected components of the agents' move graph, emitted sinks first). The moves of a
    /// cycle (leads swapped between agents) can only go through together: a component's moves are never split
    /// across batches (a batch is larger than `size` when a component is). Within a component, and between
    /// independent components, moves keep lead-id order.
    public func applyBatches(size: Int) -> [[RebalanceMove]] {
        let size = max(1, size)
        var batches: [[RebalanceMove]] = []
        var current: [RebalanceMove] = []
        for group in self.applyGroups() {
            if !current.isEmpty && current.count + group.count > size {
                batches.append(current)
                current = []
            }
            current += group
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The moves grouped by strongly connected component of the graph "a move out of agent A into agent B" (A → B),
    /// in an order where a component comes after every component its targets' moves belong to.
    func applyGroups() -> [[RebalanceMove]] {
        let moves = self.moves.sorted { $0.leadId < $1.leadId }
        // Agent nodes in first-seen order of the sorted moves (deterministic).
        var index: [String: Int] = [:]
        func node(_ id: String) -> Int {
            if let known = index[id] { return known }
            index[id] = index.count
            return index.count - 1
        }
        var edges: [[Int]] = []
        var movesFrom: [[Int]] = []  // move indices by source node; unsourced moves kept apart
        var unsourced: [Int] = []
        for (position, move) in moves.enumerated() {
            let target = node(move.toAgentId)
            let source = move.fromAgentId.map(node)
            while edges.count < index.count {
                edges.append([])
                movesFrom.append([])
            }
            if let source {
                edges[source].append(target)
                movesFrom[source].append(position)
            } else {
                unsourced.append(position)
            }
        }
        let components = Self.stronglyConnectedComponents(edges)  // sinks first
        var componentOf = [Int](repeating: 0, count: edges.count)
        for (number, component) in components.enumerated() { for agent in component { componentOf[agent] = number } }
        // A move belongs to its source's component; a move without a source needs no room freed and goes with its
        // target's component (after the moves out of that target, which sit in the same or an earlier component).
        var grouped = [[Int]](repeating: [], count: components.count)
        for (source, positions) in movesFrom.enumerated() { grouped[componentOf[source]] += positions }
        for position in unsourced { grouped[componentOf[index[moves[position].toAgentId]!]].append(position) }
        return grouped.filter { !$0.isEmpty }.map { $0.sorted().map { moves[$0] } }
    }

    /// Tarjan's algorithm, iterative: components in reverse topological order (a component after every component
    /// reachable from it, i.e. sinks first).
    static func stronglyConnectedComponents(_ edges: [[Int]]) -> [[Int]] {
        let count = edges.count
        var order = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<count where order[root] < 0 {
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.next < edges[node].count {
                    frames[frames.count - 1].next += 1
                    let target = edges[node][frame.next]
                    if order[target] < 0 {
                        order[target] = counter
                        low[target] = counter
                        counter += 1
                        stack.append(target)
                        onStack[target] = true
                        frames.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], order[target])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[node]) }
                if low[node] == order[node] {
                    var component: [Int] = []
                    while let top = stack.popLast() {
                        onStack[top] = false
                        component.append(top)
                        if top == node { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
