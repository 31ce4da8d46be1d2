import LeadRoutingCore

/// What to generate: row counts, the seed, the metro, the shape, and the end of the 30-day window leads were created in.
///
/// The same configuration always produces byte-identical files. Call ``validate()`` (the generator does) to get
/// a clear error instead of a crash for impossible requests.
public struct GeneratorConfiguration: Sendable, Hashable {
    public var agents: Int
    public var territories: Int
    /// Number of referral rows: distinct (from, to) pairs, never a self-referral.
    public var referrals: Int
    public var leads: Int
    public var seed: UInt64
    public var metro: Metro
    /// Metro-like or national density (heavy-tailed coverage of the busiest territories, referral hubs).
    public var shape: GeneratorShape
    /// Unix time (seconds, UTC) the lead window ends at; leads are spread over the 30 days before it.
    /// Fixed by default (2025-06-01T00:00:00Z) rather than "now", so output does not depend on the clock.
    public var endTimestamp: Int64

    public init(
        agents: Int = 500,
        territories: Int = 60,
        referrals: Int = 3000,
        leads: Int = 1000,
        seed: UInt64 = 42,
        metro: Metro = .newYork,
        shape: GeneratorShape = .metro,
        endTimestamp: Int64 = GeneratorConfiguration.defaultEndTimestamp
    ) {
        self.agents = agents
        self.territories = territories
        self.referrals = referrals
        self.leads = leads
        self.seed = seed
        self.metro = metro
        self.shape = shape
        self.endTimestamp = endTimestamp
    }

    /// 2025-06-01T00:00:00Z.
    public static let defaultEndTimestamp: Int64 = 1_748_736_000
    /// Territory ids are 5-digit ZIP-like codes, unique per dataset.
    public static let maximumTerritories = 90_000
    /// Agents and leads are indexed with 32-bit integers.
    public static let maximumAgents = 100_000_000
    public static let maximumLeads = 1_000_000_000

    /// Most referral rows `agents` agents can hold: one per ordered pair of different agents, n·(n−1).
    public static func maximumReferrals(agents: Int) -> Int {
        guard agents > 1 else { return 0 }
        let (product, overflow) = agents.multipliedReportingOverflow(by: agents - 1)
        return overflow ? Int.max : product
    }

    /// Checks the request can be satisfied; throws the first problem found.
    public func validate() throws(GeneratorConfigurationError) {
        for (name, value) in [("agents", agents), ("territories", territories), ("referrals", referrals), ("leads", leads)]
        where value < 0 {
            throw GeneratorConfigurationError(.negativeCount, "\(name) must be at least 0 (got \(value))")
        }
        if self.territories > Self.maximumTerritories {
            throw GeneratorConfigurationError(
                .tooManyTerritories,
                "territories must be at most \(Self.maximumTerritories) (5-digit ZIP-like ids); got \(self.territories)"
            )
        }
        if self.agents > Self.maximumAgents {
            throw GeneratorConfigurationError(
                .tooManyAgents,
                "agents must be at most \(Self.maximumAgents); got \(self.agents)"
            )
        }
        if self.leads > Self.maximumLeads {
            throw GeneratorConfigurationError(.tooManyLeads, "leads must be at most \(Self.maximumLeads); got \(self.leads)")
        }
        if self.territories == 0 && (self.agents > 0 || self.leads > 0) {
            throw GeneratorConfigurationError(
                .missingTerritories,
                "territories must be at least 1 when there are agents or leads (agents: \(self.agents), leads: \(self.leads))"
            )
        }
        let most = Self.maximumReferrals(agents: self.agents)
        if self.referrals > most {
            throw GeneratorConfigurationError(
                .tooManyReferrals,
                "referrals must be at most \(most) for \(self.agents) agents (one row per ordered pair of different agents); got \(self.referrals)"
            )
        }
    }
}
