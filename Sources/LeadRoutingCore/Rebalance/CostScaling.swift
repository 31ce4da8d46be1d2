/// Exact minimum-cost flow by cost scaling: Goldberg's push–relabel method on ε-optimal pseudoflows (Goldberg &
/// Tarjan 1990; Goldberg 1997, "An efficient implementation of a scaling minimum-cost flow algorithm"), the kind
/// of solver in OR-Tools' `SimpleMinCostFlow` and LEMON's `CostScaling`.
///
/// Why this is the planner's solver: on the rebalance shape (hundreds of thousands of unit-supply leads, about twenty
/// unit arcs each, a few convex load arcs per agent) it is an order of magnitude faster than ``NetworkSimplex``,
/// whose block-search pivots are mostly degenerate there (`BENCHMARKS.md`, "Rebalance solver", measures both in one
/// run). The simplex stays as the independent second solver the tests compare against, and as the fallback below.
///
/// Costs are multiplied by `n + 1` so that the last phase (ε = 1) leaves a flow that is optimal for the original
/// integer costs; each phase divides ε by ``scalingFactor``. Within a phase, active nodes are discharged first in,
/// first out, each along its arcs in a fixed order from a current-arc pointer, with two of Goldberg's heuristics that
/// matter here: look-ahead (a push into a node that could not pass the flow on relabels that node first, which
/// avoids ping-pong between neighbours) and global price updates (prices set from distances to the demands, which
/// saves most relabels).
/// Infeasibility shows in the first phase: a node with excess whose price falls below what any residual path to a
/// demand could explain has no such path.
///
/// Duals: the prices of the last phase are only 1-optimal in the scaled costs, so exact potentials for the original
/// costs are computed at the end as shortest-path distances in the optimal flow's residual network (a label-
/// correcting pass guided by those prices, which touches most nodes once).
///
/// Deterministic: no randomness and a fixed order everywhere (nodes by index; each node's own arcs, then the reverses
/// of the arcs into it, each in instance order), so
/// the same instance always gives the same flow and potentials. Where several optima exist it may pick a different
/// one than the simplex. Prices are kept within ±2⁶¹ so no reduced cost can overflow; an instance whose cost range
/// times node count would need more is solved by ``NetworkSimplex`` instead.
///
/// Pure: no I/O, no clock, no randomness.
public enum CostScaling {
    /// ε shrinks by this factor per phase (LEMON uses 16, OR-Tools 5; 5, 8 and 16 measure alike, within noise, on
    /// the rebalance shape).
    public static let scalingFactor = 8
    /// A global price update runs at the start of each phase and again after this many relabels per node (2, 4 and
    /// 8 measure alike; the updates cut the relabels by about 60 %, counted on 100,000 leads).
    public static let relabelsPerUpdate = 2

    /// Solves `problem` to optimality.
    /// - Throws: ``MinCostFlowError`` when the instance is malformed or infeasible.
    public static func solve(_ problem: MinCostFlowProblem) throws(MinCostFlowError) -> MinCostFlowSolution {
        try problem.validate()
        var run = CostScalingRun(problem)
        do {
            try run.scale()
        } catch let error where error.kind == .tooLarge {
            return try NetworkSimplex.solve(problem)
        }
        let flows = run.flows()
        let potentials = run.exactPotentials()
        var total = 0
        for arc in 0..<problem.arcCount where flows[arc] != 0 { total += flows[arc] * problem.arcCosts[arc] }
        return MinCostFlowSolution(totalCost: total, flows: flows, potentials: potentials)
    }
}

/// One arc of the residual network: an instance arc forward, or its reverse (cost negated, room = the flow).
private struct ResidualArc {
    var head: Int32
    /// Index of the paired arc in the other direction.
    var reverse: Int32
    /// Room left.
    var residual: Int
    /// Cost × the run's multiplier.
    var cost: Int
    /// The instance arc's capacity: this arc's room plus its pair's, so the pair's room is known without reading it.
    var capacity: Int
}

/// The residual network and the state of one cost-scaling solve. Unsafe buffers: this is the hot loop of the
/// planner, and every index is in range by construction.
private struct CostScalingRun: ~Copyable {
    let nodeCount: Int
    let arcCount: Int
    /// Costs are multiplied by this: `n + 1`.
    let multiplier: Int
    /// Residual arcs of node u: `first[u] ..< first[u + 1]`, one array of structs so that a scan reads one stream.
    let first: UnsafeMutableBufferPointer<Int>
    let arcs: UnsafeMutableBufferPointer<ResidualArc>
    /// Forward residual arc of each instance arc (−1 for arcs of capacity 0, which never carry flow).
    let forward: UnsafeMutableBufferPointer<Int32>
    let excess: UnsafeMutableBufferPointer<Int>
    let price: UnsafeMutableBufferPointer<Int>
    let current: UnsafeMutableBufferPointer<Int>
    /// Active nodes, first in first out (a ring of n + 1 slots: each node is in it at most once).
    let queue: UnsafeMutableBufferPointer<Int32>
    var queueHead = 0
    var queueTail = 0
    /// Global price update: per node its rank (distance to a demand in units of ε) and a bucket list by rank.
    let rank: UnsafeMutableBufferPointer<Int>
    let bucketNext: UnsafeMutableBufferPointer<Int32>
    let bucketPrevious: UnsafeMutableBufferPointer<Int32>
    let bucketFirst: UnsafeMutableBufferPointer<Int32>
    var relabelsSinceUpdate = 0
    var largestCost = 0

    /// Prices stay within ±this, so that `cost + price − price` never overflows.
    static let priceLimit = 1 << 61

    init(_ problem: MinCostFlowProblem) {
        let n = problem.nodeCount
        let m = problem.arcCount
        self.nodeCount = n
        self.arcCount = m
        self.multiplier = n + 1
        self.first = .allocate(capacity: n + 1)
        self.first.initialize(repeating: 0)
        for arc in 0..<m where problem.arcCapacities[arc] > 0 {
            self.first[Int(problem.arcSources[arc]) + 1] += 1
            self.first[Int(problem.arcTargets[arc]) + 1] += 1
        }
        for node in 0..<n { self.first[node + 1] += self.first[node] }
        self.arcs = .allocate(capacity: self.first[n])
        self.forward = .allocate(capacity: m)
        self.forward.initialize(repeating: -1)
        // Each node's own arcs first, then the reverses of the arcs into it: an agent tries its load arcs before
        // pushing a lead back. `current` is the fill position of the former, `rank` of the latter.
        self.current = .allocate(capacity: n)
        self.rank = .allocate(capacity: n)
        for node in 0..<n {
            self.current.initializeElement(at: node, to: self.first[node])
            self.rank.initializeElement(at: node, to: self.first[node])
        }
        for arc in 0..<m where problem.arcCapacities[arc] > 0 { self.rank[Int(problem.arcSources[arc])] += 1 }
        var largest = 0
        for arc in 0..<m where problem.arcCapacities[arc] > 0 {
            let s = Int(problem.arcSources[arc])
            let t = Int(problem.arcTargets[arc])
            let scaled = problem.arcCosts[arc] * self.multiplier
            let capacity = problem.arcCapacities[arc]
            let a = self.current[s]
            let b = self.rank[t]
            self.current[s] += 1
            self.rank[t] += 1
            self.arcs.initializeElement(
                at: a,
                to: ResidualArc(head: Int32(t), reverse: Int32(b), residual: capacity, cost: scaled, capacity: capacity)
            )
            self.arcs.initializeElement(
                at: b,
                to: ResidualArc(head: Int32(s), reverse: Int32(a), residual: 0, cost: -scaled, capacity: capacity)
            )
            self.forward[arc] = Int32(a)
            largest = max(largest, abs(scaled))
        }
        for node in 0..<n { self.current[node] = self.first[node] }
        self.largestCost = largest
        self.excess = .allocate(capacity: n)
        for node in 0..<n { self.excess.initializeElement(at: node, to: problem.supplies[node]) }
        self.price = .allocate(capacity: n)
        self.price.initialize(repeating: 0)
        self.queue = .allocate(capacity: n + 1)
        self.bucketNext = .allocate(capacity: n)
        self.bucketPrevious = .allocate(capacity: n)
        self.bucketFirst = .allocate(capacity: Self.rankLimit(n) + 1)
    }

    deinit {
        self.arcs.deallocate()
        for buffer in [self.first, self.excess, self.price, self.current, self.rank] { buffer.deallocate() }
        for buffer in [self.forward, self.queue, self.bucketNext, self.bucketPrevious, self.bucketFirst] { buffer.deallocate() }
    }

    /// Runs the phases from ε = the largest scaled cost down to ε = 1.
    /// - Throws: `.infeasible`, or `.tooLarge` when prices would leave ±``priceLimit``.
    mutating func scale() throws(MinCostFlowError) {
        var epsilon = max(1, self.largestCost)
        // First phase: along a residual path of k < n arcs to a demand (whose price stays 0 in the phase), each arc's
        // reduced cost is ≥ −ε and its scaled cost ≥ −largestCost, so a price below −n·(largestCost + ε) means there
        // is no such path.
        let (product, overflow) = self.nodeCount.multipliedReportingOverflow(by: self.largestCost + epsilon)
        let firstFloor = overflow || product >= Self.priceLimit ? -Self.priceLimit : -product
        try self.refine(epsilon, floor: firstFloor, exhausted: .infeasible)
        while epsilon > 1 {
            epsilon = max(1, epsilon / CostScaling.scalingFactor)
            try self.refine(epsilon, floor: -Self.priceLimit, exhausted: .tooLarge(reason: "prices out of range"))
        }
    }

    /// One phase: makes the flow ε-optimal, saturating every arc of negative reduced cost and then discharging
    /// the excesses this creates. A price falling below `floor` throws `exhausted`.
    private mutating func refine(_ epsilon: Int, floor: Int, exhausted: MinCostFlowError) throws(MinCostFlowError) {
        for u in 0..<self.nodeCount {
            let pu = self.price[u]
            for a in self.first[u]..<self.first[u + 1] {
                let arc = self.arcs[a]
                if arc.residual > 0 && arc.cost + pu - self.price[Int(arc.head)] < 0 {
                    self.arcs[a].residual = 0
                    self.arcs[Int(arc.reverse)].residual += arc.residual
                    self.excess[u] -= arc.residual
                    self.excess[Int(arc.head)] += arc.residual
                }
            }
        }
        self.queueHead = 0
        self.queueTail = 0
        for u in 0..<self.nodeCount {
            self.current[u] = self.first[u]
            if self.excess[u] > 0 { self.enqueue(u) }
        }
        self.updatePrices(epsilon)
        let updateAfter = self.nodeCount * CostScaling.relabelsPerUpdate
        while self.queueHead != self.queueTail {
            let u = Int(self.queue[self.queueHead])
            self.queueHead = self.queueHead == self.nodeCount ? 0 : self.queueHead + 1
            try self.discharge(u, epsilon, floor: floor, exhausted: exhausted)
            if self.relabelsSinceUpdate > updateAfter { self.updatePrices(epsilon) }
        }
    }

    private mutating func enqueue(_ u: Int) {
        self.queue[self.queueTail] = Int32(u)
        self.queueTail = self.queueTail == self.nodeCount ? 0 : self.queueTail + 1
    }

    /// Pushes u's excess along admissible arcs (reduced cost < 0), relabelling u whenever it has none left. Only u's
    /// own relabels are held to `floor` (the first phase's feasibility bound holds for nodes with excess); look-ahead
    /// relabels only to the price range.
    private mutating func discharge(_ u: Int, _ epsilon: Int, floor: Int, exhausted: MinCostFlowError) throws(MinCostFlowError) {
        while self.excess[u] > 0 {
            var a = self.current[u]
            let end = self.first[u + 1]
            while a < end {
                let arc = self.arcs[a]
                if arc.residual > 0 {
                    let v = Int(arc.head)
                    if arc.cost + self.price[u] - self.price[v] < 0 {
                        // Look-ahead: a node that would become active but has nowhere to send is relabelled first;
                        // the arc may stop being admissible.
                        if self.excess[v] >= 0 && !self.hasAdmissibleArc(v),
                            try self.relabel(v, epsilon, floor: -Self.priceLimit, exhausted: .tooLarge(reason: "prices out of range"))
                        {
                            if arc.cost + self.price[u] - self.price[v] >= 0 {
                                a += 1
                                continue
                            }
                        }
                        let delta = min(self.excess[u], arc.residual)
                        let wasActive = self.excess[v] > 0
                        self.arcs[a].residual -= delta
                        self.arcs[Int(arc.reverse)].residual += delta
                        self.excess[u] -= delta
                        self.excess[v] += delta
                        if !wasActive && self.excess[v] > 0 { self.enqueue(v) }
                        if self.excess[u] == 0 { break }
                    }
                }
                a += 1
            }
            self.current[u] = a
            if self.excess[u] > 0, try !self.relabel(u, epsilon, floor: floor, exhausted: exhausted) { throw exhausted }
        }
    }

    /// Whether u has an admissible arc, moving its current-arc pointer to the first one (arcs before the pointer
    /// cannot be admissible: only relabelling u makes an arc out of u admissible, and that resets the pointer).
    private mutating func hasAdmissibleArc(_ u: Int) -> Bool {
        let pu = self.price[u]
        let end = self.first[u + 1]
        var a = self.current[u]
        while a < end {
            let arc = self.arcs[a]
            if arc.residual > 0 && arc.cost + pu - self.price[Int(arc.head)] < 0 {
                self.current[u] = a
                return true
            }
            a += 1
        }
        self.current[u] = a
        return false
    }

    /// Lowers u's price as far as ε-optimality allows, so that its cheapest residual arc becomes admissible; false
    /// (price unchanged) when u has no residual arc at all. A price below `floor` throws `exhausted`.
    private mutating func relabel(_ u: Int, _ epsilon: Int, floor: Int, exhausted: MinCostFlowError) throws(MinCostFlowError) -> Bool {
        var highest = Int.min
        for a in self.first[u]..<self.first[u + 1] {
            let arc = self.arcs[a]
            if arc.residual > 0 { highest = max(highest, self.price[Int(arc.head)] - arc.cost) }
        }
        guard highest != Int.min else { return false }
        guard highest - epsilon >= floor else { throw exhausted }
        self.price[u] = highest - epsilon
        self.current[u] = self.first[u]
        self.relabelsSinceUpdate += 1
        return true
    }

    /// Largest rank the global price update distinguishes.
    static func rankLimit(_ n: Int) -> Int { 2 * n + 2 }

    /// Global price update (Goldberg's heuristic): lowers every node's price by ε × its distance to a demand in the
    /// residual network, an arc counting `⌊reduced cost / ε⌋ + 1` (0 for an admissible one), searched backwards from
    /// the demands with buckets until every excess is reached; nodes not reached by then are lowered as far as the
    /// search got. Keeps the flow ε-optimal (an arc's reduced cost falls by at most its length × ε) and leaves a path
    /// of admissible arcs from each excess to a demand.
    private mutating func updatePrices(_ epsilon: Int) {
        let n = self.nodeCount
        let limit = Self.rankLimit(n)
        self.relabelsSinceUpdate = 0
        var remaining = 0
        for u in 0..<n {
            self.rank[u] = limit
            if self.excess[u] > 0 { remaining += self.excess[u] }
        }
        for r in 0...limit { self.bucketFirst[r] = -1 }
        for u in 0..<n where self.excess[u] < 0 {
            self.rank[u] = 0
            self.bucketInsert(u, 0)
        }
        var r = 0
        scan: while r < limit {
            while self.bucketFirst[r] >= 0 {
                let u = Int(self.bucketFirst[r])
                self.bucketRemove(u, r)
                let pu = self.price[u]
                for a in self.first[u]..<self.first[u + 1] {
                    // The arc v → u paired with this one: its room and cost, from this one.
                    let arc = self.arcs[a]
                    guard arc.capacity > arc.residual else { continue }
                    let v = Int(arc.head)
                    let oldRank = self.rank[v]
                    guard oldRank > r else { continue }
                    let reduced = self.price[v] - arc.cost - pu
                    let length = reduced < 0 ? 0 : reduced / epsilon + 1
                    guard length < limit - r else { continue }
                    let newRank = r + length
                    if newRank < oldRank {
                        if oldRank < limit { self.bucketRemove(v, oldRank) }
                        self.rank[v] = newRank
                        self.bucketInsert(v, newRank)
                    }
                }
                if self.excess[u] > 0 {
                    remaining -= self.excess[u]
                    if remaining <= 0 { break scan }
                }
            }
            r += 1
        }
        for u in 0..<n {
            let k = min(self.rank[u], r)
            if k > 0 {
                self.price[u] -= k * epsilon
                self.current[u] = self.first[u]
            }
        }
    }

    private mutating func bucketInsert(_ u: Int, _ r: Int) {
        let head = self.bucketFirst[r]
        self.bucketNext[u] = head
        self.bucketPrevious[u] = -1
        if head >= 0 { self.bucketPrevious[Int(head)] = Int32(u) }
        self.bucketFirst[r] = Int32(u)
    }

    private mutating func bucketRemove(_ u: Int, _ r: Int) {
        let previous = self.bucketPrevious[u]
        let next = self.bucketNext[u]
        if previous >= 0 { self.bucketNext[Int(previous)] = next } else { self.bucketFirst[r] = next }
        if next >= 0 { self.bucketPrevious[Int(next)] = previous }
    }

    /// Flow per instance arc.
    func flows() -> [Int] {
        (0..<self.arcCount).map { arc in
            let a = Int(self.forward[arc])
            return a < 0 ? 0 : self.arcs[a].capacity - self.arcs[a].residual
        }
    }

    /// Exact optimal potentials for the original costs: π(v) = the cheapest residual path to v from a virtual root
    /// joined to every node at cost 0. Searched in the scaled costs reduced by the last prices, where every residual
    /// arc is ≥ −1, so a label-correcting pass in key order settles almost every node on its first visit.
    func exactPotentials() -> [Int] {
        let n = self.nodeCount
        guard n > 0 else { return [] }
        var top = Int.min
        for u in 0..<n { top = max(top, self.price[u]) }
        // Scaled reduced distance: N·π(v) + top − price(v).
        var distance = [Int](repeating: 0, count: n)
        var heap = MinHeap()
        for v in 0..<n {
            distance[v] = top - self.price[v]
            heap.push(distance[v], v)
        }
        while let (key, u) = heap.pop() {
            if key > distance[u] { continue }
            let pu = self.price[u]
            for a in self.first[u]..<self.first[u + 1] where self.arcs[a].residual > 0 {
                let v = Int(self.arcs[a].head)
                let candidate = key + self.arcs[a].cost + pu - self.price[v]
                if candidate < distance[v] {
                    distance[v] = candidate
                    heap.push(candidate, v)
                }
            }
        }
        return (0..<n).map { v in (distance[v] - top + self.price[v]) / self.multiplier }
    }
}
