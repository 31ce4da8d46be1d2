/// Per-feature scores of one candidate, each normalised to [0, 1] (DESIGN §3).
public struct FeatureScores: Sendable, Hashable, Codable {
    /// Coverage weight of the best covered territory, decayed per adjacency hop from the lead's territory.
    public var coverage: Double
    /// Strength of the best referral chain from the lead's source agent (0 when none).
    public var referral: Double
    /// Smoothed conversion rate (closed / assigned, shrunk towards the network rate).
    public var performance: Double
    /// Share of capacity still free.
    public var headroom: Double
    /// 0.5 plus half the gap between the candidates' mean utilisation and this agent's.
    public var fairness: Double
    /// Faster typical response scores higher.
    public var responsiveness: Double
    /// Closer home location to the lead's territory scores higher.
    public var distance: Double

    public init(
        coverage: Double = 0,
        referral: Double = 0,
        performance: Double = 0,
        headroom: Double = 0,
        fairness: Double = 0,
        responsiveness: Double = 0,
        distance: Double = 0
    ) {
        self.coverage = coverage
        self.referral = referral
        self.performance = performance
        self.headroom = headroom
        self.fairness = fairness
        self.responsiveness = responsiveness
        self.distance = distance
    }

    /// The scores by feature name.
    public var named: [(String, Double)] {
        [
            ("coverage", coverage), ("referral", referral), ("performance", performance), ("headroom", headroom),
            ("fairness", fairness), ("responsiveness", responsiveness), ("distance", distance),
        ]
    }
}
