/// The versioned knobs of routing: feature weights, hop limits and the constants that normalise features.
/// Loaded from a JSON policy file; ``RoutingPolicy/default`` is the built-in one.
///
/// Every decision names the policy it was made under (``identity``: label and content hash), so a change of weights
/// is auditable.
public struct RoutingPolicy: Sendable, Hashable, Codable {
    /// Free-form version label, e.g. `"default-2"`; `"unversioned"` for a policy file without one. Decisions record
    /// it with a hash of the policy's content (``identity``), so a label alone never identifies a policy.
    public var version: String
    /// Relative weights of the soft features; the score is their weighted mean, so it stays in [0, 1].
    public var weights: FeatureWeights
    /// Agents covering territories up to this many adjacency hops from the lead's territory are candidates.
    public var maxTerritoryHops: Int
    /// Referral chains from the lead's source agent may have up to this many edges.
    public var maxReferralHops: Int
    /// An agent reached by referral qualifies when it covers a territory within this many hops.
    public var referralTerritoryHops: Int
    /// Coverage strength is multiplied by this factor per adjacency hop.
    public var territoryHopDecay: Double
    /// Referral-path strength is multiplied by this factor per edge after the first.
    public var referralHopDecay: Double
    /// Number of referrals `sent` at which an edge's volume factor reaches 1 − 1/e.
    public var referralVolumeScale: Double
    /// Pseudo-count of the network conversion rate mixed into each agent's conversion rate.
    public var performancePriorStrength: Double
    /// Response time (minutes) at which responsiveness is 0.5.
    public var responseHalfLifeMinutes: Double
    /// How many observed accepts the dataset's `response_minutes` is worth when the router combines it with the
    /// offer→accept times the lead store recorded: the agent's estimate is `(prior·m + observed minutes) / (m +
    /// accepts)`. 0 trusts the store alone as soon as it has one accept; larger values move slower. Default 5.
    public var responsePriorStrength: Double
    /// How much more likely (in log-odds) a client converts with an agent who speaks their language, required or
    /// not: added to the logit of the performance term when the lead has a language the agent speaks. Default 0
    /// (off); left out of the encoding while 0, so policies without it keep their identity.
    public var ownLanguageBonus: Double
    /// How much less likely (in log-odds) a lead converts with an agent at full load than with an idle one:
    /// `loadConversionPenalty × u²` is taken off the logit of the performance term, `u` the agent's utilisation with
    /// this lead counted (open + 1) / capacity. So the marginal value of one more lead falls faster for an agent
    /// nearly full than for a half-empty one, which the linear headroom term cannot say. Default 1.6 (chosen by
    /// simulation among 0, 0.8, 1.6 and 3.2); 0 turns it off.
    public var loadConversionPenalty: Double
    /// Distance (km) between agent home and lead territory at which the distance feature is 0.5.
    public var distanceScaleKm: Double
    /// Responsiveness weight is multiplied by `1 + boost × urgency` (urgency 0–3).
    public var urgencyResponsivenessBoost: Double
    /// Feature value used when an input is unknown (no response time, no coordinates).
    public var unknownFeatureValue: Double
    /// Returning clients go back to their previous agent when that agent is eligible.
    public var stickyReturningClients: Bool
    /// Number of ranked candidates explained in a decision.
    public var explainTopK: Int
    /// Batch rebalance weights (the `rebalance` section).
    public var rebalance: RebalancePolicy
    /// How the performance term treats uncertainty: `none` scores the posterior mean conversion rate; `thompson` a
    /// draw from the posterior seeded by the lead id (reproducible), so agents with little history get a chance.
    public var exploration: Exploration

    /// The performance term's exploration rule.
    public enum Exploration: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case thompson
    }

    public init(
        version: String = "default-2",
        weights: FeatureWeights = .defaultWeights,
        maxTerritoryHops: Int = 1,
        maxReferralHops: Int = 2,
        referralTerritoryHops: Int = 1,
        territoryHopDecay: Double = 0.5,
        referralHopDecay: Double = 0.7,
        referralVolumeScale: Double = 5,
        performancePriorStrength: Double = 10,
        responseHalfLifeMinutes: Double = 30,
        responsePriorStrength: Double = RoutingPolicy.defaultResponsePriorStrength,
        ownLanguageBonus: Double = 0,
        loadConversionPenalty: Double = RoutingPolicy.defaultLoadConversionPenalty,
        distanceScaleKm: Double = 10,
        urgencyResponsivenessBoost: Double = 0.5,
        unknownFeatureValue: Double = 0.5,
        stickyReturningClients: Bool = true,
        explainTopK: Int = 5,
        rebalance: RebalancePolicy = .default,
        exploration: Exploration = .none
    ) {
        self.version = version
        self.weights = weights
        self.maxTerritoryHops = maxTerritoryHops
        self.maxReferralHops = maxReferralHops
        self.referralTerritoryHops = referralTerritoryHops
        self.territoryHopDecay = territoryHopDecay
        self.referralHopDecay = referralHopDecay
        self.referralVolumeScale = referralVolumeScale
        self.performancePriorStrength = performancePriorStrength
        self.responseHalfLifeMinutes = responseHalfLifeMinutes
        self.responsePriorStrength = responsePriorStrength
        self.ownLanguageBonus = ownLanguageBonus
        self.loadConversionPenalty = loadConversionPenalty
        self.distanceScaleKm = distanceScaleKm
        self.urgencyResponsivenessBoost = urgencyResponsivenessBoost
        self.unknownFeatureValue = unknownFeatureValue
        self.stickyReturningClients = stickyReturningClients
        self.explainTopK = explainTopK
        self.rebalance = rebalance
        self.exploration = exploration
    }

    /// The default ``responsePriorStrength``. A policy with it leaves the field out of its encoding, so policies
    /// written before the field existed keep their identity.
    public static let defaultResponsePriorStrength = 5.0

    /// The default ``loadConversionPenalty``.
    public static let defaultLoadConversionPenalty = 1.6

    /// The built-in policy.
    public static let `default` = RoutingPolicy()

    /// Upper bound for hop limits: deeper searches explode on heavy-tailed graphs and explain poorly.
    public static let maximumHops = 4
}
