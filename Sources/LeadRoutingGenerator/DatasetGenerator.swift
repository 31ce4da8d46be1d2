import LeadRoutingCore

/// Generates a realistic synthetic dataset and its hidden truth, deterministically for a seed,
/// streaming rows to a ``GeneratedDatasetSink`` in chunks so memory stays bounded at any size.
///
/// What it builds, in order (each phase draws from its own ``SeededRandom`` stream):
/// 1. **territories** — a jittered grid (2.2 km spacing, ±0.3 cell jitter) of ZIP-like areas around the metro
///    centre, nearest first, water left out, states by sector; density falls off with distance plus 2–8
///    secondary hot spots and log-normal noise.
/// 2. **adjacency** — grid neighbours (4-neighbourhood plus one random diagonal per grid square, so about 6
///    neighbours each), every undirected pair once, with great-circle `distance_km`.
/// 3. **brokerages** — about one per 25 agents, Pareto(α 1.25) sizes, offices placed by density.
/// 4. **agents** — each joins a brokerage by size and lives near its office; covers the home territory
///    (weight 1) plus 0–7 nearby ones (0.3–0.9, falling with distance); licences, languages, specialties,
///    price bands, capacity and load, response times and a conversion history drawn from a hidden skill.
/// 5. **referrals** — exactly `referrals` rows; Pareto(α 1.5) out-degrees, targets ~80 % in the sender's
///    brokerage, otherwise mostly nearby; `closed` driven by the receiver's skill.
///
///    In the ``GeneratorShape/national`` shape, agents also cover one of the busiest territories now and then
///    (Zipf over density rank: the densest is covered by ~1.2 % of agents) and a few referral hubs (one per
///    50,000 agents) each refer to 15 % of the agents.
/// 6. **leads** — territory by density; kind, price, language, urgency, source and previous agents near the lead.
///
/// Memory: per-agent state is a few arrays of small numbers (about 40 bytes per agent); referrals and leads
/// are never held, only the current output chunk per file (``chunkSize``).
public struct DatasetGenerator: Sendable {
    /// What to generate (validated).
    public let configuration: GeneratorConfiguration
    /// Bytes buffered per file before they are handed to the sink.
    public var chunkSize: Int

    /// Validates the configuration and prepares a generator.
    public init(configuration: GeneratorConfiguration, chunkSize: Int = 1 << 20) throws(GeneratorConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.chunkSize = max(1, chunkSize)
    }

    /// The hidden-truth model this generator draws history from and writes to `truth/model.json`.
    public var truth: HiddenTruth {
        HiddenTruth(
            seed: self.configuration.seed,
            metro: self.configuration.metro.name,
            agents: self.configuration.agents,
            brokerages: GenerationRun.brokerageCount(agents: self.configuration.agents)
        )
    }

    /// Generates every file into `sink`; `progress` is called with (phase, rows done, rows expected) every
    /// 65,536 rows and at the end of each phase. Rethrows the sink's errors.
    public func generate<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void = { _, _, _ in }
    ) throws -> GenerationSummary {
        var run = GenerationRun(configuration: self.configuration, truth: self.truth, chunkSize: self.chunkSize)
        try run.territoriesPhase(into: &sink, progress: progress)
        try run.adjacencyPhase(into: &sink, progress: progress)
        try run.brokeragesPhase(into: &sink, progress: progress)
        try run.agentsPhase(into: &sink, progress: progress)
        try run.referralsPhase(into: &sink, progress: progress)
        try run.leadsPhase(into: &sink, progress: progress)
        try sink.writeTruthModel(run.truth)
        return run.summary
    }
}
