/// Every arm's figures over the replications of a simulation, with 95% confidence intervals.
public struct SimulationReport: Sendable, Codable {
    /// One arm's figures: each an ``Estimate`` over replications.
    public struct ArmSummary: Sendable, Codable {
        public var name: String
        /// Leads closed won within the simulated days.
        public var conversions: Estimate
        /// Sum of the true conversion probabilities of the leads worked.
        public var expectedConversions: Estimate
        /// Conversions as a percentage of the oracle's in the same replication; nil without the oracle.
        public var percentOfOracle: Estimate?
        public var loadGini: Estimate
        public var loadJain: Estimate
        public var starvedAgents: Estimate
        public var slaBreaches: Estimate
        /// Share of arrivals unroutable on arrival, in percent.
        public var unroutablePercent: Estimate
        public var firstContactMinutes: Estimate
        /// Mean cumulative conversions at the end of each simulated day.
        public var cumulativeConversions: [Double]
    }

    public var configuration: SimulationConfiguration
    public var leadsPerDay: Double
    public var agents: Int
    public var arms: [ArmSummary]
    /// Every run, arm by arm within each replication.
    public var runs: [SimulationRun]
    /// The per-policy figures of the A/B test among the arms (the first, if several); nil without one.
    public var abTest: SimulationABReport?

    /// Summarises `runs` per arm, in `armNames` order; the arm named `oracleName` (if any) is the 100% mark.
    public init(
        runs: [SimulationRun],
        armNames: [String],
        oracleName: String?,
        configuration: SimulationConfiguration,
        leadsPerDay: Double,
        agents: Int
    ) {
        self.configuration = configuration
        self.leadsPerDay = leadsPerDay
        self.agents = agents
        self.runs = runs
        self.abTest = armNames.first { name in runs.contains { $0.arm == name && $0.abTest != nil } }.map { name in
            SimulationABReport(test: name, runs: runs.filter { $0.arm == name })
        }
        var oracleByReplication: [Int: Double] = [:]
        if let oracleName {
            for run in runs where run.arm == oracleName { oracleByReplication[run.replication] = Double(run.conversions) }
        }
        self.arms = armNames.map { name in
            let mine = runs.filter { $0.arm == name }.sorted { $0.replication < $1.replication }
            func estimate(_ value: (SimulationRun) -> Double) -> Estimate { Estimate(mine.map(value)) }
            var percent: Estimate? = nil
            if oracleName != nil {
                let ratios = mine.compactMap { run in
                    oracleByReplication[run.replication].flatMap { $0 > 0 ? 100 * Double(run.conversions) / $0 : nil }
                }
                percent = ratios.isEmpty ? nil : Estimate(ratios)
            }
            var cumulative = [Double](repeating: 0, count: configuration.days)
            for run in mine {
                var total = 0
                for (day, count) in run.conversionsByDay.enumerated() where day < cumulative.count {
                    total += count
                    cumulative[day] += Double(total) / Double(mine.count)
                }
            }
            return ArmSummary(
                name: name,
                conversions: estimate { Double($0.conversions) },
                expectedConversions: estimate { $0.expectedConversions },
                percentOfOracle: percent,
                loadGini: estimate { $0.loadGini },
                loadJain: estimate { $0.loadJain },
                starvedAgents: estimate { Double($0.starvedAgents) },
                slaBreaches: estimate { Double($0.slaBreaches) },
                unroutablePercent: estimate { 100 * $0.unroutableRate },
                firstContactMinutes: estimate { $0.meanFirstContactMinutes },
                cumulativeConversions: cumulative
            )
        }
    }
}
