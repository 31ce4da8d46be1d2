/// An A/B test's figures per policy over the replications, and each policy's difference from the control (the
/// first), paired by replication: both policies of a replication met the same world, so the difference's interval is
/// narrower than the two intervals side by side suggest. Rates are per arriving lead, since the policies receive
/// different numbers of leads.
public struct SimulationABReport: Sendable, Codable {
    /// One policy's figures, each an ``Estimate`` over replications.
    public struct ArmSummary: Sendable, Codable {
        public var name: String
        /// Leads split to the policy.
        public var leads: Estimate
        /// Its leads as a percentage of all arrivals.
        public var leadPercent: Estimate
        /// Conversions per 100 of its leads.
        public var conversionPercent: Estimate
        /// Expected conversions (true probabilities of the leads worked) per 100 of its leads.
        public var expectedConversionPercent: Estimate
        /// Accepted leads per 100 of its leads.
        public var acceptedPercent: Estimate
        /// Offers that expired unanswered, per 100 of its leads.
        public var slaBreachPercent: Estimate
        /// Its leads unroutable on arrival, in percent.
        public var unroutablePercent: Estimate
        public var firstContactMinutes: Estimate
    }

    /// A policy's figure minus the control's, in percentage points, paired by replication.
    public struct Difference: Sendable, Codable {
        public var name: String
        public var control: String
        public var conversionPoints: Estimate
        public var expectedConversionPoints: Estimate
    }

    /// The simulation arm that ran the test.
    public var test: String
    public var arms: [ArmSummary]
    /// Every policy but the control, against the control.
    public var differences: [Difference]

    /// Summarises the A/B tallies of `runs` (one per replication, all of the same test).
    public init(test: String, runs: [SimulationRun]) {
        self.test = test
        let runs = runs.filter { $0.abTest != nil }.sorted { $0.replication < $1.replication }
        let names = runs.first?.abTest?.map(\.arm) ?? []
        func values(_ arm: Int, _ value: (SimulationABTally, SimulationRun) -> Double) -> [Double] {
            runs.compactMap { run in run.abTest.flatMap { arm < $0.count ? value($0[arm], run) : nil } }
        }
        self.arms = names.indices.map { arm in
            func estimate(_ value: (SimulationABTally) -> Double) -> Estimate { Estimate(values(arm) { tally, _ in value(tally) }) }
            return ArmSummary(
                name: names[arm],
                leads: estimate { Double($0.arrivals) },
                leadPercent: Estimate(values(arm) { tally, run in run.arrivals > 0 ? 100 * Double(tally.arrivals) / Double(run.arrivals) : 0 }),
                conversionPercent: estimate { 100 * $0.conversionRate },
                expectedConversionPercent: estimate { 100 * $0.expectedConversionRate },
                acceptedPercent: estimate { 100 * $0.perLead(Double($0.accepted)) },
                slaBreachPercent: estimate { 100 * $0.perLead(Double($0.slaBreaches)) },
                unroutablePercent: estimate { 100 * $0.perLead(Double($0.unroutableAtArrival)) },
                firstContactMinutes: estimate { $0.meanFirstContactMinutes }
            )
        }
        self.differences = names.indices.dropFirst().map { arm in
            func paired(_ value: (SimulationABTally) -> Double) -> Estimate {
                Estimate(values(arm) { tally, run in 100 * (value(tally) - (run.abTest.map { value($0[0]) } ?? 0)) })
            }
            return Difference(
                name: names[arm],
                control: names[0],
                conversionPoints: paired(\.conversionRate),
                expectedConversionPoints: paired(\.expectedConversionRate)
            )
        }
    }
}
