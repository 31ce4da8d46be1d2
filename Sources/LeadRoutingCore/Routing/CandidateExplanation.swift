/// A ranked candidate as shown in a decision: its score, per-feature scores and best path.
public struct CandidateExplanation: Sendable, Hashable, Codable {
    public var agentId: String
    /// Weighted mean of ``features`` under the decision's policy, in [0, 1].
    public var score: Double
    public var features: FeatureScores
    /// The candidate's best path from the lead.
    public var path: [PathStep]

    public init(agentId: String, score: Double, features: FeatureScores, path: [PathStep]) {
        self.agentId = agentId
        self.score = score
        self.features = features
        self.path = path
    }
}
