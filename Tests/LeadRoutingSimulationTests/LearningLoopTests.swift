import LeadRoutingCore
import LeadRoutingStores
import LeadRoutingTestSupport
import Testing

/// Closes feed the router's conversion-rate posterior, through the store, and survive a restart.
@Suite struct LearningLoopTests {
    /// Routes a lead, closes it won twice over two leads on one store, then starts a second lifecycle (a restart or
    /// another replica) on the same store and checks it learned the same.
    static func roundTrip(on store: any LeadStore) async throws {
        let world = try SimulationWorld()
        let clock = SimulationClock(startMillis: 1_748_736_000_000)
        let router = Router(projection: world.projection)
        let lifecycle = LeadLifecycle(router: router, store: store, clock: clock)
        try await lifecycle.start()
        var lead = world.dataset.leads[0]
        lead.sourceAgentId = nil
        lead.previousAgentId = nil
        let outcome = try await lifecycle.route(lead)
        let agentId = try #require(outcome.decision.agentId)
        let agent = try #require(world.projection.agent(agentId))
        let before = router.agentPerformance(of: agent, load: lifecycle.loads.snapshot)
        #expect(before.wonInStore == 0)
        _ = try await lifecycle.accept(leadId: lead.id, agentId: agentId)
        _ = try await lifecycle.close(leadId: lead.id, agentId: agentId, won: true)
        let after = router.agentPerformance(of: agent, load: lifecycle.loads.snapshot)
        #expect(after.wonInStore == 1 && after.lostInStore == 0)
        #expect(after.mean > before.mean)
        // By hand: one more win adds 1 to α and to α + β.
        let prior = router.performancePosterior(of: agent, load: AgentLoadTable(projection: world.projection))
        #expect(abs(after.mean - (prior.alpha + 1) / (prior.alpha + prior.beta + 1)) < 1e-12)
        #expect(after.low < after.mean && after.mean < after.high)

        let restarted = LeadLifecycle(router: router, store: store, clock: clock)
        try await restarted.start()
        #expect(router.agentPerformance(of: agent, load: restarted.loads.snapshot) == after)
    }

    @Test func closesAreLearnedAndPersistedOnSQLite() async throws {
        try await LeadStoreConnection.withStore("sqlite::memory:") { store in try await Self.roundTrip(on: store) }
    }

    @Test(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run (scripts/services/postgres start)"))
    func closesAreLearnedAndPersistedOnPostgres() async throws {
        let url = try #require(TestEnvironment.postgresURL)
        try await LeadStoreConnection.withScratchStore(url) { store, _ in try await Self.roundTrip(on: store) }
    }

    @Test func thompsonExplorationIsReproducibleAndDiffersFromTheMean() {
        let world = try! SimulationWorld()
        let greedy = Router(projection: world.projection)
        let exploring = Router(projection: world.projection, policy: RoutingPolicy(version: "explore", exploration: .thompson))
        var leads = Array(world.dataset.leads.prefix(40))
        for i in leads.indices { leads[i].previousAgentId = nil }
        let first = leads.map { exploring.route($0).agentId }
        let again = leads.map { exploring.route($0).agentId }
        #expect(first == again)
        #expect(first != leads.map { greedy.route($0).agentId })
    }

    @Test func explorationInPolicyFiles() throws {
        let policy = try RoutingPolicy.decode(json: Array(#"{"version": "t", "exploration": "thompson"}"#.utf8))
        #expect(policy.exploration == .thompson)
        #expect(try RoutingPolicy.decode(json: Array(#"{"version": "t"}"#.utf8)).exploration == .none)
        #expect(throws: RoutingPolicyError.self) { try RoutingPolicy.decode(json: Array(#"{"exploration": "greedy"}"#.utf8)) }
        // A policy without exploration encodes as before (its identity hash is unchanged).
        #expect(!String(decoding: RoutingPolicy.default.encodedJSON(), as: UTF8.self).contains("exploration"))
        #expect(String(decoding: policy.encodedJSON(), as: UTF8.self).contains("\"exploration\" : \"thompson\""))
    }
}
