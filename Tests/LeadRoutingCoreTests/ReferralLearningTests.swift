import Foundation
import LeadRoutingCore
import Testing

/// The referral feature learns each edge's conversion from the store's closes of referred leads (in the load table):
/// an edge's strength becomes `(1 − e^(−(sent + won + lost) / scale)) × (closed + won + 1) / (sent + won + lost + 2)`.
@Suite struct ReferralLearningTests {
    /// S refers to A (40 sent, 30 closed: strong) and to B (40 sent, 10 closed); A and B cover t1 alike; C covers t1
    /// too and is reached from S only through A (S → A → C).
    static func router(_ policy: RoutingPolicy = .default) throws -> Router {
        let dataset = Dataset(
            agents: [
                Agent(id: "S", states: ["CA"], capacity: 5),
                Agent(id: "A", states: ["CA"], capacity: 500),
                Agent(id: "B", states: ["CA"], capacity: 500),
                Agent(id: "C", states: ["CA"], capacity: 500),
            ],
            territories: [
                Territory(id: "t1", state: "CA", latitude: 34.0, longitude: -118.0),
                Territory(id: "t9", state: "CA", latitude: 36.0, longitude: -120.0),
            ],
            coverage: [
                Coverage(agent: 0, territory: 1, weight: 1),
                Coverage(agent: 1, territory: 0, weight: 1),
                Coverage(agent: 2, territory: 0, weight: 1),
                Coverage(agent: 3, territory: 0, weight: 0.5),
            ],
            referrals: [
                Referral(from: 0, to: 1, sent: 40, closed: 30),
                Referral(from: 0, to: 2, sent: 40, closed: 10),
                Referral(from: 1, to: 3, sent: 10, closed: 5),
            ]
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: "referral-learning-1"), policy: policy)
    }

    static func lead(_ id: String) -> Lead { Lead(id: id, territoryId: "t1", sourceAgentId: "S") }

    static func referral(_ decision: RoutingDecision) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: decision.candidates.map { ($0.agentId, $0.features.referral) })
    }

    static func edge(_ router: Router, _ from: String, _ to: String) throws -> Int {
        try #require(router.projection.referralEdges(from: from, to: to).first)
    }

    @Test func aStrongEdgeThatKeepsLosingStopsWinning() throws {
        let router = try Self.router()
        let a = try #require(router.projection.agent("A"))
        var load = AgentLoadTable(projection: router.projection)
        #expect(router.route(Self.lead("l0"), load: load).agentId == "A")
        // Losses on S → A only: A's own conversion estimate is untouched, the edge's falls.
        var lossesUntilB = 0
        for n in 1...200 {
            load.recordReferralClose(sourceAgentId: "S", agent: a, won: false, projection: router.projection)
            if router.route(Self.lead("l\(n)"), load: load).agentId == "B" {
                lossesUntilB = n
                break
            }
        }
        #expect(lossesUntilB > 0, "A kept winning after 200 referred leads lost")
        // The edge strength the decision used is the formula's.
        let scale = router.policy.referralVolumeScale
        let sent = 40.0 + Double(lossesUntilB)
        let expected = (1 - exp(-sent / scale)) * 31 / (sent + 2)
        let features = Self.referral(router.route(Self.lead("check"), load: load))
        #expect(abs((features["A"] ?? -1) - expected) < 1e-12)
        #expect(load.referralOutcome(edge: try Self.edge(router, "S", "A")) == ReferralOutcome(won: 0, lost: Int32(lossesUntilB)))
        // Wins bring it back.
        for _ in 0..<(2 * lossesUntilB) { load.recordReferralClose(sourceAgentId: "S", agent: a, won: true, projection: router.projection) }
        #expect(router.route(Self.lead("back"), load: load).agentId == "A")
    }

    @Test func withoutLearnedOutcomesDecisionsAreUnchanged() throws {
        let router = try Self.router()
        let plain = AgentLoadTable(projection: router.projection)
        #expect(plain.referralOutcomes.isEmpty)
        // Allocated but with nothing learned on these edges (an edge of another source learned, then was cleared).
        var allocated = plain
        allocated.setReferralOutcome(won: 3, lost: 1, edge: try Self.edge(router, "A", "C"))
        allocated.setReferralOutcome(won: 0, lost: 0, edge: try Self.edge(router, "A", "C"))
        #expect(allocated.referralOutcomes.count == router.projection.referralCount)
        for search in [RoutingSearch.pruned, .exhaustive] {
            let router = try Self.router()
            let searched = Router(projection: router.projection, policy: router.policy, search: search)
            for id in ["x1", "x2"] { #expect(searched.route(Self.lead(id), load: allocated) == searched.route(Self.lead(id), load: plain)) }
        }
        // Setting nothing on an empty table allocates nothing.
        var untouched = plain
        untouched.setReferralOutcome(won: 0, lost: 0, edge: 0)
        #expect(untouched.referralOutcomes.isEmpty)
    }

    @Test func onlyDirectEdgesLearn() throws {
        let router = try Self.router()
        let c = try #require(router.projection.agent("C"))
        var load = AgentLoadTable(projection: router.projection)
        // S reaches C only through A: the close of a lead S referred that C won is credited to no edge of the graph.
        load.recordReferralClose(sourceAgentId: "S", agent: c, won: true, projection: router.projection)
        #expect(load.referralOutcomes.isEmpty)
        let indirect = load.setReferralOutcome(ReferralOutcomeRecord(sourceAgentId: "S", agentId: "C", won: 4), projection: router.projection)
        #expect(!indirect)
        #expect(load.referralOutcomes.isEmpty)
        // A store row of the direct pair A → C is.
        let direct = load.setReferralOutcome(ReferralOutcomeRecord(sourceAgentId: "A", agentId: "C", won: 4, lost: 1), projection: router.projection)
        #expect(direct)
        #expect(load.referralOutcome(edge: try Self.edge(router, "A", "C")) == ReferralOutcome(won: 4, lost: 1))
        #expect(router.learnedReferralEdges(of: try #require(router.projection.agent("A")), load: load).map(\.to) == ["C"])
        #expect(router.learnedReferralEdges(of: try #require(router.projection.agent("S")), load: load).isEmpty)
    }
}
