/// One number per soft feature. A candidate's scores and a policy's weights have the same shape.
public struct FeatureVector: Sendable, Hashable, Codable {
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

    /// A vector; features not given are 0.
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

    /// The built-in policy's weights: the learned conversion estimate carries half of the score. Chosen by
    /// simulation against round robin and an oracle, on training seeds, and checked on held-out seeds and a second
    /// dataset shape (`scripts/tune-policy`, figures in `BENCHMARKS.md`). The first built-in policy weighted
    /// coverage 0.30, referral and performance 0.20, headroom and fairness 0.10, responsiveness and distance 0.05.
    public static let defaultWeights = FeatureVector(
        coverage: 0.1875,
        referral: 0.125,
        performance: 0.5,
        headroom: 0.0625,
        fairness: 0.0625,
        responsiveness: 0.03125,
        distance: 0.03125
    )

    /// The values by feature name, in declaration order.
    public var named: [(String, Double)] {
        [
            ("coverage", self.coverage), ("referral", self.referral), ("performance", self.performance),
            ("headroom", self.headroom), ("fairness", self.fairness), ("responsiveness", self.responsiveness),
            ("distance", self.distance),
        ]
    }

    /// Sum of the values.
    public var sum: Double {
        self.coverage + self.referral + self.performance + self.headroom + self.fairness + self.responsiveness + self.distance
    }

    /// Σ self[f] × other[f].
    public func dot(_ other: FeatureVector) -> Double {
        self.coverage * other.coverage + self.referral * other.referral + self.performance * other.performance
            + self.headroom * other.headroom + self.fairness * other.fairness + self.responsiveness * other.responsiveness
            + self.distance * other.distance
    }
}

/// A candidate's per-feature scores, each in [0, 1].
public typealias FeatureScores = FeatureVector

/// A policy's relative feature weights (non-negative; normalised by their sum).
public typealias FeatureWeights = FeatureVector
