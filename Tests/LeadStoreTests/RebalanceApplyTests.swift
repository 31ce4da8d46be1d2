import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// `rebalance apply` on a real store: moves in transactions of a batch, idempotent by (plan id, lead id), stale
/// moves skipped with their reason, invariants after every commit, and a crash at every commit boundary resumed to
/// the state of one uninterrupted run. Run against SQLite and (with POSTGRES_URL) Postgres.
enum RebalanceApplyBehaviour {
    static let start: Int64 = 1_800_000_000_000
    static let watermark = start + 10_000

    static func move(_ lead: String, _ from: String?, _ to: String) -> RebalanceMove {
        RebalanceMove(leadId: lead, fromAgentId: from, toAgentId: to, scoreBefore: from == nil ? nil : 0.9, scoreAfter: 0.8, reason: .openOffer)
    }

    /// A hand-made plan over ``seed(_:)``'s store.
    static func plan(_ moves: [RebalanceMove], id: String = "rb-hand") -> RebalancePlan {
        let empty = LoadSummary(totalScore: 0, unassigned: 0, loads: [0], capacities: [1])
        return RebalancePlan(
            planId: id,
            graphVersion: "g",
            policyVersion: "p",
            watermark: Self.watermark,
            scope: .open,
            objective: 0,
            moves: moves,
            unplaced: [],
            summary: RebalanceSummary(before: empty, after: empty, topShadowPrices: [], topTerritoryShadowPrices: [])
        )
    }

    /// A1..A6 of capacity 1 (A6: 3); L1..L5 offered to A1..A5 (every one but A6 full); U1 unroutable.
    static func seed(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents((1...6).map { AgentCapacity(agentId: "A\($0)", capacity: $0 == 6 ? 3 : 1) })
        for n in 1...5 { _ = try await s.store.commit(TestNetwork.commit("L\(n)", agents: ["A\(n)"], at: Self.start)) }
        _ = try await s.store.commit(TestNetwork.commit("U1", agents: [], at: Self.start))
    }

    static func active(_ s: StoreUnderTest, _ leadId: String) async throws -> String? {
        try await s.store.lead(leadId)?.activeAssignment?.agentId
    }

    static func movesLeadsAuditsAnnouncesAndKeepsInvariants(_ s: StoreUnderTest) async throws {
        try await Self.seed(s)
        // A swap between two full agents (L1 ⇄ L2), a chain into a full agent (L3 → A4 needs L4 → A6 first, which
        // sorts after it), and the unroutable U1 placed.
        let plan = Self.plan([
            Self.move("L1", "A1", "A2"), Self.move("L2", "A2", "A1"), Self.move("L3", "A3", "A4"), Self.move("L4", "A4", "A6"),
            Self.move("U1", nil, "A6"),
        ])
        let clock = ManualClock(Self.watermark + 1_000)
        var boundaries = 0
        let report = try await RebalanceApplier(store: s.store, clock: clock, configuration: .init(batchSize: 1)).apply(plan) { _, _ async throws in
            boundaries += 1
            #expect(try await s.violations() == [], "store verify at commit \(boundaries)")
        }
        #expect(report.applied.map(\.leadId) == ["L1", "L2", "L3", "L4", "U1"])
        #expect(report.skipped.isEmpty && report.alreadyApplied.isEmpty)
        // Batches: the swap {L1, L2}, then {U1} (into A6), {L4} (out of A4 into A6), {L3} (into A4, after L4 left it).
        #expect(report.batches == boundaries && boundaries == 4)
        for (lead, agent) in [("L1", "A2"), ("L2", "A1"), ("L3", "A4"), ("L4", "A6"), ("U1", "A6"), ("L5", "A5")] {
            #expect(try await Self.active(s, lead) == agent, "\(lead)")
        }
        #expect(try await s.violations() == [])
        let loads = Dictionary(uniqueKeysWithValues: try await s.store.agentLoads().map { ($0.agentId, $0.open) })
        #expect(loads == ["A1": 1, "A2": 1, "A3": 0, "A4": 1, "A5": 1, "A6": 2])

        // The history names rule rebalance and the plan; the old offer ended as reassigned.
        let l1 = try #require(try await s.store.lead("L1"))
        #expect(l1.decision.rule == .rebalance && l1.decision.agentId == "A2" && l1.decision.notes.contains { $0.contains("rb-hand") })
        #expect(l1.assignments.map(\.state) == [.reassigned, .offered])
        #expect(l1.audit.contains { $0.action == "reassigned" && $0.agentId == "A1" && $0.detail.contains("rb-hand") })
        #expect(l1.audit.contains { $0.action == "routed" && $0.agentId == "A2" && $0.detail.hasPrefix("rule rebalance") })
        #expect(l1.audit.contains { $0.action == "rebalanced" })
        let u1 = try #require(try await s.store.lead("U1"))
        #expect(u1.status == .routed && u1.audit.contains { $0.action == "rebalanced" && $0.fromState == "unroutable" })

        // Outbox: the events of other re-routes (the offer ends, the lead is reassigned), naming the plan.
        let events = try await s.pending("test", atLeast: 6 + 9).filter { $0.leadId == "L1" }
        #expect(events.map(\.kind) == ["lead.routed", "lead.reassigned", "lead.reassigned"])
        #expect(events.dropFirst().allSatisfy { $0.payload.contains(#""planId":"rb-hand""#) })
        let u1Events = try await s.store.pendingOutboxEvents(consumer: "test", limit: 100).filter { $0.leadId == "U1" }
        #expect(u1Events.map(\.kind) == ["lead.unroutable", "lead.routed"])

        // Again: nothing is applied twice; the plan is kept once; progress says so.
        let again = try await RebalanceApplier(store: s.store, clock: clock, configuration: .init(batchSize: 1)).apply(plan)
        #expect(again.applied.isEmpty && again.batches == 0)
        #expect(again.alreadyApplied.map(\.leadId) == ["L1", "L2", "L3", "L4", "U1"])
        #expect(try await s.count("rebalance_plans") == 1)
        let progress = RebalanceProgress(plan: plan, records: try await s.store.rebalanceMoveRecords(planId: plan.planId))
        #expect(progress.applied == 5 && progress.pending == 0 && progress.skipped == 0)
        #expect(try await s.store.rebalancePlan("rb-hand") == plan)
    }

    static func staleMovesAreSkippedNeverForced(_ s: StoreUnderTest) async throws {
        try await Self.seed(s)
        for n in 6...9 { _ = try await s.store.commit(TestNetwork.commit("L\(n)", agents: ["A6"], at: Self.start)) }  // L9 finds A6 full
        let plan = Self.plan([
            Self.move("L1", "A1", "A6"),  // accepted after the plan
            Self.move("L2", "A2", "A6"),  // closed
            Self.move("L3", "A3", "A6"),  // declined and re-routed
            Self.move("L4", "A4", "A6"),  // A6 is full
            Self.move("L5", "A5", "A2"),  // touched after the watermark
            Self.move("U1", nil, "A7"),  // A7 is not in the store
            Self.move("L9", nil, "A3"),  // A3 paused after the plan
            Self.move("GONE", "A1", "A2"),  // no such lead
        ])
        let after = Self.watermark + 500
        _ = try await s.store.transition(AssignmentTransition(leadId: "L1", agentId: "A1", to: .accepted, atMillis: after))
        _ = try await s.store.transition(AssignmentTransition(leadId: "L2", agentId: "A2", to: .accepted, atMillis: after))
        _ = try await s.store.transition(AssignmentTransition(leadId: "L2", agentId: "A2", to: .closedWon, atMillis: after))
        let rerouted = TestNetwork.commit("L3", agents: ["A2"], at: after)
        _ = try await s.store.reroute(
            RerouteCommit(leadId: "L3", agentId: "A3", endState: .declined, decision: rerouted.decision, ranking: rerouted.ranking, atMillis: after)
        )
        _ = try await s.sql("UPDATE leads SET updated_at_ms = \(after) WHERE lead_id = 'L5'")
        try await s.store.setAgentPaused("A3", paused: true, atMillis: after)
        let before = try await Self.snapshot(s)

        let preview = try await RebalanceApplier(store: s.store, clock: ManualClock(after)).apply(plan, dryRun: true)
        #expect(try await Self.snapshot(s) == before, "a dry run writes nothing")
        #expect(try await s.count("rebalance_plans") == 0)
        let report = try await RebalanceApplier(store: s.store, clock: ManualClock(after)).apply(plan)
        let reasons = Dictionary(uniqueKeysWithValues: report.skipped.map { ($0.leadId, $0.reason) })
        #expect(
            reasons == [
                "L1": .leadAccepted, "L2": .leadClosed, "L3": .leadRerouted, "L4": .targetFull, "L5": .leadChanged, "U1": .targetNotInStore,
                "L9": .targetPaused, "GONE": .leadMissing,
            ]
        )
        #expect(report.applied.isEmpty)
        #expect(preview.skipped.map(\.leadId) == report.skipped.map(\.leadId))
        #expect(preview.skipped.map(\.reason) == report.skipped.map(\.reason))
        // Nothing was forced: every lead is where it was.
        var expected = before
        expected.moves = try await Self.snapshot(s).moves
        #expect(try await Self.snapshot(s) == expected)
        #expect(try await s.violations() == [])
        // A skip is final for the plan: applying again reports it as an earlier run's, from the record, so that
        // counting what each run skipped counts every skip once.
        let again = try await RebalanceApplier(store: s.store, clock: ManualClock(after)).apply(plan)
        #expect(again.alreadySkipped == report.skipped && again.skipped.isEmpty && again.batches == 0)
    }

    static func anotherPlanUnderTheSameIdIsRefused(_ s: StoreUnderTest) async throws {
        try await Self.seed(s)
        try await s.store.saveRebalancePlan(Self.plan([Self.move("L1", "A1", "A6")]), atMillis: Self.watermark)
        try await s.store.saveRebalancePlan(Self.plan([Self.move("L1", "A1", "A6")]), atMillis: Self.watermark)
        await #expect(throws: LeadStoreError.self) {
            try await s.store.saveRebalancePlan(Self.plan([Self.move("L2", "A2", "A6")]), atMillis: Self.watermark)
        }
        #expect(try await s.store.rebalancePlan("rb-hand")?.moves.map(\.leadId) == ["L1"])
        await #expect(throws: LeadStoreError.self) {
            try await s.store.applyRebalanceBatch(RebalanceBatch(plan: Self.plan([], id: "rb-unknown"), moves: [], atMillis: Self.watermark))
        }
    }

    // MARK: The planner's own plan, applied

    /// Leads routed by a concentrating policy (coverage only: A1 until full), then the planner's optimal plan under
    /// the built-in policy (its convex load cost spreads them) applied: every move lands as planned, the store's
    /// invariants hold after each commit, applying again changes nothing, and planning again on the new state finds
    /// nothing left to move.
    static func thePlannersPlanAppliesAndIsAFixedPoint(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 3, capacity: 5)
        var concentrating = RoutingPolicy(version: "coverage-1")
        concentrating.weights = FeatureWeights(coverage: 1)
        let clock = ManualClock(Self.start)
        let lifecycle = LeadLifecycle(router: Router(projection: router.projection, policy: concentrating), store: s.store, clock: clock)
        try await lifecycle.start()
        for n in 1...7 { _ = try await lifecycle.route(TestNetwork.lead("L\(n)")) }
        #expect(try await s.store.agentLoads().first { $0.agentId == "A1" }?.open == 5, "A1 is full")

        clock.advance(byMillis: 1_000)
        let planner = RebalancePlanner(router: router, store: s.store, clock: clock)
        let plan = try await planner.plan(scope: .open).plan
        #expect(!plan.moves.isEmpty, "the planner spreads A1's leads")
        #expect(plan.moves.allSatisfy { $0.fromAgentId == "A1" }, "\(plan.moves)")

        clock.advance(byMillis: 1_000)
        let applier = RebalanceApplier(store: s.store, clock: clock, configuration: .init(batchSize: 2))
        let report = try await applier.apply(plan) { _, _ async throws in
            #expect(try await s.violations() == [])
        }
        #expect(report.applied.count == plan.moves.count && report.skipped.isEmpty)
        for move in plan.moves { #expect(try await Self.active(s, move.leadId) == move.toAgentId) }
        let loads = try await s.store.agentLoads()
        let utilisation = loads.map { Double($0.open) / Double($0.capacity) }.max() ?? 0
        #expect(abs(utilisation - plan.summary.after.maxUtilisation) < 1e-9, "the store ends where the plan said: \(loads)")
        #expect(utilisation < 1, "A1 is no longer full")

        let again = try await applier.apply(plan)
        #expect(again.applied.isEmpty && again.alreadyApplied.count == plan.moves.count)
        clock.advance(byMillis: 1_000)
        #expect(try await planner.plan(scope: .open).plan.moves.isEmpty, "an applied optimal plan leaves nothing to move")
        #expect(try await s.violations() == [])
    }

    // MARK: A real plan, crashed at every commit boundary

    /// ``seed(_:)``'s store and a plan of five moves in four batches (a swap, a chain, an unroutable lead placed).
    static func routedStore(_ s: StoreUnderTest) async throws -> RebalancePlan {
        try await Self.seed(s)
        return Self.plan([
            Self.move("L1", "A1", "A2"), Self.move("L2", "A2", "A1"), Self.move("L3", "A3", "A4"), Self.move("L4", "A4", "A6"),
            Self.move("U1", nil, "A6"),
        ])
    }

    /// What one run leaves, without the ids the databases hand out (Postgres's outbox ids are transaction ids).
    struct Snapshot: Equatable {
        var leads: [[SQLValue]]
        var assignments: [[SQLValue]]
        var loads: [[SQLValue]]
        var audit: [[SQLValue]]
        var outbox: [[SQLValue]]
        var moves: [[SQLValue]]
    }

    static func snapshot(_ s: StoreUnderTest) async throws -> Snapshot {
        func rows(_ sql: String) async throws -> [[SQLValue]] { try await s.sql(sql).map(\.values) }
        return Snapshot(
            leads: try await rows("SELECT lead_id, status, decision, updated_at_ms FROM leads ORDER BY lead_id"),
            assignments: try await rows(
                "SELECT lead_id, agent_id, state, decided_at_ms, updated_at_ms FROM assignments ORDER BY lead_id, assignment_id"
            ),
            loads: try await rows("SELECT agent_id, open_count, assigned FROM agent_load ORDER BY agent_id"),
            audit: try await rows("SELECT lead_id, agent_id, action, from_state, to_state, at_ms, detail FROM audit_log ORDER BY lead_id, audit_id"),
            outbox: try await rows("SELECT kind, lead_id, agent_id, occurred_at_ms FROM outbox ORDER BY lead_id, kind, agent_id"),
            moves: try await rows(
                "SELECT plan_id, lead_id, from_agent_id, to_agent_id, outcome, reason, at_ms FROM rebalance_moves ORDER BY plan_id, lead_id"
            )
        )
    }

    struct Crash: Error {}

    /// Applies the plan, crashing (an error out of the commit callback: the store has committed `crashAfter`
    /// batches and no more) unless `crashAfter` is nil; checks the invariants at every commit.
    static func apply(_ s: StoreUnderTest, _ plan: RebalancePlan, crashAfter: Int?) async throws -> RebalanceApplyReport? {
        let applier = RebalanceApplier(store: s.store, clock: ManualClock(Self.start + 20_000), configuration: .init(batchSize: 1))
        do {
            return try await applier.apply(plan) { done, _ in
                #expect(try await s.violations() == [], "store verify after commit \(done)")
                if done == crashAfter { throw Crash() }
            }
        } catch is Crash {
            return nil
        }
    }

    static func aCrashAtEveryCommitBoundaryResumesToTheSameState(_ s: StoreUnderTest) async throws {
        // The uninterrupted run, on this store.
        let plan = try await Self.routedStore(s)
        #expect(plan.moves.count >= 4, "the plan moves leads off the full agents")
        let batches = plan.applyBatches(size: 1).count
        #expect(batches >= 2)
        let whole = try #require(try await Self.apply(s, plan, crashAfter: nil))
        #expect(whole.applied.count + whole.skipped.count == plan.moves.count)
        let expected = try await Self.snapshot(s)
        #expect(try await s.violations() == [])

        for crashAfter in 1..<batches {
            try await s.reset()
            let again = try await Self.routedStore(s)
            #expect(try await Self.apply(s, again, crashAfter: crashAfter) == nil)
            let progress = RebalanceProgress(plan: plan, records: try await s.store.rebalanceMoveRecords(planId: plan.planId))
            #expect(progress.pending > 0 && progress.pending < plan.moves.count, "crashed mid-plan after commit \(crashAfter)")
            let resumed = try #require(try await Self.apply(s, again, crashAfter: nil))
            #expect(try await Self.snapshot(s) == expected, "crash after commit \(crashAfter) of \(batches)")
            #expect(Set((resumed.applied + resumed.alreadyApplied).map(\.leadId)) == Set(whole.applied.map(\.leadId)))
            #expect((resumed.skipped + resumed.alreadySkipped).map(\.leadId).sorted() == whole.skipped.map(\.leadId).sorted())
        }
    }

    /// The comparison is a real check: a resume that lost the move records (so it cannot tell what it did) ends
    /// elsewhere, and the snapshot says so.
    static func theResumeCheckCatchesALostRecord(_ s: StoreUnderTest) async throws {
        let plan = try await Self.routedStore(s)
        _ = try await Self.apply(s, plan, crashAfter: nil)
        let expected = try await Self.snapshot(s)
        try await s.reset()
        _ = try await Self.routedStore(s)
        #expect(try await Self.apply(s, plan, crashAfter: 1) == nil)
        _ = try await s.sql("DELETE FROM rebalance_moves")  // the break: the idempotency records are gone
        _ = try await Self.apply(s, plan, crashAfter: nil)
        #expect(try await Self.snapshot(s) != expected)
    }
}

@Suite("Rebalance apply: SQLite")
struct SQLiteRebalanceApplyTests {
    let backend = Backend.sqlite
    @Test func movesLeadsAuditsAnnouncesAndKeepsInvariants() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.movesLeadsAuditsAnnouncesAndKeepsInvariants)
    }
    @Test func staleMovesAreSkippedNeverForced() async throws { try await self.backend.with(RebalanceApplyBehaviour.staleMovesAreSkippedNeverForced) }
    @Test func thePlannersPlanAppliesAndIsAFixedPoint() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.thePlannersPlanAppliesAndIsAFixedPoint)
    }
    @Test func anotherPlanUnderTheSameIdIsRefused() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.anotherPlanUnderTheSameIdIsRefused)
    }
    @Test func aCrashAtEveryCommitBoundaryResumesToTheSameState() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.aCrashAtEveryCommitBoundaryResumesToTheSameState)
    }
    @Test func theResumeCheckCatchesALostRecord() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.theResumeCheckCatchesALostRecord)
    }
}

@Suite(
    "Rebalance apply: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresRebalanceApplyTests {
    let backend = Backend.postgres
    @Test func movesLeadsAuditsAnnouncesAndKeepsInvariants() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.movesLeadsAuditsAnnouncesAndKeepsInvariants)
    }
    @Test func staleMovesAreSkippedNeverForced() async throws { try await self.backend.with(RebalanceApplyBehaviour.staleMovesAreSkippedNeverForced) }
    @Test func thePlannersPlanAppliesAndIsAFixedPoint() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.thePlannersPlanAppliesAndIsAFixedPoint)
    }
    @Test func anotherPlanUnderTheSameIdIsRefused() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.anotherPlanUnderTheSameIdIsRefused)
    }
    @Test func aCrashAtEveryCommitBoundaryResumesToTheSameState() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.aCrashAtEveryCommitBoundaryResumesToTheSameState)
    }
    @Test func theResumeCheckCatchesALostRecord() async throws {
        try await self.backend.with(RebalanceApplyBehaviour.theResumeCheckCatchesALostRecord)
    }
}

extension StoreUnderTest {
    /// Empties every table (ids handed out before are not handed out again; snapshots leave ids out).
    func reset() async throws {
        for table in [
            "rebalance_moves", "rebalance_plans", "retry_queue", "outbox_cursors", "outbox", "audit_log", "assignments", "leads", "agent_load",
        ] {
            _ = try await self.sql("DELETE FROM \(table)")
        }
    }
}
