/// One path from a lead to a candidate, with the part of the decision it supports: the graph evidence behind one
/// non-zero, weighted feature of the candidate's score, or behind the returning-client rule.
public struct FeaturePath: Sendable, Hashable, Codable {
    /// What the path supports: ``Feature`` raw values.
    public var feature: String
    /// The steps from the lead to the candidate.
    public var path: [PathStep]

    public init(feature: Feature, path: [PathStep]) {
        self.feature = feature.rawValue
        self.path = path
    }

    /// What a path can support.
    public enum Feature: String, Sendable, CaseIterable {
        /// The coverage feature: lead → its territory → (adjacent territories) → a territory the agent covers.
        case coverage
        /// The referral feature: lead → the source agent who referred the client → referral edges → the agent.
        case referral
        /// The returning-client rule: lead → the agent who served the client before.
        case returningClient = "returning_client"
    }
}
