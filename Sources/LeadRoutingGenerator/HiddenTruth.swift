import LeadRoutingCore

/// The ground truth behind a generated dataset, written to `truth/model.json` (with each agent's skill in
/// `truth/agent_skill.csv`) and never read by the router: a simulator scores routing policies against it.
///
/// The probability that an assigned lead converts is
///
///     p = logistic(intercept + skillWeight·skill + matchWeight·match
///                  + trustWeight·referralTrust + responseWeight·responsiveness)
///
/// where `logistic(x) = 1 / (1 + e^−x)` and
/// - `skill` is the agent's hidden skill, drawn from a standard normal (`truth/agent_skill.csv`);
/// - `match` in [0, 1] is how well the agent fits the lead (see ``matchDefinition``);
/// - `referralTrust` in [0, 1] is the strength of the referral relation from the lead's source agent to the
///   agent (see ``referralTrustDefinition``), 0 without a source agent;
/// - `responsiveness` in [0, 1] is `1 / (1 + response_minutes / responseScaleMinutes)`.
///
/// The generator used the same model to draw the observable history: each agent's `closed` out of
/// `assigned` with ``historyMatch`` and no referral trust, and each referral edge's `closed` out of `sent`
/// with ``historyMatch`` and the edge's relationship trust (``trustWithinBrokerage``, ``trustNearby``,
/// ``trustOther``). So observed conversion rates are noisy, shrunk estimates of the hidden skill.
public struct HiddenTruth: Sendable, Hashable, Codable {
    /// The formula, in words, for people reading the JSON.
    public var formula: String
    public var intercept: Double
    public var skillWeight: Double
    public var matchWeight: Double
    public var trustWeight: Double
    public var responseWeight: Double
    /// Minutes at which responsiveness is one half.
    public var responseScaleMinutes: Double
    /// Distribution the skills were drawn from.
    public var skillDistribution: String
    /// How `match` is computed from a lead and an agent.
    public var matchDefinition: String
    /// How `referralTrust` is computed from the referral network.
    public var referralTrustDefinition: String
    /// `match` assumed when drawing agents' and referrals' conversion history.
    public var historyMatch: Double
    /// Relationship trust used when drawing a referral edge's `closed` count.
    public var trustWithinBrokerage: Double
    public var trustNearby: Double
    public var trustOther: Double
    /// Where each agent's skill is (relative to the dataset directory).
    public var agentSkillFile: String
    /// Where each agent's brokerage (the community ground truth) is.
    public var agentBrokerageFile: String
    /// Provenance.
    public var seed: UInt64
    public var metro: String
    public var agents: Int
    public var brokerages: Int

    /// The model with the generator's built-in parameters.
    public init(seed: UInt64 = 0, metro: String = "", agents: Int = 0, brokerages: Int = 0) {
        self.formula =
            "p = logistic(intercept + skillWeight*skill + matchWeight*match + trustWeight*referralTrust"
            + " + responseWeight*responsiveness); logistic(x) = 1/(1+exp(-x));"
            + " responsiveness = 1/(1 + response_minutes/responseScaleMinutes)"
        self.intercept = -2.2
        self.skillWeight = 0.8
        self.matchWeight = 1.4
        self.trustWeight = 1.0
        self.responseWeight = 0.6
        self.responseScaleMinutes = 30
        self.skillDistribution = "normal(0, 1), one draw per agent"
        self.matchDefinition =
            "match = 0.4*coverage + 0.2*language + 0.2*price + 0.2*kind, where coverage is the agent's coverage"
            + " weight on the lead's territory (else 0.5 x its best weight on an adjacent territory, else 0),"
            + " language is 1 if the lead has no language or the agent speaks it, price is 1 if the lead has no"
            + " price or it lies inside the agent's band (or the agent has none), kind is 1 if the agent's"
            + " specialties include the lead's kind; each term otherwise 0"
        self.referralTrustDefinition =
            "referralTrust = the best referral path from the lead's source agent to the agent over at most 2 hops:"
            + " the product of edge strengths (closed+1)/(sent+2) times 0.5 per hop after the first;"
            + " 1 when the agent is the source agent; 0 without a source agent or path"
        self.historyMatch = 0.6
        self.trustWithinBrokerage = 0.8
        self.trustNearby = 0.5
        self.trustOther = 0.2
        self.agentSkillFile = "truth/agent_skill.csv"
        self.agentBrokerageFile = "truth/agent_brokerage.csv"
        self.seed = seed
        self.metro = metro
        self.agents = agents
        self.brokerages = brokerages
    }

    /// Responsiveness in [0, 1] for a typical first-response time: 1 at 0 minutes, ½ at ``responseScaleMinutes``.
    public func responsiveness(responseMinutes: Double) -> Double {
        1 / (1 + max(0, responseMinutes) / self.responseScaleMinutes)
    }

    /// The true probability that the lead converts (see the type's documentation).
    public func conversionProbability(skill: Double, match: Double, referralTrust: Double, responsiveness: Double) -> Double {
        PortableMath.logistic(
            self.intercept + self.skillWeight * skill + self.matchWeight * match + self.trustWeight * referralTrust
                + self.responseWeight * responsiveness
        )
    }
}
