import LeadRoutingCore

/// Referral leakage: for every group of agents (a brokerage, or a community found by ``Louvain``), the share of
/// the referrals its agents send that go to agents outside the group.
public struct ReferralLeakage: Sendable {
    /// One group's figures.
    public struct Group: Sendable, Equatable {
        /// Group index as given.
        public var group: Int
        /// Agents in the group.
        public var agents: Int
        /// Referrals sent inside the group (sum of `sent`).
        public var internalVolume: Double
        /// Referrals sent to agents outside the group.
        public var outgoingVolume: Double
        /// Referrals received from agents outside the group.
        public var incomingVolume: Double
        /// `outgoing / (internal + outgoing)`; `nil` when the group sends nothing.
        public var leakage: Double? {
            let total = self.internalVolume + self.outgoingVolume
            return total > 0 ? self.outgoingVolume / total : nil
        }
    }

    /// Every group, highest leakage share first (groups that send nothing last; ties: more outgoing volume, then
    /// lower group index).
    public var groups: [Group]
    /// Share of all referrals that cross a group boundary (referrals from or to unassigned agents excluded).
    public var overall: Double?
    /// Agents without a group (label < 0).
    public var unassignedAgents: Int

    /// Measures leakage.
    /// - Parameters:
    ///   - graph: the referral digraph.
    ///   - groups: group of every node, `0..<groupCount`, or a negative value for none.
    public init(_ graph: WeightedDigraph, groups labels: [Int32]) {
        let count = Int(labels.max() ?? -1) + 1
        var groups = (0..<max(0, count)).map { Group(group: $0, agents: 0, internalVolume: 0, outgoingVolume: 0, incomingVolume: 0) }
        var unassigned = 0
        var crossing = 0.0
        var total = 0.0
        for u in 0..<graph.nodeCount {
            let g = Int(labels[u])
            guard g >= 0 else {
                unassigned += 1
                continue
            }
            groups[g].agents += 1
            for e in graph.outgoing.edgeRange(of: Int32(u)) {
                let h = Int(labels[Int(graph.outgoing.targets[e])])
                guard h >= 0 else { continue }
                let w = graph.outWeights[e]
                total += w
                if h == g {
                    groups[g].internalVolume += w
                } else {
                    groups[g].outgoingVolume += w
                    groups[h].incomingVolume += w
                    crossing += w
                }
            }
        }
        self.groups = groups.sorted(by: Self.leaksMore)
        self.overall = total > 0 ? crossing / total : nil
        self.unassignedAgents = unassigned
    }

    /// The report order: higher share first, undefined share last, then more outgoing volume, then group index.
    static func leaksMore(_ a: Group, _ b: Group) -> Bool {
        switch (a.leakage, b.leakage) {
        case (let x?, let y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.outgoingVolume > b.outgoingVolume || (a.outgoingVolume == b.outgoingVolume && a.group < b.group)
        }
    }
}
