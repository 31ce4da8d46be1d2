/// One referral edge out of an agent with the closes the lead store recorded along it, as the agent view shows it.
public struct LearnedReferralEdge: Sendable, Hashable, Codable {
    /// The referred agent.
    public var to: String
    /// Closes of leads referred along the edge won and lost in the lead store.
    public var won: Int
    public var lost: Int
    /// The edge's conversion estimate (posterior mean): history plus the store's closes.
    public var mean: Double
    /// The edge strength the router uses.
    public var strength: Double
}
