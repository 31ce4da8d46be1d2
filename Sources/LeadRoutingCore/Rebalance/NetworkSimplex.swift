/// Exact minimum-cost flow by the primal network simplex method (Dantzig's simplex specialised to networks, as in
/// Ahuja, Magnanti & Orlin, ch. 11, and LEMON's `NetworkSimplex`): a strongly feasible spanning tree over the
/// nodes plus an artificial root, block-search pivoting, and node potentials as the dual solution.
///
/// The second of the core's two exact solvers: ``CostScaling`` is the planner's (about ten times faster on the
/// rebalance shape, where most of the simplex's pivots are degenerate; `BENCHMARKS.md`). The simplex stays because an
/// independent algorithm reaching the same optimum is the strongest check of the other, and because it has no
/// price range limit (cost scaling falls back to it beyond one).
///
/// Deterministic — the tie rule: arcs are scanned in the instance's order in blocks of ⌈√arcs⌉ (at least 10),
/// cyclically from where the previous scan stopped; within a block the arc with the most negative reduced cost
/// enters, the first such arc on equal values. The leaving arc is the last blocking arc met when walking the
/// cycle in its orientation from the entering arc's tail side (the strongly feasible rule, which also rules out
/// cycling). So the same instance, in the same arc order, always gives the same flow and the same potentials.
///
/// Pure: no I/O, no clock, no randomness.
public struct NetworkSimplex: Sendable {
    private let nodeCount: Int
    private let arcCount: Int
    private let root: Int32

    // Arcs: the instance's arcs, then one artificial arc per node.
    private var source: [Int32]
    private var target: [Int32]
    private var capacity: [Int]
    private var cost: [Int]
    private var flow: [Int]
    /// 1: at its lower bound, −1: at its upper bound, 0: in the spanning tree.
    private var state: [Int8]

    // Spanning tree over nodes + root.
    private var parent: [Int32]
    private var predecessorArc: [Int32]
    /// 1 when the tree arc to the parent points up (node → parent), −1 when it points down.
    private var direction: [Int8]
    private var depth: [Int32]
    private var potential: [Int]
    private var firstChild: [Int32]
    private var nextSibling: [Int32]
    private var previousSibling: [Int32]
    private var stack: [Int32] = []

    private let blockSize: Int
    private var nextSearchArc = 0

    /// Solves `problem` to optimality.
    /// - Throws: ``MinCostFlowError`` when the instance is malformed or infeasible.
    public static func solve(_ problem: MinCostFlowProblem) throws(MinCostFlowError) -> MinCostFlowSolution {
        try problem.validate()
        var simplex = NetworkSimplex(problem)
        return try simplex.run()
    }

    private init(_ problem: MinCostFlowProblem) {
        let n = problem.nodeCount
        let m = problem.arcCount
        self.nodeCount = n
        self.arcCount = m
        self.root = Int32(n)
        self.source = problem.arcSources + [Int32](repeating: 0, count: n)
        self.target = problem.arcTargets + [Int32](repeating: 0, count: n)
        self.capacity = problem.arcCapacities + [Int](repeating: 0, count: n)
        self.cost = problem.arcCosts + [Int](repeating: 0, count: n)
        self.flow = [Int](repeating: 0, count: m + n)
        self.state = [Int8](repeating: 1, count: m + n)
        self.parent = [Int32](repeating: -1, count: n + 1)
        self.predecessorArc = [Int32](repeating: -1, count: n + 1)
        self.direction = [Int8](repeating: 1, count: n + 1)
        self.depth = [Int32](repeating: 0, count: n + 1)
        self.potential = [Int](repeating: 0, count: n + 1)
        self.firstChild = [Int32](repeating: -1, count: n + 1)
        self.nextSibling = [Int32](repeating: -1, count: n + 1)
        self.previousSibling = [Int32](repeating: -1, count: n + 1)
        self.blockSize = max(10, Int(Double(m).squareRoot().rounded(.up)))

        // Artificial arcs: a star around the root carrying every supply, each node's potential set so that its
        // star arc has reduced cost 0. Demand nodes are reached at a cost no real path can match.
        var maxCost = 0
        for c in problem.arcCosts { maxCost = max(maxCost, abs(c)) }
        let artificialCost = (maxCost + 1) * (n + 1)
        let unbounded = Int.max / 4
        for u in 0..<n {
            let e = m + u
            self.capacity[e] = unbounded
            self.state[e] = 0
            self.parent[u] = self.root
            self.predecessorArc[u] = Int32(e)
            self.depth[u] = 1
            self.previousSibling[u] = u > 0 ? Int32(u - 1) : -1
            self.nextSibling[u] = u + 1 < n ? Int32(u + 1) : -1
            let supply = problem.supplies[u]
            if supply >= 0 {
                self.source[e] = Int32(u)
                self.target[e] = self.root
                self.flow[e] = supply
                self.direction[u] = 1
                self.potential[u] = 0
            } else {
                self.source[e] = self.root
                self.target[e] = Int32(u)
                self.flow[e] = -supply
                self.cost[e] = artificialCost
                self.direction[u] = -1
                self.potential[u] = artificialCost
            }
        }
        if n > 0 { self.firstChild[n] = 0 }
    }

    private mutating func run() throws(MinCostFlowError) -> MinCostFlowSolution {
        while let entering = self.enteringArc() {
            self.pivot(entering)
        }
        for e in self.arcCount..<(self.arcCount + self.nodeCount) where self.flow[e] != 0 { throw .infeasible }
        let flows = Array(self.flow[0..<self.arcCount])
        var total = 0
        for e in 0..<self.arcCount where flows[e] != 0 { total += flows[e] * self.cost[e] }
        return MinCostFlowSolution(totalCost: total, flows: flows, potentials: Array(self.potential[0..<self.nodeCount]))
    }

    /// Block search over the instance's arcs (artificial arcs never re-enter): the most negative
    /// `state × reduced cost` in the first block that has one; nil when none is negative (optimal).
    private mutating func enteringArc() -> Int? {
        let m = self.arcCount
        guard m > 0 else { return nil }
        var best = 0
        var bestArc = -1
        var remaining = self.blockSize
        var e = self.nextSearchArc
        for _ in 0..<m {
            let reduced = self.cost[e] + self.potential[Int(self.source[e])] - self.potential[Int(self.target[e])]
            let violation = Int(self.state[e]) * reduced
            if violation < best {
                best = violation
                bestArc = e
            }
            e += 1
            if e == m { e = 0 }
            remaining -= 1
            if remaining == 0 {
                if bestArc >= 0 {
                    self.nextSearchArc = e
                    return bestArc
                }
                remaining = self.blockSize
            }
        }
        if bestArc >= 0 {
            self.nextSearchArc = e
            return bestArc
        }
        return nil
    }

    private mutating func pivot(_ entering: Int) {
        // Orient the cycle: flow goes first → second along the entering arc.
        let increasing = self.state[entering] == 1
        let first = increasing ? self.source[entering] : self.target[entering]
        let second = increasing ? self.target[entering] : self.source[entering]
        let join = self.join(first, second)

        // Leaving arc: the last blocking arc in the cycle's orientation.
        var delta = self.capacity[entering]
        var leavingNode: Int32 = -1
        var leavingOnFirstSide = false
        var u = first
        while u != join {
            let e = Int(self.predecessorArc[Int(u)])
            // Walking from join down to `first`: an upward arc loses flow, a downward arc gains.
            let room = self.direction[Int(u)] == 1 ? self.flow[e] : self.capacity[e] - self.flow[e]
            if room < delta {
                delta = room
                leavingNode = u
                leavingOnFirstSide = true
            }
            u = self.parent[Int(u)]
        }
        u = second
        while u != join {
            let e = Int(self.predecessorArc[Int(u)])
            // Walking from `second` up to join: an upward arc gains flow, a downward arc loses.
            let room = self.direction[Int(u)] == 1 ? self.capacity[e] - self.flow[e] : self.flow[e]
            if room <= delta {
                delta = room
                leavingNode = u
                leavingOnFirstSide = false
            }
            u = self.parent[Int(u)]
        }

        // Augment.
        if delta > 0 {
            let signed = Int(self.state[entering]) * delta
            self.flow[entering] += signed
            u = self.source[entering]
            while u != join {
                self.flow[Int(self.predecessorArc[Int(u)])] -= Int(self.direction[Int(u)]) * signed
                u = self.parent[Int(u)]
            }
            u = self.target[entering]
            while u != join {
                self.flow[Int(self.predecessorArc[Int(u)])] += Int(self.direction[Int(u)]) * signed
                u = self.parent[Int(u)]
            }
        }
        guard leavingNode >= 0 else {
            // The entering arc itself blocks: it moves to its other bound, the tree is unchanged.
            self.state[entering] = -self.state[entering]
            return
        }
        let leavingArc = Int(self.predecessorArc[Int(leavingNode)])
        self.state[entering] = 0
        self.state[leavingArc] = self.flow[leavingArc] == 0 ? 1 : -1
        let enteringTail = leavingOnFirstSide ? first : second
        let enteringHead = leavingOnFirstSide ? second : first
        self.reroot(at: enteringTail, under: enteringHead, through: entering, detaching: leavingNode)
    }

    /// The nearest common ancestor of two nodes.
    private func join(_ a: Int32, _ b: Int32) -> Int32 {
        var u = a
        var v = b
        while u != v {
            let du = self.depth[Int(u)]
            let dv = self.depth[Int(v)]
            if du >= dv { u = self.parent[Int(u)] }
            if dv >= du { v = self.parent[Int(v)] }
        }
        return u
    }

    /// Cuts the tree arc above `cut`, hangs the detached subtree from `newParent` by `arc` at `node` (reversing
    /// the parent links from `node` up to `cut`), then recomputes depth and potentials in that subtree.
    private mutating func reroot(at node: Int32, under newParent: Int32, through arc: Int, detaching cut: Int32) {
        var u = node
        var hangFrom = newParent
        var hangArc = Int32(arc)
        while true {
            let oldParent = self.parent[Int(u)]
            let oldArc = self.predecessorArc[Int(u)]
            self.removeChild(u)
            self.parent[Int(u)] = hangFrom
            self.predecessorArc[Int(u)] = hangArc
            self.direction[Int(u)] = self.source[Int(hangArc)] == u ? 1 : -1
            self.addChild(u, to: hangFrom)
            if u == cut { break }
            hangFrom = u
            hangArc = oldArc
            u = oldParent
        }
        self.stack.removeAll(keepingCapacity: true)
        self.stack.append(node)
        while let v = self.stack.popLast() {
            let p = Int(self.parent[Int(v)])
            let e = Int(self.predecessorArc[Int(v)])
            self.depth[Int(v)] = self.depth[p] + 1
            self.potential[Int(v)] = self.direction[Int(v)] == 1 ? self.potential[p] - self.cost[e] : self.potential[p] + self.cost[e]
            var child = self.firstChild[Int(v)]
            while child >= 0 {
                self.stack.append(child)
                child = self.nextSibling[Int(child)]
            }
        }
    }

    private mutating func removeChild(_ u: Int32) {
        let previous = self.previousSibling[Int(u)]
        let next = self.nextSibling[Int(u)]
        if previous >= 0 {
            self.nextSibling[Int(previous)] = next
        } else {
            self.firstChild[Int(self.parent[Int(u)])] = next
        }
        if next >= 0 { self.previousSibling[Int(next)] = previous }
        self.previousSibling[Int(u)] = -1
        self.nextSibling[Int(u)] = -1
    }

    private mutating func addChild(_ u: Int32, to p: Int32) {
        let head = self.firstChild[Int(p)]
        self.nextSibling[Int(u)] = head
        self.previousSibling[Int(u)] = -1
        if head >= 0 { self.previousSibling[Int(head)] = u }
        self.firstChild[Int(p)] = u
    }
}
