extension MinCostFlowSolution {
    /// Cheapest cost of sending one more unit from `origin` to every node through the residual network of this
    /// optimal flow (arcs with room forward at `cost`, arcs with flow backward at `−cost`); nil where unreachable.
    ///
    /// Exact and cheap because the solution is optimal: with its potentials every residual arc has a reduced
    /// cost ≥ 0, so one Dijkstra run answers for all nodes. Adding an arc `u → v` of cost `c` with one unit of
    /// room lowers the optimum by `max(0, −(c + distance(v → u)))`: that is how a shadow price is read off.
    public func residualDistances(from origin: Int, in problem: MinCostFlowProblem) -> [Int?] {
        let n = problem.nodeCount
        // Residual adjacency: per node, (neighbour, reduced cost ≥ 0).
        var degree = [Int](repeating: 0, count: n + 1)
        for arc in 0..<problem.arcCount {
            if self.flows[arc] < problem.arcCapacities[arc] { degree[Int(problem.arcSources[arc])] += 1 }
            if self.flows[arc] > 0 { degree[Int(problem.arcTargets[arc])] += 1 }
        }
        var offsets = [Int](repeating: 0, count: n + 1)
        for node in 0..<n { offsets[node + 1] = offsets[node] + degree[node] }
        var fill = offsets
        var heads = [Int32](repeating: 0, count: offsets[n])
        var weights = [Int](repeating: 0, count: offsets[n])
        for arc in 0..<problem.arcCount {
            let s = Int(problem.arcSources[arc])
            let t = Int(problem.arcTargets[arc])
            let reduced = self.reducedCost(problem.arcCosts[arc], from: s, to: t)
            if self.flows[arc] < problem.arcCapacities[arc] {
                heads[fill[s]] = Int32(t)
                weights[fill[s]] = max(0, reduced)
                fill[s] += 1
            }
            if self.flows[arc] > 0 {
                heads[fill[t]] = Int32(s)
                weights[fill[t]] = max(0, -reduced)
                fill[t] += 1
            }
        }
        var reduced = [Int](repeating: Int.max, count: n)
        var done = [Bool](repeating: false, count: n)
        var heap = MinHeap()
        reduced[origin] = 0
        heap.push(0, origin)
        while let (d, u) = heap.pop() {
            if done[u] || d > reduced[u] { continue }
            done[u] = true
            for position in offsets[u]..<offsets[u + 1] {
                let v = Int(heads[position])
                let candidate = d + weights[position]
                if candidate < reduced[v] {
                    reduced[v] = candidate
                    heap.push(candidate, v)
                }
            }
        }
        // Back from reduced to real costs: a path's reduced cost is its cost + π(origin) − π(end).
        return (0..<n).map { node in
            reduced[node] == Int.max ? nil : reduced[node] - self.potentials[origin] + self.potentials[node]
        }
    }
}

/// A binary min-heap of (key, node), ties by node index so the order of pops is deterministic.
private struct MinHeap {
    private var keys: [Int] = []
    private var nodes: [Int] = []

    private func less(_ i: Int, _ j: Int) -> Bool {
        self.keys[i] < self.keys[j] || (self.keys[i] == self.keys[j] && self.nodes[i] < self.nodes[j])
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        self.keys.swapAt(i, j)
        self.nodes.swapAt(i, j)
    }

    mutating func push(_ key: Int, _ node: Int) {
        self.keys.append(key)
        self.nodes.append(node)
        var i = self.keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard self.less(i, p) else { break }
            self.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard let key = self.keys.first, let node = self.nodes.first else { return nil }
        let last = self.keys.count - 1
        self.swapAt(0, last)
        self.keys.removeLast()
        self.nodes.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < self.keys.count && self.less(l, m) { m = l }
            if r < self.keys.count && self.less(r, m) { m = r }
            if m == i { break }
            self.swapAt(i, m)
            i = m
        }
        return (key, node)
    }
}
