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
