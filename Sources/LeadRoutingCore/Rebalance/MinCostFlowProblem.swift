/// A minimum-cost flow instance: nodes with integer supplies (positive = source, negative = demand) and arcs with
/// an integer capacity (lower bound 0) and an integer cost per unit. Balanced: the supplies sum to zero.
///
/// Integers throughout so that any other solver (OR-Tools, NetworkX, LEMON) finds exactly the same optimum on
/// the exported instance (``dimacs()``).
public struct MinCostFlowProblem: Sendable, Hashable {
    /// Supply per node.
    public private(set) var supplies: [Int]
    /// Tail node of each arc.
    public private(set) var arcSources: [Int32]
    /// Head node of each arc.
    public private(set) var arcTargets: [Int32]
    /// Capacity of each arc, ≥ 0.
    public private(set) var arcCapacities: [Int]
    /// Cost per unit of flow on each arc (any sign).
    public private(set) var arcCosts: [Int]

    /// An instance with `nodeCount` nodes of supply 0 and no arcs.
    public init(nodeCount: Int) {
        self.supplies = [Int](repeating: 0, count: nodeCount)
        self.arcSources = []
        self.arcTargets = []
        self.arcCapacities = []
        self.arcCosts = []
    }

    public var nodeCount: Int { self.supplies.count }
    public var arcCount: Int { self.arcSources.count }

    /// Sets a node's supply (positive: it sends flow; negative: it receives).
    public mutating func setSupply(_ supply: Int, of node: Int) {
        self.supplies[node] = supply
    }

    /// Reserves room for `count` arcs.
    public mutating func reserveArcs(_ count: Int) {
        self.arcSources.reserveCapacity(count)
        self.arcTargets.reserveCapacity(count)
        self.arcCapacities.reserveCapacity(count)
        self.arcCosts.reserveCapacity(count)
    }

    /// Appends an arc and returns its index (arcs keep the order they are added in; it is part of the input).
    @discardableResult
    public mutating func addArc(from source: Int, to target: Int, capacity: Int, cost: Int) -> Int {
        self.arcSources.append(Int32(source))
        self.arcTargets.append(Int32(target))
        self.arcCapacities.append(capacity)
        self.arcCosts.append(cost)
        return self.arcSources.count - 1
    }

    /// Checks the instance is well formed: arcs between existing distinct nodes, capacities ≥ 0, supplies balanced,
    /// and costs small enough that no intermediate sum can overflow.
    public func validate() throws(MinCostFlowError) {
        let n = self.nodeCount
        var supplySum = 0
        var supplyMagnitude = 0
        for supply in self.supplies {
            supplySum += supply
            supplyMagnitude += abs(supply)
        }
        if supplySum != 0 { throw .unbalanced(sum: supplySum) }
        for arc in 0..<self.arcCount {
            let s = Int(self.arcSources[arc])
            let t = Int(self.arcTargets[arc])
            guard (0..<n).contains(s), (0..<n).contains(t), s != t else {
                throw .invalidArc(arc: arc, reason: "nodes \(s)→\(t) must be distinct and in 0..<\(n)")
            }
            guard self.arcCapacities[arc] >= 0 else { throw .invalidArc(arc: arc, reason: "negative capacity") }
            guard abs(self.arcCosts[arc]) <= Self.maximumCost else {
                throw .invalidArc(arc: arc, reason: "|cost| above \(Self.maximumCost)")
            }
        }
        if supplyMagnitude > Self.maximumSupply || n > Self.maximumNodes {
            throw .tooLarge(reason: "at most \(Self.maximumNodes) nodes and \(Self.maximumSupply) units of supply")
        }
    }

    /// Largest |cost| per unit accepted: with ``maximumNodes`` and ``maximumSupply`` every cost, potential and
    /// total the solver forms stays far below `Int64.max`.
    public static let maximumCost = 1 << 30
    /// Largest node count accepted.
    public static let maximumNodes = 1 << 24
    /// Largest total |supply| accepted.
    public static let maximumSupply = 1 << 26
}
