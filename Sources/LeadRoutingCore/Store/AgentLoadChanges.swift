/// What ``LeadStore/agentLoadChanges(after:)`` found: the agents whose load changed since a horizon, and the referral
/// pairs whose learned closes changed since it (supersets: an unchanged agent or pair may be reported again), and the
/// horizon to ask from next time. The horizon is the store's own notion of "changes committed so far" (opaque to
/// callers).
public struct AgentLoadChanges: Sendable, Hashable {
    public var records: [AgentLoadRecord]
    public var referralOutcomes: [ReferralOutcomeRecord]
    public var horizon: Int64

    public init(records: [AgentLoadRecord], referralOutcomes: [ReferralOutcomeRecord] = [], horizon: Int64) {
        self.records = records
        self.referralOutcomes = referralOutcomes
        self.horizon = horizon
    }
}
