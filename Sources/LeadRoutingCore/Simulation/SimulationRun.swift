/// What happened in one replication of one arm.
public struct SimulationRun: Sendable, Hashable, Codable {
    public var arm: String
    public var replication: Int
    /// Leads that arrived.
    public var arrivals: Int
    /// Leads no agent could take when they arrived.
    public var unroutableAtArrival: Int
    /// Offers made (first offers and re-routes).
    public var offers: Int
    public var declines: Int
    /// Offers that expired unanswered after the SLA.
    public var slaBreaches: Int
    /// Offers accepted: leads some agent worked.
    public var accepted: Int
    /// Leads closed won within the simulated days.
    public var conversions: Int
    /// Leads closed lost within the simulated days.
    public var losses: Int
    /// Sum over accepted leads of their true conversion probability (a lower-variance view of conversions).
    public var expectedConversions: Double
    /// Mean minutes from a lead's arrival to the first acceptance, over accepted leads.
    public var meanFirstContactMinutes: Double
    /// Gini coefficient and Jain's index of accepted leads over the agents ever eligible.
    public var loadGini: Double
    public var loadJain: Double
    /// Agents ever eligible.
    public var eligibleAgents: Int
    /// Eligible agents with room who were passed over for other agents and received no offer at all.
    public var starvedAgents: Int
    /// Conversions on each simulated day.
    public var conversionsByDay: [Int]
    /// Accepted leads per agent (projection order), for load histograms.
    public var acceptedByAgent: [Int]
    /// Agents with at least ``SimulationRun/learningMinimumCloses`` closes, and over them the mean absolute gap between
    /// the true conversion probability of the leads they worked and the router's estimate: from history alone
    /// (`priorError`) and after learning from the run's closes (`learnedError`).
    public var learningAgents: Int
    public var priorError: Double
    public var learnedError: Double
    /// Agents with a dataset response time and at least ``SimulationRun/responseLearningMinimumAccepts`` accepts, and
    /// over them the mean absolute gap in minutes between the truth's mean response time and the router's estimate:
    /// the dataset's figure alone (`responsePriorError`) and after learning from the run's accepts
    /// (`responseLearnedError`). Only answers within the offer SLA are seen, so a slow agent's learned figure is low.
    public var responseLearningAgents: Int = 0
    public var responsePriorError: Double = 0
    public var responseLearnedError: Double = 0
    /// Referral edges along which at least ``SimulationRun/referralLearningMinimumCloses`` referred leads closed, and
    /// over them the mean absolute gap between the true conversion probability of those leads (which carries the
    /// truth's edge strength: strong within a brokerage, weak across) and the edge's conversion estimate: from history
    /// alone (`referralPriorError`) and after learning from the run's closes (`referralLearnedError`).
    public var referralLearningEdges: Int = 0
    public var referralPriorError: Double = 0
    public var referralLearnedError: Double = 0
    /// Per policy of an A/B test, in the test's order; nil for any other arm.
    public var abTest: [SimulationABTally]? = nil

    /// Closes an agent needs in a run to count in the learning figures.
    public static let learningMinimumCloses = 20
    /// Closes of referred leads a referral edge needs in a run to count in the referral learning figures.
    public static let referralLearningMinimumCloses = 5
    /// Accepts an agent needs in a run to count in the response learning figures.
    public static let responseLearningMinimumAccepts = 10

    /// The share of arrivals unroutable on arrival.
    public var unroutableRate: Double { self.arrivals > 0 ? Double(self.unroutableAtArrival) / Double(self.arrivals) : 0 }
}
