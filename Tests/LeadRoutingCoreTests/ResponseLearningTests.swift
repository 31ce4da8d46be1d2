import LeadRoutingCore
import Testing

/// The responsiveness feature learns each agent's offer→accept time from the store's accepts (in the load table):
/// `(prior·m + observed minutes) / (m + accepts)`, then `halfLife / (halfLife + minutes)`. Hand-computed with the
/// default half-life (30 min) and prior strength (m = 5).
@Suite struct ResponseLearningTests {
    /// Three agents covering t1 equally: P says 30 min, Q 40 min, R gives no figure.
    static func router(_ policy: RoutingPolicy = Self.responsivenessOnly) throws -> Router {
        let dataset = Dataset(
            agents: [
                Agent(id: "P", states: ["CA"], capacity: 5, responseMinutes: 30),
                Agent(id: "Q", states: ["CA"], capacity: 5, responseMinutes: 40),
                Agent(id: "R", states: ["CA"], capacity: 5),
            ],
            territories: [Territory(id: "t1", state: "CA", latitude: 34.0, longitude: -118.0)],
            coverage: (0..<3).map { Coverage(agent: Int32($0), territory: 0, weight: 1) }
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: "response-1"), policy: policy)
    }

    /// Only responsiveness scores: the ranking is the responsiveness order.
    static let responsivenessOnly = RoutingPolicy(
        weights: .init(coverage: 0, referral: 0, performance: 0, headroom: 0, fairness: 0, responsiveness: 1, distance: 0)
    )

    static let minute: Int64 = 60_000

    static func responsiveness(_ decision: RoutingDecision) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: decision.candidates.map { ($0.agentId, $0.features.responsiveness) })
    }

    static func index(_ router: Router, _ id: String) throws -> Int32 { try #require(router.projection.agent(id)) }

    @Test func withoutAcceptsTheDatasetFigureIsUsedAsBefore() throws {
        let router = try Self.router()
        let load = AgentLoadTable(projection: router.projection)
        let decision = router.route(Lead(id: "l", territoryId: "t1"), load: load)
        // 30/(30+30), 30/(30+40), the unknown value.
        #expect(Self.responsiveness(decision) == ["P": 0.5, "Q": 30.0 / 70.0, "R": 0.5])
        #expect(router.responseMinutesEstimate(of: try Self.index(router, "P"), load: load) == 30)
        #expect(router.responseMinutesEstimate(of: try Self.index(router, "R"), load: load).isNaN)
        // The prior strength only matters once there are accepts: the same decision under any strength.
        var other = Self.responsivenessOnly
        other.responsePriorStrength = 0
        var unchanged = try Self.router(other).route(Lead(id: "l", territoryId: "t1"), load: load)
        unchanged.policy = decision.policy
        #expect(unchanged == decision)
    }

    @Test func aSlowThenFastHistoryMovesResponsivenessAsTheFormulaSays() throws {
        let router = try Self.router()
        let (p, r) = (try Self.index(router, "P"), try Self.index(router, "R"))
        var load = AgentLoadTable(projection: router.projection)
        // Slow: P accepts 5 offers after 90 min each; R 2 after 45 min.
        for _ in 0..<5 { load.recordAccept(p, latencyMillis: 90 * Self.minute) }
        for _ in 0..<2 { load.recordAccept(r, latencyMillis: 45 * Self.minute) }
        // P: (30·5 + 450) / (5 + 5) = 60 min → 30/90. Q: no accepts, 40 min → 30/70. R: no prior, 90/2 = 45 → 30/75.
        #expect(router.responseMinutesEstimate(of: p, load: load) == 60)
        #expect(router.responseMinutesEstimate(of: r, load: load) == 45)
        let slow = router.route(Lead(id: "l", territoryId: "t1"), load: load)
        #expect(Self.responsiveness(slow) == ["P": 30.0 / 90.0, "Q": 30.0 / 70.0, "R": 30.0 / 75.0])
        #expect(slow.candidates.map(\.agentId) == ["Q", "R", "P"])

        // Fast: 10 more accepts of P after 6 min each: (150 + 450 + 60) / (5 + 15) = 33 min → 30/63.
        for _ in 0..<10 { load.recordAccept(p, latencyMillis: 6 * Self.minute) }
        #expect(router.responseMinutesEstimate(of: p, load: load) == 33)
        let fast = router.route(Lead(id: "l", territoryId: "t1"), load: load)
        #expect(abs(try #require(Self.responsiveness(fast)["P"]) - 30.0 / 63.0) < 1e-15)
        #expect(fast.candidates.map(\.agentId) == ["P", "Q", "R"])

        // m = 0 trusts the store alone: P's observed mean, 510 / 15 = 34 min.
        var storeOnly = Self.responsivenessOnly
        storeOnly.responsePriorStrength = 0
        #expect(try Self.router(storeOnly).responseMinutesEstimate(of: p, load: load) == 34)
    }

    @Test func agentStatsShowTheEstimateBesideItsParts() throws {
        let router = try Self.router()
        var load = AgentLoadTable(projection: router.projection)
        let p = try Self.index(router, "P")
        for _ in 0..<5 { load.recordAccept(p, latencyMillis: 90 * Self.minute) }
        #expect(
            router.agentResponsiveness(of: p, load: load)
                == AgentResponsiveness(meanMinutes: 60, priorMinutes: 30, acceptedInStore: 5, observedMeanMinutes: 90)
        )
        #expect(
            router.agentResponsiveness(of: try Self.index(router, "R"), load: load)
                == AgentResponsiveness(meanMinutes: nil, priorMinutes: nil, acceptedInStore: 0, observedMeanMinutes: nil)
        )
        // A negative latency (clocks apart) counts as zero, as the store counts it.
        load.recordAccept(p, latencyMillis: -5 * Self.minute)
        #expect(load.acceptLatencyMillis[Int(p)] == 450 * Self.minute)
        #expect(load.acceptedOffers[Int(p)] == 6)
    }
}
