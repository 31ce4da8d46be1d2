import LeadRoutingCore
import LeadRoutingGenerator
import Testing

/// A generated dataset parsed back with a plain split (the generator never writes quoted fields).
struct ParsedDataset {
    var files: [GeneratedFile: [[String: String]]] = [:]
    var headers: [GeneratedFile: [String]] = [:]
    var raw: [GeneratedFile: [UInt8]] = [:]
    var truth: HiddenTruth?
    var summary: GenerationSummary

    init(_ configuration: GeneratorConfiguration, chunkSize: Int = 1 << 20) throws {
        let generator = try DatasetGenerator(configuration: configuration, chunkSize: chunkSize)
        var sink = InMemoryDatasetSink()
        self.summary = try generator.generate(into: &sink)
        self.truth = sink.truth
        for file in GeneratedFile.allCases {
            let bytes = sink.files[file] ?? []
            self.raw[file] = bytes
            var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            let header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
            self.headers[file] = header
            self.files[file] = lines.dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return Dictionary(uniqueKeysWithValues: zip(header, fields + Array(repeating: "\u{0}", count: max(0, header.count - fields.count))))
                    .merging(["#fields": String(fields.count)]) { a, _ in a }
            }
        }
    }

    func rows(_ file: DatasetFile) -> [[String: String]] { self.files[.dataset(file)] ?? [] }
}

@Suite struct DatasetGeneratorTests {
    static let configuration = GeneratorConfiguration(
        agents: 2000,
        territories: 200,
        referrals: 20_000,
        leads: 3000,
        seed: 11,
        metro: .newYork
    )
    /// Generated once and shared by the tests below.
    static let dataset: ParsedDataset = try! ParsedDataset(configuration)

    // MARK: Contract and invariants

    @Test func headersAreExactlyTheDatasetColumns() {
        for file in GeneratedFile.allCases {
            #expect(Self.dataset.headers[file] == file.columns, "\(file)")
            for row in Self.dataset.files[file] ?? [] {
                #expect(row["#fields"] == String(file.columns.count), "\(file): \(row)")
            }
            #expect(!(Self.dataset.raw[file] ?? []).contains(UInt8(ascii: "\"")), "\(file) needs no quoting")
        }
    }

    @Test func countsMatchTheConfiguration() {
        let d = Self.dataset
        #expect(d.rows(.agents).count == 2000)
        #expect(d.rows(.territories).count == 200)
        #expect(d.rows(.referrals).count == 20_000)
        #expect(d.rows(.leads).count == 3000)
        #expect(d.summary.referrals == 20_000)
        #expect(d.summary.coverage == d.rows(.coverage).count)
        #expect(d.summary.adjacency == d.rows(.adjacency).count)
        #expect(d.files[.agentSkill]?.count == 2000)
        #expect(d.files[.agentBrokerage]?.count == 2000)
        #expect(d.truth?.agents == 2000)
    }

    @Test func territoriesAreValid() throws {
        let rows = Self.dataset.rows(.territories)
        let ids = rows.map { $0["id"]! }
        #expect(Set(ids).count == ids.count)
        for row in rows {
            let id = row["id"]!
            #expect(id.count == 5 && id.allSatisfy(\.isNumber), "\(id)")
            #expect(["NY", "NJ", "CT"].contains(row["state"]!))
            let lat = try #require(Double(row["lat"]!))
            let lon = try #require(Double(row["lon"]!))
            #expect(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)
            // Within a few hundred km of Manhattan.
            #expect(GeoDistance.kilometres(latitude1: lat, longitude1: lon, latitude2: 40.7128, longitude2: -74.006) < 300)
            #expect(!row["name"]!.isEmpty)
        }
        #expect(Set(rows.map { $0["state"]! }).count >= 2, "the grid straddles the Hudson")
    }

    @Test func adjacencyHasEachUndirectedPairOnce() throws {
        let territories = Set(Self.dataset.rows(.territories).map { $0["id"]! })
        var pairs = Set<[String]>()
        var degree: [String: Int] = [:]
        for row in Self.dataset.rows(.adjacency) {
            let a = row["territory_id"]!
            let b = row["neighbor_id"]!
            #expect(a != b)
            #expect(territories.contains(a) && territories.contains(b))
            #expect(pairs.insert([a, b].sorted()).inserted, "duplicate pair \(a),\(b)")
            let km = try #require(Double(row["distance_km"]!))
            #expect(km > 0.5 && km < 6)
            degree[a, default: 0] += 1
            degree[b, default: 0] += 1
        }
        let mean = Double(degree.values.reduce(0, +)) / Double(territories.count)
        #expect(mean > 4 && mean < 7)
    }

    @Test func agentsAreValid() throws {
        let rows = Self.dataset.rows(.agents)
        let ids = rows.map { $0["id"]! }
        #expect(Set(ids).count == ids.count)
        #expect(ids.first == "A0000001")
        var inactive = 0
        var full = 0
        var banded = 0
        var spanish = 0
        for row in rows {
            #expect(["true", "false"].contains(row["active"]!))
            if row["active"] == "false" { inactive += 1 }
            #expect(!row["name"]!.isEmpty)
            #expect(!row["states"]!.isEmpty)
            let languages = row["languages"]!.split(separator: "|")
            #expect(languages.first == "en")
            if languages.contains("es") { spanish += 1 }
            let specialties = row["specialties"]!.split(separator: "|").map(String.init)
            #expect(specialties.contains { ["buy", "sell", "rent"].contains($0) })
            let capacity = try #require(Int(row["capacity"]!))
            let open = try #require(Int(row["open_leads"]!))
            #expect(capacity >= 5 && capacity <= 40)
            #expect(open >= 0 && open <= capacity)
            if open == capacity { full += 1 }
            let closed = try #require(Int(row["closed"]!))
            let assigned = try #require(Int(row["assigned"]!))
            #expect(closed >= 0 && closed <= assigned)
            let minimum = row["price_min"]!.isEmpty ? nil : Double(row["price_min"]!)
            let maximum = row["price_max"]!.isEmpty ? nil : Double(row["price_max"]!)
            if let minimum, let maximum { #expect(minimum <= maximum) }
            if minimum != nil || maximum != nil { banded += 1 }
            let response = try #require(Double(row["response_minutes"]!))
            #expect(response >= 1 && response <= 2880)
            let lat = try #require(Double(row["lat"]!))
            let lon = try #require(Double(row["lon"]!))
            #expect(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)
        }
        let n = Double(rows.count)
        #expect(Double(inactive) / n > 0.01 && Double(inactive) / n < 0.06)
        #expect(Double(full) / n > 0.03 && Double(full) / n < 0.12)
        #expect(Double(banded) / n > 0.6 && Double(banded) / n < 0.8)
        #expect(Double(spanish) / n > 0.2 && Double(spanish) / n < 0.3)
    }

    @Test func coverageIsValid() throws {
        let agents = Set(Self.dataset.rows(.agents).map { $0["id"]! })
        let territories = Set(Self.dataset.rows(.territories).map { $0["id"]! })
        var pairs = Set<[String]>()
        var perAgent: [String: [Double]] = [:]
        for row in Self.dataset.rows(.coverage) {
            let agent = row["agent_id"]!
            let territory = row["territory_id"]!
            #expect(agents.contains(agent) && territories.contains(territory))
            #expect(pairs.insert([agent, territory]).inserted, "duplicate coverage \(agent),\(territory)")
            let weight = try #require(Double(row["weight"]!))
            #expect(weight > 0 && weight <= 1)
            perAgent[agent, default: []].append(weight)
        }
        #expect(perAgent.count == agents.count)
        for weights in perAgent.values {
            #expect(weights.count >= 1 && weights.count <= 8)
            #expect(weights.first == 1.0)
            #expect(weights.dropFirst().allSatisfy { $0 >= 0.3 && $0 <= 0.9 })
            #expect(Array(weights.dropFirst()) == weights.dropFirst().sorted(by: >), "weights fall with distance")
        }
    }

    @Test func referralsAreValid() throws {
        let agents = Set(Self.dataset.rows(.agents).map { $0["id"]! })
        var pairs = Set<[String]>()
        for row in Self.dataset.rows(.referrals) {
            let from = row["from_agent_id"]!
            let to = row["to_agent_id"]!
            #expect(from != to)
            #expect(agents.contains(from) && agents.contains(to))
            #expect(pairs.insert([from, to]).inserted, "duplicate referral \(from)->\(to)")
            let sent = try #require(Int(row["sent"]!))
            let closed = try #require(Int(row["closed"]!))
            #expect(sent >= 1 && closed >= 0 && closed <= sent)
        }
    }

    @Test func leadsAreValid() throws {
        let agents = Set(Self.dataset.rows(.agents).map { $0["id"]! })
        let territories = Set(Self.dataset.rows(.territories).map { $0["id"]! })
        let rows = Self.dataset.rows(.leads)
        #expect(Set(rows.map { $0["id"]! }).count == rows.count)
        var kinds: [String: Int] = [:]
        var sourced = 0
        var previous = 0
        var nonEnglish = 0
        var required = 0
        var lastCreated = ""
        for row in rows {
            #expect(territories.contains(row["territory_id"]!))
            kinds[row["kind"]!, default: 0] += 1
            #expect(["buy", "sell", "rent"].contains(row["kind"]!))
            if let price = row["price"], !price.isEmpty {
                let value = try #require(Double(price))
                #expect(value > 0)
                if row["kind"] == "rent" { #expect(value < 50_000) } else { #expect(value >= 20_000) }
            }
            let urgency = try #require(Int(row["urgency"]!))
            #expect(urgency >= 0 && urgency <= 3)
            #expect(["true", "false"].contains(row["language_required"]!))
            if row["language"] != "en" {
                nonEnglish += 1
                if row["language_required"] == "true" { required += 1 }
            } else {
                #expect(row["language_required"] == "false")
            }
            if let source = row["source_agent_id"], !source.isEmpty {
                sourced += 1
                #expect(agents.contains(source))
            }
            if let agent = row["previous_agent_id"], !agent.isEmpty {
                previous += 1
                #expect(agents.contains(agent))
            }
            let created = row["created_at"]!
            #expect(created.count == 20 && created.hasSuffix("Z") && created.hasPrefix("2025-05"))
            #expect(created >= lastCreated)
            lastCreated = created
        }
        let n = Double(rows.count)
        #expect(abs(Double(kinds["buy", default: 0]) / n - 0.55) < 0.04)
        #expect(abs(Double(kinds["sell", default: 0]) / n - 0.30) < 0.04)
        #expect(abs(Double(kinds["rent", default: 0]) / n - 0.15) < 0.03)
        #expect(Double(sourced) / n > 0.25 && Double(sourced) / n < 0.32)
        #expect(Double(previous) / n > 0.05 && Double(previous) / n < 0.11)
        #expect(Double(nonEnglish) / n > 0.12 && Double(nonEnglish) / n < 0.35)
        #expect(Double(required) / Double(nonEnglish) > 0.2 && Double(required) / Double(nonEnglish) < 0.4)
    }

    @Test func truthCoversEveryAgent() throws {
        let agents = Self.dataset.rows(.agents).map { $0["id"]! }
        let skills = try #require(Self.dataset.files[.agentSkill])
        #expect(skills.map { $0["agent_id"]! } == agents)
        let values = skills.compactMap { Double($0["skill"]!) }
        #expect(values.count == agents.count)
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 0.1)
        let brokerages = Set(try #require(Self.dataset.files[.brokerages]).map { $0["id"]! })
        let memberships = try #require(Self.dataset.files[.agentBrokerage])
        #expect(memberships.allSatisfy { brokerages.contains($0["brokerage_id"]!) })
        #expect(brokerages.count == 80)
        let truth = try #require(Self.dataset.truth)
        #expect(truth.formula.contains("logistic"))
        let low = truth.conversionProbability(skill: -1, match: 0.6, referralTrust: 0, responsiveness: 0.5)
        let high = truth.conversionProbability(skill: 1, match: 0.6, referralTrust: 0, responsiveness: 0.5)
        #expect(low < high && low > 0 && high < 1)
    }

    // MARK: Realism

    @Test(arguments: [(50, 5, 0), (50, 5, 2450), (5, 1, 20), (300, 30, 4000), (2000, 200, 20_000)])
    func referralCountIsExact(agents: Int, territories: Int, referrals: Int) throws {
        let configuration = GeneratorConfiguration(agents: agents, territories: territories, referrals: referrals, leads: 10, seed: 5)
        let dataset = try ParsedDataset(configuration)
        let rows = dataset.rows(.referrals)
        #expect(rows.count == referrals)
        #expect(Set(rows.map { [$0["from_agent_id"]!, $0["to_agent_id"]!] }).count == referrals)
        #expect(rows.allSatisfy { $0["from_agent_id"] != $0["to_agent_id"] })
    }

    @Test func referralOutDegreeIsHeavyTailed() {
        var sent: [String: Int] = [:]
        for row in Self.dataset.rows(.referrals) { sent[row["from_agent_id"]!, default: 0] += 1 }
        let degrees = sent.values.sorted(by: >)
        let top = degrees.prefix(20).reduce(0, +)  // top 1 % of 2000 agents
        #expect(Double(top) / 20_000 >= 0.10, "top 1% send \(top) of 20000")
    }

    @Test func mostReferralsStayInsideTheBrokerage() throws {
        let memberships = try #require(Self.dataset.files[.agentBrokerage])
        let brokerage = Dictionary(uniqueKeysWithValues: memberships.map { ($0["agent_id"]!, $0["brokerage_id"]!) })
        let rows = Self.dataset.rows(.referrals)
        let inside = rows.filter { brokerage[$0["from_agent_id"]!] == brokerage[$0["to_agent_id"]!] }.count
        #expect(Double(inside) / Double(rows.count) >= 0.6, "inside: \(inside) of \(rows.count)")
    }

    @Test func leadDemandIsConcentrated() {
        var perTerritory: [String: Int] = [:]
        for row in Self.dataset.rows(.leads) { perTerritory[row["territory_id"]!, default: 0] += 1 }
        let counts = perTerritory.values.sorted(by: >)
        let top = counts.prefix(20).reduce(0, +)  // top 10 % of 200 territories
        #expect(Double(top) / 3000 >= 0.25, "top 10% territories get \(top) of 3000")
    }

    @Test func conversionHistoryCorrelatesWithHiddenSkill() throws {
        let skills = try #require(Self.dataset.files[.agentSkill])
        var xs: [Double] = []
        var ys: [Double] = []
        for (agent, skill) in zip(Self.dataset.rows(.agents), skills) {
            let assigned = Double(agent["assigned"]!)!
            guard assigned >= 10 else { continue }
            xs.append(Double(skill["skill"]!)!)
            ys.append(Double(agent["closed"]!)! / assigned)
        }
        let r = pearson(xs, ys)
        #expect(r > 0.4, "r = \(r)")
    }

    @Test func referralConversionCorrelatesWithReceiverSkill() throws {
        let skills = try #require(Self.dataset.files[.agentSkill])
        let skill = Dictionary(uniqueKeysWithValues: skills.map { ($0["agent_id"]!, Double($0["skill"]!)!) })
        var received: [String: (sent: Int, closed: Int)] = [:]
        for row in Self.dataset.rows(.referrals) {
            let to = row["to_agent_id"]!
            received[to, default: (0, 0)].sent += Int(row["sent"]!)!
            received[to, default: (0, 0)].closed += Int(row["closed"]!)!
        }
        let eligible = received.filter { $0.value.sent >= 10 }
        let r = pearson(eligible.keys.map { skill[$0]! }, eligible.values.map { Double($0.closed) / Double($0.sent) })
        #expect(r > 0.3, "r = \(r)")
    }

    // MARK: Determinism and streaming

    @Test func sameSeedGivesByteIdenticalFilesWhateverTheChunkSize() throws {
        let configuration = GeneratorConfiguration(agents: 300, territories: 40, referrals: 2500, leads: 400, seed: 99, metro: .chicago)
        let first = try ParsedDataset(configuration)
        let second = try ParsedDataset(configuration, chunkSize: 257)
        for file in GeneratedFile.allCases {
            #expect(first.raw[file] == second.raw[file], "\(file)")
        }
        #expect(first.truth == second.truth)
    }

    @Test func differentSeedGivesDifferentFiles() throws {
        let a = try ParsedDataset(GeneratorConfiguration(agents: 100, territories: 20, referrals: 500, leads: 100, seed: 1))
        let b = try ParsedDataset(GeneratorConfiguration(agents: 100, territories: 20, referrals: 500, leads: 100, seed: 2))
        for file in [DatasetFile.agents, .territories, .referrals, .leads] {
            #expect(a.raw[.dataset(file)] != b.raw[.dataset(file)], "\(file)")
        }
    }

    @Test func smallOutputIsPinned() throws {
        // Guards cross-platform and cross-version determinism of the whole pipeline, not just the PRNG.
        let dataset = try ParsedDataset(GeneratorConfiguration(agents: 3, territories: 2, referrals: 4, leads: 2, seed: 42))
        let text = GeneratedFile.allCases.filter { !$0.isTruth || $0 == .agentSkill }.map {
            String(decoding: dataset.raw[$0] ?? [], as: UTF8.self)
        }.joined(separator: "--\n")
        #expect(fnv1a(text) == Self.pinnedSmallOutputHash, "\(text)")
    }

    static let pinnedSmallOutputHash: UInt64 = 2_431_248_985_184_603_643

    @Test func emptyDatasetHasHeadersOnly() throws {
        let dataset = try ParsedDataset(GeneratorConfiguration(agents: 0, territories: 0, referrals: 0, leads: 0))
        for file in GeneratedFile.allCases {
            #expect(dataset.headers[file] == file.columns)
            #expect(dataset.files[file]?.isEmpty == true)
        }
    }

    @Test func progressReachesEveryPhaseTotal() throws {
        let generator = try DatasetGenerator(configuration: GeneratorConfiguration(agents: 100, territories: 10, referrals: 300, leads: 50))
        var sink = InMemoryDatasetSink()
        var finished: [GenerationPhase] = []
        _ = try generator.generate(into: &sink) { phase, done, total in
            #expect(done <= total)
            if done == total && finished.last != phase { finished.append(phase) }
        }
        #expect(finished == GenerationPhase.allCases)
    }

    @Test(arguments: Metro.all)
    func everyMetroGivesValidTerritories(metro: Metro) throws {
        let dataset = try ParsedDataset(GeneratorConfiguration(agents: 200, territories: 400, referrals: 500, leads: 100, metro: metro))
        let rows = dataset.rows(.territories)
        #expect(Set(rows.map { $0["id"]! }).count == 400)
        #expect(rows.allSatisfy { metro.stateCodes.contains($0["state"]!) })
        let lats = rows.map { Double($0["lat"]!)! }
        let lons = rows.map { Double($0["lon"]!)! }
        #expect(abs(lats.reduce(0, +) / 400 - metro.latitude) < 0.3)
        #expect(abs(lons.reduce(0, +) / 400 - metro.longitude) < 0.3)
    }

    // MARK: Configuration

    @Test(arguments: [
        (GeneratorConfiguration(agents: -1), GeneratorConfigurationError.Kind.negativeCount),
        (GeneratorConfiguration(leads: -5), .negativeCount),
        (GeneratorConfiguration(agents: 10, territories: 0, referrals: 0), .missingTerritories),
        (GeneratorConfiguration(agents: 0, territories: 0, referrals: 0, leads: 3), .missingTerritories),
        (GeneratorConfiguration(territories: 90_001), .tooManyTerritories),
        (GeneratorConfiguration(agents: 10, referrals: 91), .tooManyReferrals),
        (GeneratorConfiguration(agents: 1, referrals: 1), .tooManyReferrals),
        (GeneratorConfiguration(agents: 100_000_001), .tooManyAgents),
    ])
    func invalidConfigurationsAreRejected(configuration: GeneratorConfiguration, kind: GeneratorConfigurationError.Kind) {
        #expect {
            try configuration.validate()
        } throws: { error in
            guard let error = error as? GeneratorConfigurationError else { return false }
            return error.kind == kind && !error.message.isEmpty && !error.message.contains("\n")
        }
        #expect(throws: GeneratorConfigurationError.self) { try DatasetGenerator(configuration: configuration) }
    }

    @Test func boundaryConfigurationsAreAccepted() throws {
        try GeneratorConfiguration(agents: 10, territories: 1, referrals: 90, leads: 0).validate()
        try GeneratorConfiguration(agents: 0, territories: 0, referrals: 0, leads: 0).validate()
        try GeneratorConfiguration(agents: 0, territories: 90_000, referrals: 0, leads: 0).validate()
        #expect(GeneratorConfiguration.maximumReferrals(agents: 1_000_000) == 999_999_000_000)
        #expect(GeneratorConfiguration.maximumReferrals(agents: Int.max) == Int.max)
    }

    @Test(arguments: [("new-york", "New York"), ("NYC", "New York"), ("Los Angeles", "Los Angeles"), ("chicago", "Chicago"), ("dc", "Washington")])
    func metrosAreFoundByName(name: String, expected: String) {
        #expect(Metro.named(name)?.name == expected)
    }

    @Test func unknownMetroIsNil() {
        #expect(Metro.named("atlantis") == nil)
    }
}

func pearson(_ xs: [Double], _ ys: [Double]) -> Double {
    let n = Double(xs.count)
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (x, y) in zip(xs, ys) {
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) * (x - mx)
        syy += (y - my) * (y - my)
    }
    return sxy / (sxx * syy).squareRoot()
}

func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    return hash
}
