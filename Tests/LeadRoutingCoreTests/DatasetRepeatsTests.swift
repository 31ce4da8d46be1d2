import LeadRoutingCore
import Testing

/// Repeated rows: merged when they agree with the earlier row, rejected naming both lines when they contradict it.
@Suite struct DatasetRepeatsTests {
    static let baseFiles: [DatasetFile: [UInt8]] = [
        .agents: Array("id,name\na1,Ann\na2,Bob\na3,Cy\n".utf8),
        .territories: Array("id,state\nt1,CA\nt2,CA\nt3,NV\n".utf8),
        .coverage: Array("agent_id,territory_id\na1,t1\n".utf8),
    ]

    private static func decode(_ replacements: [DatasetFile: String]) throws(DatasetError) -> (Dataset, DatasetMerges) {
        var files = Self.baseFiles
        for (file, text) in replacements { files[file] = Array(text.utf8) }
        var merges = DatasetMerges()
        let dataset = try DatasetDecoder().decode(files, merges: &merges)
        return (dataset, merges)
    }

    private static func rejection(_ replacements: [DatasetFile: String]) -> DatasetError? {
        do {
            _ = try Self.decode(replacements)
            return nil
        } catch {
            return error
        }
    }

    @Test func adjacencyInBothDirectionsIsMergedWhenTheRowsAgree() throws {
        let (dataset, merges) = try Self.decode([
            .adjacency: """
            territory_id,neighbor_id,distance_km
            t1,t2,2.5
            t2,t3,
            t2,t1,2.5
            t3,t2,4.25
            t1,t2,2.51
            t1,t3,7
            t1,t3,
            """
        ])
        #expect(
            dataset.adjacency == [
                TerritoryAdjacency(territory: 0, neighbor: 1, distanceKm: 2.5),
                TerritoryAdjacency(territory: 1, neighbor: 2, distanceKm: 4.25),
                TerritoryAdjacency(territory: 0, neighbor: 2, distanceKm: 7),
            ]
        )
        #expect(merges.rows == [.adjacency: 4])
        #expect(merges.reversedAdjacency == 2)
        #expect(merges.summary == "merged 4 repeated rows: adjacency.csv 4 (2 listed in both directions)")
        #expect(dataset.rowCount == 3 + 3 + 1 + 3)
    }

    @Test func distancesAgreeWithinOneHundredthOfAKilometre() throws {
        let (dataset, merges) = try Self.decode([.adjacency: "territory_id,neighbor_id,distance_km\nt1,t2,1\nt2,t1,1.01\n"])
        #expect(dataset.adjacency == [TerritoryAdjacency(territory: 0, neighbor: 1, distanceKm: 1)])
        #expect(merges.total == 1)
        let error = Self.rejection([.adjacency: "territory_id,neighbor_id,distance_km\nt1,t2,1\nt2,t1,1.0101\n"])
        #expect(error?.kind == .duplicateEdge)
    }

    @Test func aContradictionNamesBothLines() {
        let error = Self.rejection([.adjacency: "territory_id,neighbor_id,distance_km\nt1,t2,2.5\nt2,t3,1\nt2,t1,4\n"])
        #expect(
            error?.description
                == "adjacency.csv:4:3 (distance_km): contradicts adjacency.csv:2: distance_km 2.5 there, 4.0 here "
                + "(a pair listed twice must agree within 0.01 km)"
        )
    }

    @Test func theContradictedLineIsTheOneThatGaveTheDistance() {
        let error = Self.rejection([.adjacency: "territory_id,neighbor_id,distance_km\nt1,t2,\nt2,t1,2\nt1,t2,3\n"])
        #expect(error?.line == 4)
        #expect(error?.message.hasPrefix("contradicts adjacency.csv:3:") == true)
    }

    @Test func exactDuplicateCoverageReferralAgentAndTerritoryRowsAreMerged() throws {
        let (dataset, merges) = try Self.decode([
            .agents: "id,name,capacity\na1,Ann,5\na2,Bob,\na1,Ann,5\na3,Cy,\n",
            .territories: "id,state\nt1,CA\nt2,CA\nt1,ca\nt3,NV\n",
            .coverage: "agent_id,territory_id,weight\na1,t1,0.5\na2,t1,\na1,t1,0.50\na2,t1,1\n",
            .referrals: "from_agent_id,to_agent_id,sent,closed\na1,a2,3,1\na1,a2,3,1\na2,a1,,\na2,a1,1,0\n",
        ])
        #expect(dataset.agents.map(\.id) == ["a1", "a2", "a3"])
        #expect(dataset.territories.map(\.id) == ["t1", "t2", "t3"])
        #expect(dataset.coverage == [Coverage(agent: 0, territory: 0, weight: 0.5), Coverage(agent: 1, territory: 0)])
        #expect(dataset.referrals == [Referral(from: 0, to: 1, sent: 3, closed: 1), Referral(from: 1, to: 0, sent: 1, closed: 0)])
        #expect(merges.rows == [.agents: 1, .territories: 1, .coverage: 2, .referrals: 2])
        #expect(merges.summary == "merged 6 repeated rows: agents.csv 1, territories.csv 1, coverage.csv 2, referrals.csv 2")
    }

    @Test func contradictingRepeatsAreRejectedAtTheColumnThatDiffers() {
        let coverage = Self.rejection([.coverage: "agent_id,territory_id,weight\na1,t1,0.5\na1,t1,\n"])
        #expect(coverage?.description == "coverage.csv:3:3 (weight): contradicts coverage.csv:2: weight 0.5 there, 1.0 here")
        let closed = Self.rejection([.referrals: "from_agent_id,to_agent_id,sent,closed\na1,a2,3,1\na1,a2,3,2\n"])
        #expect(closed?.column == 4 && closed?.columnName == "closed" && closed?.message.contains("referrals.csv:2") == true)
        let agent = Self.rejection([.agents: "id,name\na1,Ann\na1,Anne\n"])
        #expect(agent?.kind == .duplicateId && agent?.line == 3 && agent?.message.contains("agents.csv:2") == true)
        let territory = Self.rejection([.territories: "id,state\nt1,CA\nt1,NV\n"])
        #expect(territory?.kind == .duplicateId && territory?.message.contains("territories.csv:2") == true)
    }

    @Test func aRepeatedLeadIdIsRejectedEvenWhenTheRowsAreEqual() {
        let error = Self.rejection([.leads: "id,territory_id\nl1,t1\nl1,t1\n"])
        #expect(error?.kind == .duplicateId && error?.line == 3)
    }

    @Test func errorsNameTheFileAsRead() {
        var files = Self.baseFiles
        files[.adjacency] = Array("territory_id,neighbor_id,distance_km\nt1,t2,1\nt2,t1,3\n".utf8)
        var merges = DatasetMerges()
        do {
            _ = try DatasetDecoder().decode(files, fileNames: [.adjacency: "adjacency.csv.gz"], merges: &merges)
            Issue.record("accepted a contradiction")
        } catch {
            #expect(error.file == "adjacency.csv.gz")
            #expect(error.message.hasPrefix("contradicts adjacency.csv.gz:2:"))
        }
    }

    @Test func nothingMergedHasAnEmptySummary() throws {
        let (_, merges) = try Self.decode([:])
        #expect(merges.isEmpty && merges.total == 0 && merges.summary.isEmpty)
    }
}
