import LeadRoutingCore

/// The mutable state of one ``DatasetGenerator/generate(into:progress:)`` call: the territory grid and the
/// per-agent arrays later phases need (home, brokerage, skill, responsiveness), plus output helpers.
struct GenerationRun {
    let configuration: GeneratorConfiguration
    let truth: HiddenTruth
    let chunkSize: Int
    var summary = GenerationSummary()

    var grid: TerritoryGrid
    var densityTable: AliasTable?
    /// National shape: territories by density (busiest first), Zipf(1) weights over that rank, and the chance an
    /// agent covers one of them (so the busiest is covered by ``GeneratorShape/densestCoverageShare`` of agents).
    var hotTerritories: [Int32] = []
    var hotTable: AliasTable?
    var hotCoverageProbability = 0.0

    var brokerageTerritory: [Int32] = []
    var brokerageSpread: [Double] = []
    var brokerageTable: AliasTable?

    var agentHome: [Int32] = []
    var agentBrokerage: [Int32] = []
    var agentSkill: [Double] = []
    var agentResponsiveness: [Float] = []
    /// Agents living in each territory (CSR: `territoryAgentStart[t]..<territoryAgentStart[t + 1]`).
    var territoryAgentStart: [Int32] = []
    var territoryAgents: [Int32] = []
    /// Members of each brokerage (CSR).
    var brokerageMemberStart: [Int32] = []
    var brokerageMembers: [Int32] = []

    /// Random streams, one per phase, so phases do not disturb each other.
    enum Stream: UInt64 {
        case territories = 1
        case adjacency, brokerages, agents, referrals, leads
    }

    static let progressInterval = 1 << 16
    static let agentIDWidth = 7
    static let leadIDWidth = 7
    static let brokerageIDWidth = 6

    static func brokerageCount(agents: Int) -> Int {
        agents == 0 ? 0 : max(1, (agents + 12) / 25)
    }

    init(configuration: GeneratorConfiguration, truth: HiddenTruth, chunkSize: Int) {
        self.configuration = configuration
        self.truth = truth
        self.chunkSize = chunkSize
        var random = SeededRandom(seed: configuration.seed, stream: Stream.territories.rawValue)
        self.grid = TerritoryGrid(count: configuration.territories, metro: configuration.metro, random: &random)
        if configuration.territories > 0 {
            self.densityTable = AliasTable(weights: self.grid.density)
        }
        if configuration.shape == .national && configuration.territories > 1 {
            let density = self.grid.density
            self.hotTerritories = (0..<Int32(configuration.territories)).sorted {
                density[Int($0)] != density[Int($1)] ? density[Int($0)] > density[Int($1)] : $0 < $1
            }
            let weights = (1...configuration.territories).map { 1 / Double($0) }
            self.hotTable = AliasTable(weights: weights)
            self.hotCoverageProbability = min(1, GeneratorShape.densestCoverageShare * weights.reduce(0, +))
        }
    }

    func random(_ stream: Stream) -> SeededRandom {
        SeededRandom(seed: self.configuration.seed, stream: stream.rawValue)
    }

    // MARK: Output helpers

    /// A buffer for `file` holding its header row.
    func startFile(_ file: GeneratedFile) -> CSVWriter {
        var writer = CSVWriter(reservingCapacity: self.chunkSize + 4096)
        writer.writeRow(file.columns)
        return writer
    }

    /// Hands the buffer to the sink once it holds at least ``chunkSize`` bytes.
    @inline(__always)
    func flushIfFull<Sink: GeneratedDatasetSink>(_ writer: inout CSVWriter, _ file: GeneratedFile, _ sink: inout Sink) throws {
        if writer.bytes.count >= self.chunkSize {
            try sink.write(writer.bytes, to: file)
            writer.removeAll()
        }
    }

    /// Hands whatever is buffered to the sink.
    func finish<Sink: GeneratedDatasetSink>(_ writer: inout CSVWriter, _ file: GeneratedFile, _ sink: inout Sink) throws {
        if !writer.bytes.isEmpty {
            try sink.write(writer.bytes, to: file)
            writer.removeAll()
        }
    }

    @inline(__always)
    func appendAgentID(_ writer: inout CSVWriter, _ agent: Int) {
        writer.appendID(prefix: UInt8(ascii: "A"), agent + 1, width: Self.agentIDWidth)
    }

    @inline(__always)
    func appendTerritoryID(_ writer: inout CSVWriter, _ territory: Int) {
        writer.appendUnsigned(UInt64(self.grid.zip[territory]), width: 5)
    }

    @inline(__always)
    func appendBrokerageID(_ writer: inout CSVWriter, _ brokerage: Int) {
        writer.appendID(prefix: UInt8(ascii: "B"), brokerage + 1, width: Self.brokerageIDWidth)
    }

    // MARK: Neighbourhood helpers

    /// A random agent living within `radius` grid cells of `territory`, or −1 after a few misses.
    func randomAgent(near territory: Int, radius: Int, random: inout SeededRandom) -> Int32 {
        let x = Int(self.grid.gridX[territory])
        let y = Int(self.grid.gridY[territory])
        for _ in 0..<10 {
            let t = self.grid.territory(x: x + random.int(in: -radius...radius), y: y + random.int(in: -radius...radius))
            if t < 0 { continue }
            let start = Int(self.territoryAgentStart[Int(t)])
            let end = Int(self.territoryAgentStart[Int(t) + 1])
            if end > start { return self.territoryAgents[start + random.int(below: end - start)] }
        }
        return -1
    }

    // MARK: Phases 1–3

    mutating func territoriesPhase<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void
    ) throws {
        let file = GeneratedFile.dataset(.territories)
        var writer = self.startFile(file)
        let stateCodes = self.configuration.metro.stateCodes
        let total = self.grid.count
        for t in 0..<total {
            self.appendTerritoryID(&writer, t)
            writer.comma()
            writer.appendRaw(self.grid.names[t])
            writer.comma()
            writer.appendRaw(stateCodes[Int(self.grid.stateIndex[t])])
            writer.comma()
            writer.appendFixed(self.grid.latitude[t], places: 6)
            writer.comma()
            writer.appendFixed(self.grid.longitude[t], places: 6)
            writer.endRow()
            try self.flushIfFull(&writer, file, &sink)
            if t % Self.progressInterval == 0 { progress(.territories, t, total) }
        }
        try self.finish(&writer, file, &sink)
        self.summary.territories = total
        progress(.territories, total, total)
    }

    mutating func adjacencyPhase<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void
    ) throws {
        let file = GeneratedFile.dataset(.adjacency)
        var writer = self.startFile(file)
        var random = self.random(.adjacency)
        var rows = 0
        let half = self.grid.half
        let total = self.grid.side * self.grid.side
        var visited = 0
        func pair(_ a: Int32, _ b: Int32, _ writer: inout CSVWriter) {
            guard a >= 0, b >= 0 else { return }
            self.appendTerritoryID(&writer, Int(a))
            writer.comma()
            self.appendTerritoryID(&writer, Int(b))
            writer.comma()
            let km = GeoDistance.kilometres(
                latitude1: self.grid.latitude[Int(a)],
                longitude1: self.grid.longitude[Int(a)],
                latitude2: self.grid.latitude[Int(b)],
                longitude2: self.grid.longitude[Int(b)]
            )
            writer.appendFixed(km, places: 3)
            writer.endRow()
            rows += 1
        }
        for y in -half...half {
            for x in -half...half {
                // One diagonal per grid square, chosen at random (a triangulated grid: ~6 neighbours each).
                let rising = random.bernoulli(0.5)
                let here = self.grid.territory(x: x, y: y)
                pair(here, self.grid.territory(x: x + 1, y: y), &writer)
                pair(here, self.grid.territory(x: x, y: y + 1), &writer)
                if rising {
                    pair(here, self.grid.territory(x: x + 1, y: y + 1), &writer)
                } else {
                    pair(self.grid.territory(x: x + 1, y: y), self.grid.territory(x: x, y: y + 1), &writer)
                }
                try self.flushIfFull(&writer, file, &sink)
                visited += 1
                if visited % Self.progressInterval == 0 { progress(.adjacency, visited, total) }
            }
        }
        try self.finish(&writer, file, &sink)
        self.summary.adjacency = rows
        progress(.adjacency, total, total)
    }

    mutating func brokeragesPhase<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void
    ) throws {
        let file = GeneratedFile.brokerages
        var writer = self.startFile(file)
        var random = self.random(.brokerages)
        let count = Self.brokerageCount(agents: self.configuration.agents)
        var weights = [Double](repeating: 0, count: count)
        self.brokerageTerritory = [Int32](repeating: 0, count: count)
        self.brokerageSpread = [Double](repeating: 1, count: count)
        for b in 0..<count {
            // Heavy-tailed sizes: most brokerages are small offices, a few are large franchises.
            let weight = min(150, random.pareto(minimum: 1, alpha: 1.25))
            weights[b] = weight
            let office = self.densityTable!.sample(using: &random)
            self.brokerageTerritory[b] = Int32(office)
            // Bigger brokerages spread their agents over a wider area (in grid cells).
            self.brokerageSpread[b] = 0.7 + 0.45 * PortableMath.log(weight)
            self.appendBrokerageID(&writer, b)
            writer.comma()
            writer.appendRaw(random.element(of: NameCatalog.brokerageWords))
            writer.appendRaw(" ")
            writer.appendRaw(random.element(of: NameCatalog.brokerageSuffixes))
            writer.comma()
            self.appendTerritoryID(&writer, office)
            writer.comma()
            writer.appendFixed(self.grid.latitude[office] + random.uniform(-0.003, 0.003), places: 6)
            writer.comma()
            writer.appendFixed(self.grid.longitude[office] + random.uniform(-0.003, 0.003), places: 6)
            writer.endRow()
            try self.flushIfFull(&writer, file, &sink)
            if b % Self.progressInterval == 0 { progress(.brokerages, b, count) }
        }
        try self.finish(&writer, file, &sink)
        if count > 0 { self.brokerageTable = AliasTable(weights: weights) }
        self.summary.brokerages = count
        progress(.brokerages, count, count)
    }
}
