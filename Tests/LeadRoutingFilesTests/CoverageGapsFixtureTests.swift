import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

/// Coverage gaps on fixtures/tiny, checked by hand against its CSV files.
@Suite("Coverage gaps on fixtures/tiny")
struct CoverageGapsFixtureTests {
    static func gaps(hops: Int) throws -> [String: CoverageGaps.Territory] {
        let loaded = try DatasetDirectory.load(from: RepositoryPaths.tinyFixture)
        let projection = try GraphProjection(dataset: loaded.dataset, version: loaded.fingerprint)
        let result = try CoverageGaps(hops: hops).run(projection: projection, leads: loaded.dataset.leads)
        #expect(result.unknownTerritoryLeads == 0)
        // Sorted by shortfall, largest first.
        #expect(zip(result.territories, result.territories.dropFirst()).allSatisfy { $0.shortfall >= $1.shortfall })
        return Dictionary(uniqueKeysWithValues: result.territories.map { (projection.territoryIds[$0.territory], $0) })
    }

    @Test func gapsWithinOneHop() throws {
        let gaps = try Self.gaps(hops: 1)
        // T5 Island: one lead (L7), nobody covers it, no neighbours.
        #expect(gaps["T5"]!.demand == 1 && gaps["T5"]!.supply == 0 && gaps["T5"]!.agents == 0 && gaps["T5"]!.shortfall == 1)
        // T6 Ridge: one lead (L8); A4 is inactive, A14 has capacity 0.
        #expect(gaps["T6"]!.demand == 1 && gaps["T6"]!.supply == 0 && gaps["T6"]!.agents == 1)
        // T7 Twin Oaks: one lead (L9); A12 and A13 have 4 free each.
        #expect(gaps["T7"]!.demand == 1 && gaps["T7"]!.supply == 8 && gaps["T7"]!.shortfall == -7)
        // T4 Uptown: A9 (5) plus T2's A3 (3) and A11 (4) within one hop.
        #expect(gaps["T4"]!.supply == 12 && gaps["T4"]!.demand == 0)
    }

    @Test func zeroHopsCountsOnlyOwnCoverage() throws {
        let gaps = try Self.gaps(hops: 0)
        #expect(gaps["T4"]!.supply == 5)
        #expect(gaps["T2"]!.supply == 7 && gaps["T2"]!.demand == 1)
    }
}
