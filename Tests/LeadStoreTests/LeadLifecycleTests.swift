import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// The lead lifecycle owns the one load view (every transition updates the snapshot previews read, and it matches
/// the store) and stamps every record with its injected clock. Run against SQLite and (with POSTGRES_URL) Postgres.
enum LifecycleBehaviour {
    static let start: Int64 = 1_800_000_000_000

    /// The view's open count and availability per agent id, and the store's, side by side.
    static func expectViewMatchesStore(_ lifecycle: LeadLifecycle, _ s: StoreUnderTest) async throws {
        let view = lifecycle.loads.snapshot
        let projection = lifecycle.router.projection
        for record in try await s.store.agentLoads() {
            let index = try #require(projection.agent(record.agentId))
            #expect(Int(view.openLeads[Int(index)]) == record.open, "open leads of \(record.agentId)")
            #expect(view.available[Int(index)] == !record.paused, "availability of \(record.agentId)")
            #expect(Int(view.closedWon[Int(index)]) == record.closedWon, "closed won of \(record.agentId)")
            #expect(Int(view.closedLost[Int(index)]) == record.closedLost, "closed lost of \(record.agentId)")
            #expect(Int(view.acceptedOffers[Int(index)]) == record.acceptedOffers, "accepted offers of \(record.agentId)")
            #expect(view.acceptLatencyMillis[Int(index)] == record.acceptLatencyMillis, "accept latency of \(record.agentId)")
        }
        // Referral edges: each stored pair that is a direct edge has the store's closes; no other edge learned any.
        var stored: [Int: ReferralOutcome] = [:]
        for record in try await s.store.referralOutcomes() {
            for edge in projection.referralEdges(from: record.sourceAgentId, to: record.agentId) {
                stored[edge] = ReferralOutcome(won: Int32(record.won), lost: Int32(record.lost))
            }
        }
        for edge in 0..<projection.referralCount {
            #expect(view.referralOutcome(edge: edge) == stored[edge] ?? ReferralOutcome(), "learned closes of referral edge \(edge)")
        }
    }

    static func open(_ lifecycle: LeadLifecycle, _ agentId: String) throws -> Int32 {
        let index = try #require(lifecycle.router.projection.agent(agentId))
        return lifecycle.loads.snapshot.openLeads[Int(index)]
    }

    /// What a preview (rank without committing) on the lifecycle's snapshot picks for a new lead of territory T1.
    static func preview(_ lifecycle: LeadLifecycle) -> String? {
        lifecycle.router.route(TestNetwork.lead("PREVIEW"), load: lifecycle.loads.snapshot).agentId
    }

    static func everyTransitionUpdatesTheLoadView(_ s: StoreUnderTest) async throws {
        // A1 ranks first, then A2, then A3; capacity 1 each.
        let router = try TestNetwork.router(agents: 3, capacity: 1)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: ManualClock(Self.start))
        try await lifecycle.start()
        #expect(Self.preview(lifecycle) == "A1")

        // Commit: A1 is full; the preview moves on to A2 without asking the store.
        #expect(try await lifecycle.route(TestNetwork.lead("L1")).decision.agentId == "A1")
        #expect(try Self.open(lifecycle, "A1") == 1)
        #expect(Self.preview(lifecycle) == "A2")
        try await Self.expectViewMatchesStore(lifecycle, s)

        // Accept keeps the slot; close frees it.
        _ = try await lifecycle.accept(leadId: "L1", agentId: "A1")
        #expect(try Self.open(lifecycle, "A1") == 1)
        _ = try await lifecycle.close(leadId: "L1", agentId: "A1", won: true)
        #expect(try Self.open(lifecycle, "A1") == 0)
        #expect(Self.preview(lifecycle) == "A1")
        try await Self.expectViewMatchesStore(lifecycle, s)

        // Decline: the decliner's slot frees, the next agent's fills.
        #expect(try await lifecycle.route(TestNetwork.lead("L2")).decision.agentId == "A1")
        let rerouted = try await lifecycle.decline(leadId: "L2", agentId: "A1")
        #expect(rerouted.decision.agentId == "A2")
        #expect(try Self.open(lifecycle, "A1") == 0)
        #expect(try Self.open(lifecycle, "A2") == 1)
        #expect(Self.preview(lifecycle) == "A1")
        try await Self.expectViewMatchesStore(lifecycle, s)

        // Pause: A1 drops out of the preview at once; resume brings it back.
        try await lifecycle.setAvailability(agentId: "A1", available: false)
        #expect(Self.preview(lifecycle) == "A3")
        try await Self.expectViewMatchesStore(lifecycle, s)
        #expect(try await lifecycle.route(TestNetwork.lead("L3")).decision.agentId == "A3")
        try await lifecycle.setAvailability(agentId: "A1", available: true)
        #expect(Self.preview(lifecycle) == "A1")
        try await Self.expectViewMatchesStore(lifecycle, s)

        // An agent outside the graph: not found, nothing changes.
        let unknown = await #expect(throws: LeadStoreError.self) { try await lifecycle.setAvailability(agentId: "NOPE", available: false) }
        #expect(unknown?.kind == .notFound)
        #expect(unknown?.message.contains("NOPE") == true)
        try await Self.expectViewMatchesStore(lifecycle, s)
        #expect(try await s.violations() == [])
    }

    static func expiryUpdatesTheLoadView(_ s: StoreUnderTest) async throws {
        let clock = ManualClock(Self.start)
        let router = try TestNetwork.router(agents: 2, capacity: 1)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: clock, configuration: .init(offerSLAMillis: 60_000))
        try await lifecycle.start()
        _ = try await lifecycle.route(TestNetwork.lead("L1"))
        #expect(Self.preview(lifecycle) == "A2")
        clock.advance(byMillis: 60_001)
        let expired = try await lifecycle.expireOverdueOffers()
        #expect(expired.map(\.decision.agentId) == ["A2"])
        #expect(try Self.open(lifecycle, "A1") == 0)
        #expect(try Self.open(lifecycle, "A2") == 1)
        #expect(Self.preview(lifecycle) == "A1")
        try await Self.expectViewMatchesStore(lifecycle, s)
    }

    static func recordsCarryTheInjectedClocksTime(_ s: StoreUnderTest) async throws {
        let clock = ManualClock(Self.start)
        let router = try TestNetwork.router(agents: 2, capacity: 5)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: clock)
        try await lifecycle.start()

        _ = try await lifecycle.route(TestNetwork.lead("L1"))
        var record = try #require(try await s.store.lead("L1"))
        #expect(record.receivedAtMillis == Self.start)
        #expect(record.assignments.map(\.decidedAtMillis) == [Self.start])
        #expect(record.audit.map(\.atMillis) == [Self.start, Self.start])

        clock.advance(byMillis: 1_234)
        let accepted = try await lifecycle.accept(leadId: "L1", agentId: "A1")
        #expect(accepted.decidedAtMillis == Self.start)
        #expect(accepted.updatedAtMillis == Self.start + 1_234)

        clock.advance(byMillis: 1_000)
        let closed = try await lifecycle.close(leadId: "L1", agentId: "A1", won: false)
        #expect(closed.updatedAtMillis == Self.start + 2_234)
        record = try #require(try await s.store.lead("L1"))
        #expect(record.audit.map(\.action) == ["received", "routed", "accepted", "closed_lost"])
        #expect(record.audit.map(\.atMillis) == [Self.start, Self.start, Self.start + 1_234, Self.start + 2_234])

        clock.advance(byMillis: 1_000)
        // A1's lost close lowers its learned conversion estimate, so L2 may go to either agent: decline whoever has it.
        let first = try #require(try await lifecycle.route(TestNetwork.lead("L2")).decision.agentId)
        let other = first == "A1" ? "A2" : "A1"
        clock.advance(byMillis: 1_000)
        _ = try await lifecycle.decline(leadId: "L2", agentId: first)
        let declined = try #require(try await s.store.lead("L2"))
        #expect(declined.assignments.map(\.agentId) == [first, other])
        #expect(declined.assignments.map(\.decidedAtMillis) == [Self.start + 3_234, Self.start + 4_234])
        #expect(declined.assignments.first?.updatedAtMillis == Self.start + 4_234)
        #expect(declined.updatedAtMillis == Self.start + 4_234)

        clock.advance(byMillis: 1_000)
        try await lifecycle.setAvailability(agentId: "A2", available: false)
        let paused = try await s.sql("SELECT updated_at_ms FROM agent_load WHERE agent_id = 'A2'")
        #expect(try paused.first?.int(0) == Self.start + 5_234)

        let events = try await s.pending("clock", atLeast: 5)
        #expect(events.map(\.occurredAtMillis).allSatisfy { (Self.start...(Self.start + 4_234)).contains($0) })
        #expect(events.first?.occurredAtMillis == Self.start)
        #expect(events.last?.occurredAtMillis == Self.start + 4_234)
    }
}

extension LifecycleBehaviour {
    /// With `rerouteOnPause`, pausing an agent withdraws their unaccepted offers (expired, the reason in the history)
    /// and re-routes those leads without them; an accepted lead stays. Without it, offers stay where they are.
    static func pausingWithdrawsUnacceptedOffers(_ s: StoreUnderTest) async throws {
        for reroute in [true, false] {
            let clock = ManualClock(Self.start)
            let lifecycle = LeadLifecycle(
                router: try TestNetwork.router(agents: 3, capacity: 5),
                store: s.store,
                clock: clock,
                configuration: .init(rerouteOnPause: reroute)
            )
            try await lifecycle.start()
            let prefix = reroute ? "P" : "K"
            var heldByA1: [String] = []
            for n in 1...6 {
                let id = "\(prefix)\(n)"
                if try await lifecycle.route(TestNetwork.lead(id)).decision.agentId == "A1" { heldByA1.append(id) }
            }
            try #require(heldByA1.count >= 2, "A1 got \(heldByA1)")
            _ = try await lifecycle.accept(leadId: heldByA1[0], agentId: "A1")
            try await lifecycle.setAvailability(agentId: "A1", available: false)
            let offeredToA1 = try await s.store.listLeads(LeadListQuery(status: .offered, agentId: "A1")).map(\.leadId).filter {
                $0.hasPrefix(prefix)
            }
            if reroute {
                #expect(offeredToA1.isEmpty, "A1 still holds offers \(offeredToA1)")
                let moved = try #require(try await s.store.lead(heldByA1[1]))
                #expect(moved.activeAssignment?.agentId != "A1" && moved.activeAssignment?.state == .offered)
                #expect(moved.audit.contains { $0.action == "expired" && $0.detail == "withdrawn: the agent was paused" })
            } else {
                #expect(offeredToA1 == Array(heldByA1.dropFirst()))
            }
            #expect(try await s.store.lead(heldByA1[0])?.activeAssignment?.agentId == "A1", "the accepted lead stays")
            try await Self.expectViewMatchesStore(lifecycle, s)
            try await lifecycle.setAvailability(agentId: "A1", available: true)
        }
        #expect(try await s.violations() == [])
    }
}

@Suite("Lead lifecycle: SQLite")
struct SQLiteLeadLifecycleTests {
    let backend = Backend.sqlite
    @Test func everyTransitionUpdatesTheLoadView() async throws { try await self.backend.with(LifecycleBehaviour.everyTransitionUpdatesTheLoadView) }
    @Test func expiryUpdatesTheLoadView() async throws { try await self.backend.with(LifecycleBehaviour.expiryUpdatesTheLoadView) }
    @Test func recordsCarryTheInjectedClocksTime() async throws { try await self.backend.with(LifecycleBehaviour.recordsCarryTheInjectedClocksTime) }
    @Test func pausingWithdrawsUnacceptedOffers() async throws { try await self.backend.with(LifecycleBehaviour.pausingWithdrawsUnacceptedOffers) }
}

@Suite(
    "Lead lifecycle: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresLeadLifecycleTests {
    let backend = Backend.postgres
    @Test func everyTransitionUpdatesTheLoadView() async throws { try await self.backend.with(LifecycleBehaviour.everyTransitionUpdatesTheLoadView) }
    @Test func expiryUpdatesTheLoadView() async throws { try await self.backend.with(LifecycleBehaviour.expiryUpdatesTheLoadView) }
    @Test func recordsCarryTheInjectedClocksTime() async throws { try await self.backend.with(LifecycleBehaviour.recordsCarryTheInjectedClocksTime) }
    @Test func pausingWithdrawsUnacceptedOffers() async throws { try await self.backend.with(LifecycleBehaviour.pausingWithdrawsUnacceptedOffers) }
}
