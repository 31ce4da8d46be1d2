import LeadRoutingCore

/// A deliberately simple reference solver for the property tests: successive shortest paths with Bellman–Ford on
/// the residual network, from a super source to a super sink. Exact for networks without negative cycles (the
/// tests generate acyclic ones); slow, obviously correct.
enum ReferenceMinCostFlow {
    /// The optimal cost, or nil when no flow meets every supply.
    static func optimum(_ problem: MinCostFlowProblem) -> Int? {
        let n = problem.nodeCount + 2
        let superSource = n - 2
        let superSink = n - 1
        var heads: [Int] = []
        var capacities: [Int] = []
        var costs: [Int] = []
        var outgoing = [[Int]](repeating: [], count: n)
        func add(_ u: Int, _ v: Int, _ capacity: Int, _ cost: Int) {
            outgoing[u].append(heads.count)
            heads.append(v)
            capacities.append(capacity)
            costs.append(cost)
            outgoing[v].append(heads.count)
            heads.append(u)
            capacities.append(0)
            costs.append(-cost)
        }
        for arc in 0..<problem.arcCount {
            add(Int(problem.arcSources[arc]), Int(problem.arcTargets[arc]), problem.arcCapacities[arc], problem.arcCosts[arc])
        }
        var required = 0
        for (node, supply) in problem.supplies.enumerated() {
            if supply > 0 {
                add(superSource, node, supply, 0)
                required += supply
            } else if supply < 0 {
                add(node, superSink, -supply, 0)
            }
        }
        var sent = 0
        var total = 0
        while sent < required {
            var distance = [Int?](repeating: nil, count: n)
            var via = [Int](repeating: -1, count: n)
            distance[superSource] = 0
            for _ in 0..<n {
                var changed = false
                for u in 0..<n {
                    guard let du = distance[u] else { continue }
                    for edge in outgoing[u] where capacities[edge] > 0 {
                        let v = heads[edge]
                        if distance[v] == nil || du + costs[edge] < distance[v]! {
                            distance[v] = du + costs[edge]
                            via[v] = edge
                            changed = true
                        }
                    }
                }
                if !changed { break }
            }
            guard distance[superSink] != nil else { return nil }
            var bottleneck = required - sent
            var v = superSink
            while v != superSource {
                let edge = via[v]
                bottleneck = min(bottleneck, capacities[edge])
                v = heads[edge ^ 1]
            }
            v = superSink
            while v != superSource {
                let edge = via[v]
                capacities[edge] -= bottleneck
                capacities[edge ^ 1] += bottleneck
                total += bottleneck * costs[edge]
                v = heads[edge ^ 1]
            }
            sent += bottleneck
        }
        return total
    }
}
