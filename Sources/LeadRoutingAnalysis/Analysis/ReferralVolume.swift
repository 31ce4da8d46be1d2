import LeadRoutingCore

/// Referral volume per agent: referrals sent and received (sum of `sent` over out- and in-edges) and the number
/// of distinct partners each way. The basis of the top referrers and top receivers lists.
public struct ReferralVolume: Sendable {
    /// Referrals sent by every node.
    public var sent: [Double]
    /// Referrals received by every node.
    public var received: [Double]
    /// Out-degree of every node.
    public var outDegree: [Int]
    /// In-degree of every node.
    public var inDegree: [Int]

    /// Sums the edge weights of `graph`.
    public init(_ graph: WeightedDigraph) {
        self.sent = graph.outStrength()
        self.received = graph.inStrength()
        self.outDegree = (0..<graph.nodeCount).map { graph.outgoing.degree(of: Int32($0)) }
        self.inDegree = (0..<graph.nodeCount).map { graph.incoming.degree(of: Int32($0)) }
    }

    /// Nodes with the most referrals sent, highest first (ties: lower index).
    public func topReferrers(_ count: Int) -> [Int] { Ranking.top(count, of: self.sent) }

    /// Nodes with the most referrals received, highest first (ties: lower index).
    public func topReceivers(_ count: Int) -> [Int] { Ranking.top(count, of: self.received) }
}
