import LeadRoutingCore
import LeadRoutingGenerator

/// A small generated world with its hidden truth, for simulation tests (seconds in a debug build).
struct SimulationWorld {
    var dataset: Dataset
    var projection: GraphProjection
    var truth: SimulatedTruth

    init(seed: UInt64 = 7, agents: Int = 60, territories: Int = 10, leads: Int = 300, effects: TruthEffects = TruthEffects()) throws {
        let configuration = GeneratorConfiguration(agents: agents, territories: territories, referrals: agents * 5, leads: leads, seed: seed)
        let generator = try DatasetGenerator(configuration: configuration)
        var sink = InMemoryDatasetSink()
        _ = try generator.generate(into: &sink)
        var files: [DatasetFile: [UInt8]] = [:]
        for file in DatasetFile.allCases { files[file] = sink.files[.dataset(file)] }
        self.dataset = try DatasetDecoder().decode(files)
        self.projection = try GraphProjection(dataset: self.dataset, version: DatasetFingerprint.compute(files))
        var skills: [String: Double] = [:]
        for row in Self.rows(sink.text(of: .agentSkill)) { skills[row[0]] = Double(row[1]) }
        var brokerages: [String: String] = [:]
        for row in Self.rows(sink.text(of: .agentBrokerage)) { brokerages[row[0]] = row[1] }
        self.truth = SimulatedTruth(
            truth: sink.truth ?? generator.truth,
            dataset: self.dataset,
            projection: self.projection,
            skills: skills,
            brokerages: brokerages,
            effects: effects
        )
    }

    func simulation(_ configuration: SimulationConfiguration) throws -> Simulation {
        try Simulation(projection: self.projection, leads: self.dataset.leads, truth: self.truth, configuration: configuration)
    }

    private static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }
}
