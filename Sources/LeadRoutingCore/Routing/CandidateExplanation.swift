/// A ranked candidate as shown in a decision: its score, per-feature scores, its primary path and every path
/// that counted.
public struct CandidateExplanation: Sendable, Hashable, Codable {
    public var agentId: String
    /// Weighted mean of ``features`` under the decision's policy, in [0, 1].
    public var score: Double
    public var features: FeatureScores
    /// The candidate's primary path from the lead: the previous-agent link for a returning client, else the path of
    /// its larger weighted graph feature (referral chain or coverage path). One of ``paths``, or empty when none.
    public var path: [PathStep]
    /// One path per graph feature that counted (non-zero value, non-zero weight) and per rule that applied, in
    /// ``FeaturePath/Feature`` order: returning client, coverage, referral.
    public var paths: [FeaturePath]

    public init(agentId: String, score: Double, features: FeatureScores, path: [PathStep], paths: [FeaturePath] = []) {
        self.agentId = agentId
        self.score = score
        self.features = features
        self.path = path
        self.paths = paths
    }

    enum CodingKeys: String, CodingKey {
        case agentId, score, features, path, paths
    }

    /// Decodes a candidate; `paths` may be absent (decisions stored before it existed) and then is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.agentId = try c.decode(String.self, forKey: .agentId)
        self.score = try c.decode(Double.self, forKey: .score)
        self.features = try c.decode(FeatureScores.self, forKey: .features)
        self.path = try c.decode([PathStep].self, forKey: .path)
        self.paths = try c.decodeIfPresent([FeaturePath].self, forKey: .paths) ?? []
    }
}
