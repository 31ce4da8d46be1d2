/// A discrete-event simulation of lead routing that drives the real ``LeadLifecycle`` on a lead store against a
/// hidden ``TruthModel``: leads arrive (a Poisson process over leads drawn from the dataset), are offered, accepted or
/// declined after a response time, expire after the offer SLA and are re-routed, and close won or lost, freeing
/// capacity. Time is a ``SimulationClock``; every draw is seeded and keyed by lead id, so every arm of a replication
/// meets the same arrivals, answers and luck (common random numbers) and a run is deterministic for its seed.
///
/// Pure: the store comes from the caller (an in-memory store per run), nothing else is touched.
public struct Simulation: Sendable {
    public let projection: GraphProjection
    /// The leads arrivals are drawn from (their ids are replaced).
    public let leads: [Lead]
    public let truth: any TruthModel
    public let configuration: SimulationConfiguration

    public init(projection: GraphProjection, leads: [Lead], truth: any TruthModel, configuration: SimulationConfiguration) throws {
        try configuration.validate()
        guard !leads.isEmpty else {
            throw InputError(field: "leads", reason: "the dataset has no leads to draw arrivals from", subject: "simulation")
        }
        self.projection = projection
        self.leads = leads
        self.truth = truth
        self.configuration = configuration
    }

    /// Mean arrivals per day.
    public var leadsPerDay: Double { self.configuration.leadsPerDay ?? Double(self.leads.count) / 30 }

    /// The seed of replication `replication` (0-based).
    func seed(replication: Int) -> UInt64 { self.configuration.seed &+ UInt64(replication) }

    /// The arrivals of one replication, the same for every arm: (time, lead) in time order.
    func arrivals(replication: Int) -> [(atMillis: Int64, lead: Lead)] {
        var random = SeededRandom(seed: self.seed(replication: replication), key: "arrivals")
        let start = Double(self.configuration.startMillis)
        let end = start + Double(self.configuration.days) * SimulationConfiguration.millisPerDay
        let meanGap = SimulationConfiguration.millisPerDay / self.leadsPerDay
        var result: [(atMillis: Int64, lead: Lead)] = []
        var at = start + random.exponential(mean: meanGap)
        while at < end {
            var lead = random.element(of: self.leads)
            lead.id = "sim-\(replication)-\(result.count + 1)"
            lead.createdAt = nil
            result.append((Int64(at), lead))
            at += random.exponential(mean: meanGap)
        }
        return result
    }

    /// Runs one replication of one arm on `store` (empty and migrated, used by this run only).
    public func run(_ arm: SimulationArm, replication: Int, store: any LeadStore) async throws -> SimulationRun {
        var state = try await SimulationState(simulation: self, arm: arm, replication: replication, store: store)
        try await state.runToEnd()
        return state.result()
    }
}

extension Simulation {
    /// Runs every arm for every replication, each run on its own store from `withStore`, and summarises them.
    /// `progress` hears (runs done, runs in all) after each run.
    public func run(
        _ arms: [SimulationArm],
        withStore: (@Sendable (any LeadStore) async throws -> SimulationRun) async throws -> SimulationRun,
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> SimulationReport {
        var names: [String] = []
        for arm in arms where !names.contains(arm.name) { names.append(arm.name) }
        guard names.count == arms.count else {
            throw InputError(field: "policy", reason: "two arms share a name; give each policy a distinct version", subject: "simulation")
        }
        let total = arms.count * self.configuration.replications
        var runs: [SimulationRun] = []
        for replication in 0..<self.configuration.replications {
            for arm in arms {
                runs.append(try await withStore { store in try await self.run(arm, replication: replication, store: store) })
                progress(runs.count, total)
            }
        }
        return SimulationReport(
            runs: runs,
            armNames: names,
            oracleName: arms.first(where: \.isOracle)?.name,
            configuration: self.configuration,
            leadsPerDay: self.leadsPerDay,
            agents: self.projection.agentCount
        )
    }
}
