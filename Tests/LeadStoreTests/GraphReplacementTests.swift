import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// A running lifecycle takes a newer graph (`replaceGraph`): new agents get their store rows and capacity, the load
/// view is sized to the new projection with the store's counts, and decisions carry the new graph version.
@Suite("Lifecycle graph replacement: SQLite")
struct GraphReplacementTests {
    /// Territory T1 covered by the given agents (weight 1, then 0.9, 0.8, …), each with capacity 5.
    static func router(version: String, agents: [(id: String, active: Bool)]) throws -> Router {
        let dataset = Dataset(
            agents: agents.map { Agent(id: $0.id, active: $0.active, states: ["CA"], capacity: 5) },
            territories: [Territory(id: "T1", state: "CA", latitude: 34.0, longitude: -118.0)],
            coverage: agents.indices.map { Coverage(agent: Int32($0), territory: 0, weight: 1 - 0.1 * Double($0)) }
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: version))
    }

    @Test func aReplacedGraphRoutesTheNextLeadWithItsVersionAndKeepsTheLoads() async throws {
        try await Backend.sqlite.with { s in
            let lifecycle = LeadLifecycle(
                router: try Self.router(version: "g1", agents: [("A1", true), ("A2", true)]),
                store: s.store,
                clock: ManualClock()
            )
            try await lifecycle.start()
            let first = try await lifecycle.route(Lead(id: "L1", territoryId: "T1"))
            #expect(first.decision.agentId == "A1" && first.decision.graphVersion == "g1")

            // The newer graph: A1 gone inactive, A3 new (listed first, so every index moves).
            try await lifecycle.replaceGraph(try Self.router(version: "g2", agents: [("A3", true), ("A1", false), ("A2", true)]))
            let (router, loads) = lifecycle.graph
            #expect(router.projection.version == "g2" && lifecycle.router.projection.version == "g2")
            let table = loads.snapshot
            #expect(table.openLeads.count == 3)
            #expect(table.openLeads[Int(try #require(router.projection.agent("A1")))] == 1, "A1's open lead stays counted")
            #expect(table.openLeads[Int(try #require(router.projection.agent("A3")))] == 0)

            let second = try await lifecycle.route(Lead(id: "L2", territoryId: "T1"))
            #expect(second.decision.graphVersion == "g2")
            #expect(second.decision.agentId == "A3", "the new agent has a store row and capacity: \(second.decision)")
            #expect(try await s.violations() == [])
        }
    }
}
