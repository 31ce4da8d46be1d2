/// What happened to the leads of one policy in one replication of an A/B test (see ``SimulationABTest``).
public struct SimulationABTally: Sendable, Hashable, Codable {
    /// The policy's name in the test.
    public var arm: String
    /// Leads that arrived and were split to this policy.
    public var arrivals: Int = 0
    /// Of those, leads no agent could take when they arrived.
    public var unroutableAtArrival: Int = 0
    /// Offers made for them (first offers and re-routes).
    public var offers: Int = 0
    /// Their offers that expired unanswered after the SLA.
    public var slaBreaches: Int = 0
    /// Their offers accepted.
    public var accepted: Int = 0
    /// Of them closed won within the simulated days.
    public var conversions: Int = 0
    /// Sum over their accepted leads of the true conversion probability.
    public var expectedConversions: Double = 0
    /// Leads accepted at least once, and the sum over them of the minutes from arrival to the first acceptance.
    public var contacted: Int = 0
    public var firstContactMinutesTotal: Double = 0

    public init(arm: String) { self.arm = arm }

    /// Conversions per arriving lead: comparable across arms of different sizes.
    public var conversionRate: Double { self.perLead(Double(self.conversions)) }
    /// Expected conversions per arriving lead (a lower-variance view of the conversion rate).
    public var expectedConversionRate: Double { self.perLead(self.expectedConversions) }
    /// Mean minutes from arrival to the first acceptance, over the leads accepted.
    public var meanFirstContactMinutes: Double { self.contacted > 0 ? self.firstContactMinutesTotal / Double(self.contacted) : 0 }

    func perLead(_ value: Double) -> Double { self.arrivals > 0 ? value / Double(self.arrivals) : 0 }
}
