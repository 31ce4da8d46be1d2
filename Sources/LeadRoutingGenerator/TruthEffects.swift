/// Effects of the simulated world that the router does not model directly, added to ``HiddenTruth``'s conversion
/// formula by ``SimulatedTruth`` so a policy cannot win by being the truth's own features in disguise. Every field
/// has a documented default.
public struct TruthEffects: Sendable, Hashable, Codable {
    /// Added to the logit times utilisation² (open / capacity, the new lead included): conversion falls faster as an
    /// agent fills up, so the last free slots are worth less than the first. Default −1.6.
    public var loadWeight: Double
    /// Standard deviation of an agent's extra skill per lead kind (buy, sell, rent), drawn once per agent and kind.
    /// Default 0.6.
    public var kindSkillSpread: Double
    /// Standard deviation of an agent's extra skill per price band (below 400k, below 1M, above), drawn once per agent
    /// and band. Default 0.4.
    public var priceBandSkillSpread: Double
    /// Added to the logit when the client has a language and the agent speaks it, required or not. Default 0.4.
    public var ownLanguageBonus: Double
    /// True strength of a referral relationship between agents of the same brokerage (strong) and of different ones
    /// (weak), whatever the observed counts say. Defaults 0.8 and 0.15.
    public var strongReferralTrust: Double
    public var weakReferralTrust: Double
    /// Probability of accepting an offer at zero load, and how much it falls at full load (linearly). Defaults 0.9, 0.4.
    public var acceptAtEmpty: Double
    public var acceptDropWhenFull: Double
    /// Response minutes assumed for an agent without `response_minutes`. Default 60.
    public var defaultResponseMinutes: Double
    /// How far an agent's true mean response time strays from the dataset's `response_minutes` (a stale,
    /// self-reported figure): multiplied by `exp(drift × z)`, z standard normal drawn once per agent. It moves both
    /// when the agent answers and the responsiveness term of the conversion. Default 0: the dataset is the truth.
    public var responseDrift: Double

    public init(
        loadWeight: Double = -1.6,
        kindSkillSpread: Double = 0.6,
        priceBandSkillSpread: Double = 0.4,
        ownLanguageBonus: Double = 0.4,
        strongReferralTrust: Double = 0.8,
        weakReferralTrust: Double = 0.15,
        acceptAtEmpty: Double = 0.9,
        acceptDropWhenFull: Double = 0.4,
        defaultResponseMinutes: Double = 60,
        responseDrift: Double = 0
    ) {
        self.loadWeight = loadWeight
        self.kindSkillSpread = kindSkillSpread
        self.priceBandSkillSpread = priceBandSkillSpread
        self.ownLanguageBonus = ownLanguageBonus
        self.strongReferralTrust = strongReferralTrust
        self.weakReferralTrust = weakReferralTrust
        self.acceptAtEmpty = acceptAtEmpty
        self.acceptDropWhenFull = acceptDropWhenFull
        self.defaultResponseMinutes = defaultResponseMinutes
        self.responseDrift = responseDrift
    }

    /// The price band of a lead: 0 below 400k, 1 below 1M, 2 above; nil without a price.
    static func priceBand(_ price: Double?) -> Int? {
        guard let price else { return nil }
        return price < 400_000 ? 0 : (price < 1_000_000 ? 1 : 2)
    }
}
