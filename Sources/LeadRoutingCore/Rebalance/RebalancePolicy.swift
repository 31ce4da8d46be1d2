/// The `rebalance` section of the policy file: how a batch rebalance weighs score against churn, unplaced leads
/// and uneven load. Every value is in score units (a router score is in [0, 1]); the solver turns them into
/// integers with ``RebalanceNetwork/costScale``.
///
/// Defaults: `churnPenalty` 0.05, `unassignedPenalty` 1, `maxCandidates` 20, and a load cost of 0 per lead up to
/// 70 % utilisation, 0.05 per lead up to 90 %, 0.15 per lead up to 100 %.
public struct RebalancePolicy: Sendable, Hashable, Codable {
    /// Subtracted when a lead that has an offer moves to another agent.
    public var churnPenalty: Double
    /// Subtracted per movable lead left without an agent; above any score so that placing a lead always pays
    /// unless the load cost outweighs it.
    public var unassignedPenalty: Double
    /// Candidates per lead taken from the router's ranking (the current agent is always kept when eligible).
    public var maxCandidates: Int
    /// Convex, piecewise-linear load cost: the marginal cost of an agent's lead by the utilisation it brings the
    /// agent to. Utilisation bounds increase and the last is 1; costs never decrease (convexity).
    public var loadCost: [LoadCostSegment]

    public init(
        churnPenalty: Double = 0.05,
        unassignedPenalty: Double = 1,
        maxCandidates: Int = 20,
        loadCost: [LoadCostSegment] = RebalancePolicy.defaultLoadCost
    ) {
        self.churnPenalty = churnPenalty
        self.unassignedPenalty = unassignedPenalty
        self.maxCandidates = maxCandidates
        self.loadCost = loadCost
    }

    /// 0 up to 70 %, 0.05 up to 90 %, 0.15 up to 100 %.
    public static let defaultLoadCost = [
        LoadCostSegment(upToUtilisation: 0.7, costPerLead: 0),
        LoadCostSegment(upToUtilisation: 0.9, costPerLead: 0.05),
        LoadCostSegment(upToUtilisation: 1, costPerLead: 0.15),
    ]

    /// The built-in section.
    public static let `default` = RebalancePolicy()

    /// The marginal load cost of the lead that brings an agent to `utilisation` (the first segment reaching it).
    public func marginalLoadCost(atUtilisation utilisation: Double) -> Double {
        for segment in self.loadCost where utilisation <= segment.upToUtilisation + 1e-12 { return segment.costPerLead }
        return self.loadCost.last?.costPerLead ?? 0
    }
}

/// One piece of the load cost: every lead that brings an agent's utilisation to at most `upToUtilisation` (and
/// above the previous piece's bound) costs `costPerLead`.
public struct LoadCostSegment: Sendable, Hashable, Codable {
    public var upToUtilisation: Double
    public var costPerLead: Double

    public init(upToUtilisation: Double, costPerLead: Double) {
        self.upToUtilisation = upToUtilisation
        self.costPerLead = costPerLead
    }
}
