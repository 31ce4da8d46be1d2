import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// Intake and re-routes check the graph: a lead of an unknown territory is rejected at intake (unless accepted as
/// arriving later), and a decline, expiry or retry on a graph that lacks the lead's territory, or (unless allowed)
/// differs from the graph it was routed on, is refused with nothing written.
enum GraphRule {
    /// One territory (`territory`) covered by two agents, under graph version `version`.
    static func router(version: String, territory: String = "T1") throws -> Router {
        let dataset = Dataset(
            agents: (1...2).map { Agent(id: "A\($0)", states: ["CA"], capacity: 5) },
            territories: [Territory(id: territory, state: "CA", latitude: 34.0, longitude: -118.0)],
            coverage: [Coverage(agent: 0, territory: 0, weight: 1), Coverage(agent: 1, territory: 0, weight: 0.9)]
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: version))
    }

    /// Every row of every table, for "nothing changed" checks.
    static func dump(_ s: StoreUnderTest) async throws -> [String] {
        var rows: [String] = []
        for table in ["agent_load", "leads", "assignments", "audit_log", "outbox"] {
            for row in try await s.sql("SELECT * FROM \(table) ORDER BY 1") { rows.append("\(table): \(row.values)") }
        }
        return rows
    }

    static func unknownTerritoryIsRejectedAtIntake(_ s: StoreUnderTest) async throws {
        let lifecycle = LeadLifecycle(router: try Self.router(version: "g1"), store: s.store, clock: ManualClock())
        try await lifecycle.start()
        let before = try await Self.dump(s)
        let lead = Lead(id: "X1", territoryId: "NOWHERE")
        let error = await #expect(throws: LeadValidationError.self) { try await lifecycle.route(lead) }
        #expect(error?.field == "territoryId")
        #expect(error?.reason.contains("NOWHERE") == true)
        #expect(try await Self.dump(s) == before)

        // Told territories may arrive later: recorded unroutable and kept, as before; a retry on a graph still
        // without it leaves it alone, one with it routes it.
        let later = LeadLifecycle(
            router: try Self.router(version: "g1"),
            store: s.store,
            clock: ManualClock(),
            configuration: .init(acceptUnknownTerritories: true)
        )
        let kept = try await later.route(lead)
        #expect(kept.decision.reason == .unknownTerritory)
        #expect(try await later.retryUnroutable().isEmpty)
        let grown = LeadLifecycle(
            router: try Self.router(version: "g2", territory: "NOWHERE"),
            store: s.store,
            clock: ManualClock(),
            configuration: .init(allowGraphChange: true)
        )
        let retried = try await grown.retryUnroutable()
        #expect(retried.map(\.decision.status) == [.routed])
        #expect(try await s.violations() == [])
    }

    static func reroutesOnAnotherGraphAreRefused(_ s: StoreUnderTest) async throws {
        let clock = ManualClock()
        let original = LeadLifecycle(router: try Self.router(version: "g1"), store: s.store, clock: clock)
        try await original.start()
        _ = try await original.route(Lead(id: "L1", territoryId: "T1"))
        _ = try await original.route(Lead(id: "L2", territoryId: "T1"))
        clock.advance(byMillis: 2 * 3_600_000)
        let before = try await Self.dump(s)

        // A graph without the leads' territory: refused always, even when a graph change is allowed.
        for allow in [false, true] {
            let foreign = LeadLifecycle(
                router: try Self.router(version: "g9", territory: "Z9"),
                store: s.store,
                clock: clock,
                configuration: .init(allowGraphChange: allow)
            )
            let sweep = await #expect(throws: GraphMismatchError.self) { try await foreign.sweep() }
            #expect(sweep?.refusals.map(\.leadId) == ["L1", "L2"])
            #expect(sweep?.refusals.first?.problem == .unknownTerritory("T1"))
            #expect(sweep?.description.contains("g9") == true)
            let decline = await #expect(throws: GraphMismatchError.self) { try await foreign.decline(leadId: "L1", agentId: "A1") }
            #expect(decline?.onlyVersionDiffers == false)
            #expect(try await Self.dump(s) == before)
        }

        // The same territory on another graph version: refused unless the change is allowed.
        let newer = LeadLifecycle(router: try Self.router(version: "g2"), store: s.store, clock: clock)
        let refused = await #expect(throws: GraphMismatchError.self) { try await newer.expireOverdueOffers() }
        #expect(refused?.onlyVersionDiffers == true)
        #expect(refused?.refusals.first?.problem == .otherGraphVersion(recorded: "g1"))
        #expect(refused?.description.contains("routed on graph g1, the given graph is g2") == true)
        #expect(try await Self.dump(s) == before)
        let allowed = LeadLifecycle(
            router: try Self.router(version: "g2"),
            store: s.store,
            clock: clock,
            configuration: .init(allowGraphChange: true)
        )
        let expired = try await allowed.expireOverdueOffers()
        #expect(expired.count == 2)
        #expect(expired.allSatisfy { $0.decision.graphVersion == "g2" })
        #expect(try await s.violations() == [])
    }
}

@Suite("Graph rule: SQLite")
struct SQLiteGraphRuleTests {
    @Test func unknownTerritoryIsRejectedAtIntake() async throws { try await Backend.sqlite.with(GraphRule.unknownTerritoryIsRejectedAtIntake) }
    @Test func reroutesOnAnotherGraphAreRefused() async throws { try await Backend.sqlite.with(GraphRule.reroutesOnAnotherGraphAreRefused) }
}

@Suite(
    "Graph rule: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresGraphRuleTests {
    @Test func unknownTerritoryIsRejectedAtIntake() async throws { try await Backend.postgres.with(GraphRule.unknownTerritoryIsRejectedAtIntake) }
    @Test func reroutesOnAnotherGraphAreRefused() async throws { try await Backend.postgres.with(GraphRule.reroutesOnAnotherGraphAreRefused) }
}
