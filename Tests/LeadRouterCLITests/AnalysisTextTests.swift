import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import Testing

@testable import LeadRouterCLI

/// The `analyze` text summaries: counted nouns, aligned columns, rounded numbers, names beside ids.
@Suite("analyze text")
struct AnalysisTextTests {
    static var names: AnalysisText {
        AnalysisText(agentName: { ["A1": "Wei Wu", "A22": "Margaret Simmons"][$0] }, territoryName: { $0 == "10001" ? "Elm Junction" : nil })
    }

    /// The column where each cell of a table line starts, found from the header: every data line must have its
    /// cells' right ends (numbers) or left ends (text) on the header's. Returns the misaligned line numbers.
    static func misaligned(_ table: String, rightAligned: [String]) -> [Int] {
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        guard let header = lines.first else { return [] }
        let ends = rightAligned.compactMap { title in header.range(of: title).map { header.distance(from: header.startIndex, to: $0.upperBound) } }
        return lines.indices.dropFirst().filter { i in
            let line = Array(lines[i])
            return ends.contains { end in end > line.count || line[end - 1] == " " || (end < line.count && line[end] != " ") }
        }
    }

    @Test func misalignmentCheckerCatchesTheOldReachTable() {
        let old = "rank  agent          agents  volume\n1  A0000033  340  1907\n10  A0000240  153  406\n"
        #expect(!Self.misaligned(old, rightAligned: ["rank", "agents", "volume"]).isEmpty)
    }

    @Test func tableAlignsTextLeftAndNumbersRight() {
        let table = TextTable(
            columns: [.number("rank"), .text("agent"), .number("score")],
            rows: [["1", "A1", "0.5"], ["10", "A0000240", "12.25"]]
        )
        #expect(table.render() == "rank  agent     score\n   1  A1          0.5\n  10  A0000240  12.25\n")
        #expect(Self.misaligned(table.render(), rightAligned: ["rank", "score"]).isEmpty)
    }

    @Test func countedNounsAreSingularForOne() {
        #expect(ChartText.counted(1, "agent") == "1 agent")
        #expect(ChartText.counted(0, "agent") == "0 agents")
        #expect(ChartText.counted(12_345, "hop") == "12,345 hops")
        #expect(ChartText.counted(1, "community", plural: "communities") == "1 community")
        let reach = Self.names.reach(
            ReachReport(graphVersion: "v", agent: "A1", hops: 1, direction: "out", agents: 1, agentsPerHop: [1], volume: 3, reached: [])
        )
        #expect(reach.hasPrefix("A1 (Wei Wu) reaches 1 agent within 1 hop (out)"))
        let components = Self.names.components(
            ComponentsReport(
                graphVersion: "v",
                agents: 500,
                kind: "weak",
                weakComponents: 2,
                strongComponents: 106,
                largestWeak: 499,
                largestStrong: 395,
                isolatedAgents: 1,
                topSizes: [499, 1]
            )
        )
        #expect(components.contains("1 agent without referrals"))
        #expect(!components.contains("1 agents"))
    }

    @Test func pageRankIsAShareInPercentRoundedWithNames() {
        let report = PageRankReport(
            graphVersion: "v",
            agents: 500,
            damping: 0.85,
            tolerance: 1e-6,
            stop: "networkx",
            iterations: 16,
            lastChange: 0.0004039224890431218,
            top: [RankedScore(rank: 1, id: "A22", score: 0.009636123), RankedScore(rank: 2, id: "A0000410", score: 0.00924)]
        )
        let text = Self.names.pagerank(report)
        #expect(text.contains("16 iterations (last L1 change 4.04e-4"))
        #expect(text.contains("influence %"))
        #expect(text.contains("   1  A22       Margaret Simmons        0.964\n"))
        #expect(text.contains("   2  A0000410                          0.924\n"))
        #expect(
            Self.misaligned(text.components(separatedBy: "\n").dropFirst(2).joined(separator: "\n"), rightAligned: ["rank", "influence %"]).isEmpty
        )
        // No unrounded floats anywhere.
        #expect(text.range(of: #"\d\.\d{5,}"#, options: .regularExpression) == nil)
    }

    @Test func decimalsShowThreeSignificantDigits() {
        #expect(ChartText.decimals(for: [0.0986, 0.04]) == 4)
        #expect(ChartText.decimals(for: [0.964]) == 3)
        #expect(ChartText.decimals(for: [45.2]) == 1)
        #expect(ChartText.decimals(for: [1234]) == 0)
        #expect(ChartText.scientific(27.336) == "27.3")
    }

    @Test func leakageIsInPercentWithCommunityNames() {
        let report = LeakageReport(
            graphVersion: "v",
            by: "community",
            groups: 2,
            overall: 0.20395666509656146,
            unassignedAgents: 0,
            top: [
                .init(group: "C1", agents: 59, internalReferrals: 711, outgoingReferrals: 294, incomingReferrals: 250, leakage: 294.0 / 1005),
                .init(group: "C11", agents: 18, internalReferrals: 183, outgoingReferrals: 71, incomingReferrals: 2, leakage: 71.0 / 254),
            ]
        )
        let text = Self.names.leakage(report)
        #expect(text.contains("2 groups, 20.4 % of referrals cross a group boundary"))
        #expect(text.contains("C1         59       711       294       250   29.3 %\n"))
        #expect(
            Self.misaligned(text.components(separatedBy: "\n").dropFirst(2).joined(separator: "\n"), rightAligned: ["agents", "leakage"]).isEmpty
        )
    }

    @Test func coverageGapsShowTerritoryNamesAndGroupedNumbers() {
        let report = CoverageGapsReport(
            graphVersion: "v",
            hops: 1,
            demandScale: 8,
            territories: 60,
            territoriesShort: 1,
            totalShortfall: 1_430,
            unknownTerritoryLeads: 0,
            top: [
                .init(id: "10001", demand: 5_712, supply: 3_563, agents: 369, shortfall: 2_149),
                .init(id: "07041", demand: 6, supply: 236, agents: 1, shortfall: -230),
            ]
        )
        let text = Self.names.coverageGaps(report)
        #expect(text.hasPrefix("Coverage gaps (supply within 1 hop, demand × 8): 1 of 60 territories short, total shortfall 1,430 leads\n"))
        #expect(text.contains("10001      Elm Junction   5,712   3,563     369      2,149\n"))
    }
}
