import LeadRoutingAnalysis
import LeadRoutingCore
import Testing

/// ``AnalysisQuery``: defaults and limits declared once, every bad value named; ``NetworkAnalysis``: the one
/// report builder (paging, the large-graph guard, errors that need the graph).
@Suite("AnalysisQuery and NetworkAnalysis")
struct AnalysisQueryTests {
    typealias Q = AnalysisQuery

    @Test func omittedParametersTakeTheDeclaredDefaults() throws {
        let expected: [AnalysisAlgorithm: Q.Parameters] = [
            .pagerank: .pagerank(damping: 0.85, tolerance: 1e-10, stop: .converged, maxIterations: 1000),
            .betweenness: .betweenness(k: nil, seed: 1),
            .communities: .communities(resolution: 1, seed: 1),
            .components: .components(kind: .weak),
            .reciprocity: .reciprocity,
            .topReferrers: .topReferrers,
            .leakage: .leakage(by: .community, resolution: 1, seed: 1),
            .coverageGaps: .coverageGaps(hops: 1, demandScale: 1),
            .reach: .reach(agent: nil, hops: 2, direction: .out),
        ]
        for algorithm in AnalysisAlgorithm.allCases {
            let query = try Q(algorithm: algorithm, text: [:])
            #expect(query.parameters == expected[algorithm], "\(algorithm)")
            #expect(query.algorithm == algorithm)
            #expect(query.top == 10 && query.offset == 0)
        }
    }

    /// One bad value per parameter (and per algorithm where a parameter's limits differ): the error names it.
    @Test(arguments: [
        (AnalysisAlgorithm.pagerank, "top", "-1", AnalysisParameter.top), (.pagerank, "top", "1001", .top), (.pagerank, "top", "x", .top),
        (.reach, "offset", "-1", .offset), (.reach, "offset", "1.5", .offset),
        (.pagerank, "damping", "1.5", .damping), (.pagerank, "damping", "nan", .damping), (.pagerank, "damping", "x", .damping),
        (.pagerank, "tolerance", "0", .tolerance), (.pagerank, "tolerance", "2", .tolerance), (.pagerank, "stop", "exact", .stop),
        (.pagerank, "max-iterations", "0", .maxIterations), (.pagerank, "max-iterations", "10001", .maxIterations),
        (.betweenness, "k", "0", .k), (.betweenness, "k", "100001", .k), (.betweenness, "seed", "-1", .seed),
        (.communities, "seed", "9007199254740992", .seed), (.communities, "resolution", "0", .resolution),
        (.leakage, "resolution", "1001", .resolution), (.leakage, "seed", "x", .seed), (.leakage, "by", "office", .by),
        (.components, "kind", "medium", .kind),
        (.coverageGaps, "hops", "-1", .hops), (.coverageGaps, "hops", "11", .hops), (.coverageGaps, "demand-scale", "0", .demandScale),
        (.coverageGaps, "demand-scale", "inf", .demandScale),
        (.reach, "hops", "0", .hops), (.reach, "hops", "11", .hops), (.reach, "agent", "", .agent), (.reach, "direction", "up", .direction),
    ])
    func aBadValueNamesItsParameter(algorithm: AnalysisAlgorithm, name: String, value: String, parameter: AnalysisParameter) {
        #expect(throws: AnalysisQueryError.self) { try Q(algorithm: algorithm, text: [name: value]) }
        do {
            _ = try Q(algorithm: algorithm, text: [name: value])
        } catch {
            #expect(error.parameter == parameter, "\(name)=\(value): \(error)")
            #expect(error.description.hasPrefix(parameter.rawValue + ": "))
        }
    }

    @Test func typedParametersAreCheckedAgainstTheSameLimits() {
        #expect(throws: AnalysisQueryError(parameter: .damping, reason: "must be in [0, 1]")) {
            try Q(.pagerank(damping: 2, tolerance: 1e-6, stop: .networkx, maxIterations: 100))
        }
        #expect(throws: AnalysisQueryError(parameter: .top, reason: "must be an integer 0–1000")) { try Q(.reciprocity, top: 1001) }
        #expect(throws: AnalysisQueryError.self) { try Q(.coverageGaps(hops: 0, demandScale: -1)) }
    }

    @Test func parametersOfOtherAlgorithmsAreIgnored() throws {
        let query = try Q(algorithm: .reciprocity, text: ["damping": "7", "agent": ""])
        #expect(query.parameters == .reciprocity)
    }

    @Test(arguments: [
        Q.Parameters.pagerank(damping: 0.9, tolerance: 1e-10, stop: .converged, maxIterations: 250),
        .pagerank(damping: 0.85, tolerance: 1e-6, stop: .networkx, maxIterations: 100), .betweenness(k: 8, seed: 3), .betweenness(k: nil, seed: 1),
        .communities(resolution: 0.5, seed: 7), .components(kind: .strong), .reciprocity, .topReferrers,
        .leakage(by: .brokerage, resolution: 2, seed: 4), .coverageGaps(hops: 0, demandScale: 8.5), .reach(agent: "A1", hops: 3, direction: .in),
        .reach(agent: nil, hops: 1, direction: .both),
    ])
    func textParametersGiveTheQueryBack(parameters: Q.Parameters) throws {
        let query = try Q(parameters, top: 7, offset: 2)
        let text = Dictionary(uniqueKeysWithValues: query.textParameters.map { ($0.name.rawValue, $0.value) })
        #expect(try Q(algorithm: query.algorithm, text: text) == query)
        #expect(query.description.hasPrefix(query.algorithm.rawValue + " "))
    }

    @Test func betweennessIsExactUpToTheLargeGraphLimitAndSampledAbove() {
        let limit = Q.Limit.exactBetweennessAgents
        #expect(Q.betweennessSources(k: nil, seed: 5, agentCount: limit) == .all)
        #expect(Q.betweennessSources(k: nil, seed: 5, agentCount: limit + 1) == .sample(count: Q.Default.pivots, seed: 5))
        #expect(Q.betweennessSources(k: 3, seed: 5, agentCount: 10) == .sample(count: 3, seed: 5))
    }

    // MARK: NetworkAnalysis

    /// Six agents a0…a5 in a referral chain with growing volumes (closed into a cycle by a5 → a0 when `cycle`),
    /// one territory, two leads.
    static func analysis(groups: AgentGroups? = nil, cycle: Bool = false) throws -> NetworkAnalysis {
        let agents = (0..<6).map { Agent(id: "a\($0)", states: ["CA"], capacity: 1) }
        let dataset = Dataset(
            agents: agents,
            territories: [Territory(id: "t1", state: "CA", latitude: 34, longitude: -118)],
            coverage: [Coverage(agent: 0, territory: 0, weight: 1)],
            adjacency: [],
            referrals: (0..<(cycle ? 6 : 5)).map { Referral(from: Int32($0), to: Int32(($0 + 1) % 6), sent: Int32($0 + 1), closed: 0) }
        )
        let projection = try GraphProjection(dataset: dataset, version: "chain-1")
        let leads = [Lead(id: "L1", territoryId: "t1"), Lead(id: "L2", territoryId: "t1")]
        return NetworkAnalysis(projection: projection, leads: leads, groups: groups)
    }

    @Test func offsetAndTopPageThroughTheRanking() throws {
        let analysis = try Self.analysis()
        guard case .topReferrers(let all, _) = try analysis.run(try Q(.topReferrers, top: 6)) else {
            Issue.record("wrong outcome")
            return
        }
        guard case .topReferrers(let page, _) = try analysis.run(try Q(.topReferrers, top: 2, offset: 2)) else {
            Issue.record("wrong outcome")
            return
        }
        #expect(all.topReferrers.map(\.id) == ["a4", "a3", "a2", "a1", "a0", "a5"])
        #expect(page.topReferrers == Array(all.topReferrers[2..<4]))
        #expect(page.topReferrers.map(\.rank) == [3, 4])
        guard case .reachAll(let reach, let rows) = try analysis.run(try Q(.reach(agent: nil, hops: 1, direction: .out), top: 2, offset: 4)) else {
            Issue.record("wrong outcome")
            return
        }
        #expect(rows.count == 6)
        #expect(reach.top.map(\.rank) == [5, 6])
        #expect(reach.top.last?.id == "a5" && reach.top.last?.agents == 0)
    }

    @Test func errorsThatNeedTheGraphNameTheirParameter() throws {
        let analysis = try Self.analysis()
        #expect(throws: AnalysisQueryError(parameter: .agent, reason: "unknown agent id NOPE")) {
            try analysis.run(try Q(.reach(agent: "NOPE", hops: 2, direction: .out)))
        }
        #expect(throws: AnalysisQueryError.self) { try analysis.run(try Q(.leakage(by: .brokerage, resolution: 1, seed: 1))) }
        do {
            // On a cycle: an acyclic graph is solved exactly in one pass.
            _ = try Self.analysis(cycle: true).run(try Q(.pagerank(damping: 0.85, tolerance: 1e-12, stop: .converged, maxIterations: 1)))
            Issue.record("PageRank converged in one iteration")
        } catch let error as AnalysisQueryError {
            #expect(error.parameter == .maxIterations)
        }
    }

    @Test func leakageByBrokerageUsesTheAgentGroups() throws {
        let csv = Array("agent_id,brokerage_id\na0,B1\na1,B1\na2,B2\na3,B2\na4,\n".utf8)
        let groups = try AgentGroups.decode(csv: csv, file: "groups.csv")
        #expect(groups.groupOfAgent.count == 4)
        let analysis = try Self.analysis(groups: groups)
        guard case .leakage(let report, let rows) = try analysis.run(try Q(.leakage(by: .brokerage, resolution: 1, seed: 1))) else {
            Issue.record("wrong outcome")
            return
        }
        #expect(report.by == "brokerage")
        #expect(report.groups == 2 && rows.count == 2)
        #expect(report.unassignedAgents == 2)
        #expect(Set(rows.map(\.group)) == ["B1", "B2"])
    }

    @Test func malformedAgentGroupsNameTheLine() {
        #expect(throws: DatasetError.self) { try AgentGroups.decode(csv: Array("agent_id,group\nonlyone\n".utf8), file: "g.csv") }
        do {
            _ = try AgentGroups.decode(csv: Array("agent_id,group\na1,B\n,B\n".utf8), file: "g.csv")
            Issue.record("accepted an empty agent id")
        } catch {
            #expect(error.line == 3 && error.file == "g.csv")
        }
    }
}
