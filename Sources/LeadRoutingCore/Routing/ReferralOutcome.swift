/// The closes of leads referred along one referral edge that the lead store recorded (after the dataset's history):
/// what the router's estimate of the edge learns from. See ``AgentLoadTable/referralOutcomes``.
public struct ReferralOutcome: Sendable, Hashable {
    public var won: Int32
    public var lost: Int32

    public init(won: Int32 = 0, lost: Int32 = 0) {
        self.won = won
        self.lost = lost
    }

    /// No close learned.
    public var isEmpty: Bool { self.won == 0 && self.lost == 0 }
}
