import LeadRoutingCore

/// What an agent reaches along referral edges within `k` hops: how many agents, at which distance, and the
/// referral volume on the edges walked (every edge leaving a node fewer than `k` hops away).
public struct KHopReach: Sendable {
    /// Which edges to follow.
    public enum Direction: String, Sendable, CaseIterable {
        /// Along referrals sent (whom the agent's referrals reach).
        case out
        /// Against referrals (who reaches the agent).
        case `in`
        /// Both ways.
        case both
    }

    /// Maximum number of hops (≥ 1).
    public var hops: Int
    /// Edges followed.
    public var direction: Direction

    /// - Parameters:
    ///   - hops: default 2.
    ///   - direction: default `.out`.
    public init(hops: Int = 2, direction: Direction = .out) {
        self.hops = hops
        self.direction = direction
    }

    /// Reach of one source.
    public struct Result: Sendable, Equatable {
        /// Agents reached (source excluded).
        public var agents: Int
        /// Agents first reached at hop 1, 2, … k.
        public var agentsPerHop: [Int]
        /// Sum of `sent` over the edges leaving nodes at distance < k (in the direction followed).
        public var volume: Double
        /// Reached nodes with their distance, in BFS order (only when asked for).
        public var reached: [(node: Int, hops: Int)]

        public static func == (a: Self, b: Self) -> Bool {
            a.agents == b.agents && a.agentsPerHop == b.agentsPerHop && a.volume == b.volume
                && a.reached.map(\.node) == b.reached.map(\.node) && a.reached.map(\.hops) == b.reached.map(\.hops)
        }
    }

    /// Reach from one node.
    public func run(from source: Int, on graph: WeightedDigraph, listReached: Bool = true) throws(AnalysisError) -> Result {
        guard self.hops >= 1 else { throw .invalidParameter("hops", "must be ≥ 1") }
        guard source >= 0 && source < graph.nodeCount else { throw .invalidParameter("agent", "not in the graph") }
        var distance = [Int32](repeating: -1, count: graph.nodeCount)
        return self.reach(from: source, graph, &distance, listReached: listReached)
    }

    /// Reach from every node (in parallel), without the lists of reached nodes.
    public func runAll(on graph: WeightedDigraph, progress: ((Int, Int) throws(AnalysisError) -> Void)? = nil) throws(AnalysisError) -> [Result] {
        guard self.hops >= 1 else { throw .invalidParameter("hops", "must be ≥ 1") }
        let n = graph.nodeCount
        var results = [Result](repeating: Result(agents: 0, agentsPerHop: [], volume: 0, reached: []), count: n)
        let chunk = 4096
        var done = 0
        while done < n {
            let end = min(n, done + chunk)
            let start = done
            results.withUnsafeMutableBufferPointer { results in
                ParallelLoop.forEachBlock(count: end - start, blocks: 8) { _, range in
                    var distance = [Int32](repeating: -1, count: n)
                    for i in range { results[start + i] = self.reach(from: start + i, graph, &distance, listReached: false) }
                }
            }
            done = end
            try progress?(done, n)
        }
        return results
    }

    private func reach(from source: Int, _ graph: WeightedDigraph, _ distance: inout [Int32], listReached: Bool) -> Result {
        var queue = [Int32(source)]
        distance[source] = 0
        var head = 0
        var perHop = [Int](repeating: 0, count: self.hops)
        var reached = [(node: Int, hops: Int)]()
        let followOut = self.direction != .in
        let followIn = self.direction != .out
        let hops = self.hops
        func visit(_ w: Int, from dv: Int) {
            if distance[w] < 0 {
                distance[w] = Int32(dv + 1)
                queue.append(Int32(w))
                perHop[dv] += 1
                if listReached { reached.append((w, dv + 1)) }
            }
        }
        while head < queue.count {
            let v = Int(queue[head])
            head += 1
            let dv = Int(distance[v])
            if dv >= hops { continue }
            if followOut { for e in graph.outgoing.edgeRange(of: Int32(v)) { visit(Int(graph.outgoing.targets[e]), from: dv) } }
            if followIn { for e in graph.incoming.edgeRange(of: Int32(v)) { visit(Int(graph.incoming.targets[e]), from: dv) } }
        }
        // Volume: each edge walked once, i.e. leaving (or, against the direction, entering) a node closer than k.
        var volume = 0.0
        for v32 in queue where Int(distance[Int(v32)]) < hops {
            if followOut { for e in graph.outgoing.edgeRange(of: v32) { volume += graph.outWeights[e] } }
            if followIn {
                for e in graph.incoming.edgeRange(of: v32) {
                    let u = Int(graph.incoming.targets[e])
                    if followOut && distance[u] >= 0 && Int(distance[u]) < hops { continue }
                    volume += graph.outWeights[Int(graph.incomingEdge[e])]
                }
            }
        }
        for v in queue { distance[Int(v)] = -1 }
        return Result(agents: queue.count - 1, agentsPerHop: perHop, volume: volume, reached: reached)
    }
}
