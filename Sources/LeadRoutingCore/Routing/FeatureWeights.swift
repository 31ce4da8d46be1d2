/// Weights of the soft features (DESIGN §3). Any non-negative values; they are normalised by their sum.
public struct FeatureWeights: Sendable, Hashable, Codable {
    public var coverage: Double
    public var referral: Double
    public var performance: Double
    public var headroom: Double
    public var fairness: Double
    public var responsiveness: Double
    public var distance: Double

    public init(
        coverage: Double = 0.30,
        referral: Double = 0.20,
        performance: Double = 0.20,
        headroom: Double = 0.10,
        fairness: Double = 0.10,
        responsiveness: Double = 0.05,
        distance: Double = 0.05
    ) {
        self.coverage = coverage
        self.referral = referral
        self.performance = performance
        self.headroom = headroom
        self.fairness = fairness
        self.responsiveness = responsiveness
        self.distance = distance
    }

    /// The weights by feature name, in ``FeatureScores/names`` order.
    public var named: [(String, Double)] {
        [
            ("coverage", coverage), ("referral", referral), ("performance", performance), ("headroom", headroom),
            ("fairness", fairness), ("responsiveness", responsiveness), ("distance", distance),
        ]
    }
}
