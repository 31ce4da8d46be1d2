import LeadRoutingCore
import LeadRoutingGenerator
import Testing

/// The national-density shape at a small scale: heavy-tailed coverage of the busiest territories and referral
/// hubs, with every count and file rule of the metro shape kept.
@Suite struct NationalShapeTests {
    static let agents = 4000
    static func configuration(_ shape: GeneratorShape) -> GeneratorConfiguration {
        GeneratorConfiguration(agents: agents, territories: 300, referrals: 40_000, leads: 500, seed: 13, shape: shape)
    }
    static let national: ParsedDataset = try! ParsedDataset(configuration(.national))
    static let metro: ParsedDataset = try! ParsedDataset(configuration(.metro))

    /// Covering agents per territory, largest first.
    static func coverageCounts(_ dataset: ParsedDataset) -> [Int] {
        var counts: [String: Int] = [:]
        for row in dataset.rows(.coverage) { counts[row["territory_id"]!, default: 0] += 1 }
        return counts.values.sorted(by: >)
    }

    static func outDegrees(_ dataset: ParsedDataset) -> [Int] {
        var counts: [String: Int] = [:]
        for row in dataset.rows(.referrals) { counts[row["from_agent_id"]!, default: 0] += 1 }
        return counts.values.sorted(by: >)
    }

    @Test func densestTerritoryIsCoveredByAboutOnePercentOfAgents() {
        let national = Self.coverageCounts(Self.national)
        let metro = Self.coverageCounts(Self.metro)
        let median = national[national.count / 2]
        // ~1.2 % of agents through the hot-spot rule plus the local ones: ≥ 2,000 of 200,000 at full size.
        #expect(Double(national[0]) >= 0.01 * Double(Self.agents), "densest covered by \(national[0]) of \(Self.agents)")
        #expect(national[0] >= 3 * median, "densest \(national[0]) vs median \(median): not heavy-tailed")
        #expect(national[0] > metro[0], "national densest \(national[0]) vs metro densest \(metro[0])")
    }

    @Test func hubsReferToFifteenPercentOfAgents() {
        let degrees = Self.outDegrees(Self.national)
        // One hub per 50,000 agents, at least one: 30,000 out-edges at 200,000 agents.
        #expect(degrees[0] >= Int(0.15 * Double(Self.agents)), "busiest referrer has \(degrees[0]) partners")
    }

    @Test func countsAndPairRulesAreKept() {
        #expect(Self.national.rows(.agents).count == Self.agents)
        let referrals = Self.national.rows(.referrals)
        #expect(referrals.count == 40_000)
        #expect(Set(referrals.map { [$0["from_agent_id"]!, $0["to_agent_id"]!] }).count == referrals.count)
        #expect(referrals.allSatisfy { $0["from_agent_id"] != $0["to_agent_id"] })
        let coverage = Self.national.rows(.coverage)
        #expect(Set(coverage.map { [$0["agent_id"]!, $0["territory_id"]!] }).count == coverage.count, "an agent covers a territory twice")
    }

    @Test func nationalDatasetDecodesWithTheStrictCodec() throws {
        var files: [DatasetFile: [UInt8]] = [:]
        for file in DatasetFile.allCases { files[file] = Self.national.raw[.dataset(file)] }
        let dataset = try DatasetDecoder().decode(files)
        #expect(dataset.agents.count == Self.agents)
    }

    @Test func metroShapeIsTheDefaultAndUnchanged() throws {
        #expect(GeneratorConfiguration().shape == .metro)
        let plain = try ParsedDataset(GeneratorConfiguration(agents: 300, territories: 30, referrals: 2000, leads: 50, seed: 3))
        let metro = try ParsedDataset(GeneratorConfiguration(agents: 300, territories: 30, referrals: 2000, leads: 50, seed: 3, shape: .metro))
        let national = try ParsedDataset(GeneratorConfiguration(agents: 300, territories: 30, referrals: 2000, leads: 50, seed: 3, shape: .national))
        #expect(plain.raw == metro.raw)
        #expect(plain.raw[.dataset(.coverage)] != national.raw[.dataset(.coverage)])
    }
}
