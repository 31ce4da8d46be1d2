import LeadRoutingCore
import Testing

/// The pure rules of `rebalance apply`: the batch order derived from a plan, and the checks that decide each move.
@Suite struct RebalanceApplyRulesTests {
    static func move(_ lead: String, _ from: String?, _ to: String) -> RebalanceMove {
        RebalanceMove(leadId: lead, fromAgentId: from, toAgentId: to, scoreBefore: nil, scoreAfter: 0.5, reason: .openOffer)
    }

    static func plan(_ moves: [RebalanceMove]) -> RebalancePlan {
        let empty = LoadSummary(totalScore: 0, unassigned: 0, loads: [0], capacities: [1])
        return RebalancePlan(
            planId: "rb-test",
            graphVersion: "g",
            policyVersion: "p",
            watermark: 100,
            scope: .open,
            objective: 0,
            moves: moves,
            unplaced: [],
            summary: RebalanceSummary(before: empty, after: empty, topShadowPrices: [], topTerritoryShadowPrices: [])
        )
    }

    static func offered(_ agent: String?, at millis: Int64 = 50) -> RebalanceLeadState {
        RebalanceLeadState(
            status: agent == nil ? .unroutable : .routed,
            activeAgentId: agent,
            activeState: agent == nil ? nil : .offered,
            lastChangeMillis: millis
        )
    }

    @Test func movesOutOfAnAgentComeBeforeMovesIntoIt() {
        // A chain C → B → A in lead-id order the wrong way round, and an unrelated move.
        let plan = Self.plan([Self.move("L1", "C", "B"), Self.move("L2", "B", "A"), Self.move("L3", "X", "Y")])
        let order = plan.applyBatches(size: 1).map { $0.map(\.leadId) }
        #expect(order.firstIndex(of: ["L2"])! < order.firstIndex(of: ["L1"])!)
        #expect(Set(order.joined()) == ["L1", "L2", "L3"])
        #expect(order.allSatisfy { $0.count == 1 })
    }

    @Test func aSwapIsNeverSplitAcrossBatches() {
        let plan = Self.plan([Self.move("L1", "A", "B"), Self.move("L2", "B", "A"), Self.move("L3", "C", "D"), Self.move("L4", nil, "A")])
        let batches = plan.applyBatches(size: 1).map { $0.map(\.leadId) }
        // L1 and L2 form a cycle; L4 has no source and needs A's room: it goes with them.
        #expect(batches.contains(["L1", "L2", "L4"]))
        #expect(batches.contains(["L3"]))
        #expect(batches.count == 2)
        // Larger batches pack whole groups.
        #expect(plan.applyBatches(size: 10).map { $0.count } == [4])
    }

    @Test func theBatchesDependOnThePlanOnly() {
        let moves = (0..<40).map { Self.move("L\($0)", "A\($0 % 7)", "A\(($0 * 3 + 1) % 7)") }
        let once = Self.plan(moves).applyBatches(size: 5)
        let again = Self.plan(moves.reversed()).applyBatches(size: 5)
        #expect(once == again)
        #expect(Set(once.joined().map(\.leadId)) == Set(moves.map(\.leadId)))
    }

    @Test func aLeadThatChangedIsSkippedWithItsReason() {
        let move = Self.move("L1", "A", "B")
        #expect(RebalanceMoveCheck.leadProblem(move, state: Self.offered("A"), watermark: 100) == nil)
        #expect(RebalanceMoveCheck.leadProblem(move, state: nil, watermark: 100) == .leadMissing)
        var accepted = Self.offered("A")
        accepted.activeState = .accepted
        #expect(RebalanceMoveCheck.leadProblem(move, state: accepted, watermark: 100) == .leadAccepted)
        let closed = RebalanceLeadState(status: .closed, activeAgentId: nil, activeState: nil, lastChangeMillis: 50)
        #expect(RebalanceMoveCheck.leadProblem(move, state: closed, watermark: 100) == .leadClosed)
        #expect(RebalanceMoveCheck.leadProblem(move, state: Self.offered("C"), watermark: 100) == .leadRerouted)
        #expect(RebalanceMoveCheck.leadProblem(move, state: Self.offered("A", at: 101), watermark: 100) == .leadChanged)
        // An unroutable lead that was routed on retry meanwhile.
        #expect(RebalanceMoveCheck.leadProblem(Self.move("L2", nil, "B"), state: Self.offered("C"), watermark: 100) == .leadRerouted)
        #expect(RebalanceMoveCheck.leadProblem(Self.move("L2", nil, "B"), state: Self.offered(nil), watermark: 100) == nil)
    }

    @Test func aSwapBetweenFullAgentsGoesThroughAndAFullTargetIsSkipped() {
        var loads = [
            "A": AgentLoadRecord(agentId: "A", capacity: 1, open: 1),
            "B": AgentLoadRecord(agentId: "B", capacity: 1, open: 1),
            "C": AgentLoadRecord(agentId: "C", capacity: 1, open: 1),
            "P": AgentLoadRecord(agentId: "P", capacity: 5, open: 0, paused: true),
        ]
        let moves = [
            Self.move("L1", "A", "B"), Self.move("L2", "B", "A"), Self.move("L3", nil, "C"), Self.move("L4", nil, "P"), Self.move("L5", nil, "Z"),
        ]
        let leads = ["L1": Self.offered("A"), "L2": Self.offered("B"), "L3": Self.offered(nil), "L4": Self.offered(nil), "L5": Self.offered(nil)]
        let reasons = RebalanceMoveCheck.resolve(moves, leads: leads, loads: &loads, watermark: 100)
        #expect(reasons == [nil, nil, .targetFull, .targetPaused, .targetNotInStore])
        #expect(loads["A"]?.open == 1 && loads["B"]?.open == 1 && loads["C"]?.open == 1)
    }

    @Test func aSkippedMoveKeepsItsSourceTaken() {
        // L1 would free A for L2, but L1's target B is full: L1 stays, so A stays full and L2 is skipped too.
        var loads = [
            "A": AgentLoadRecord(agentId: "A", capacity: 1, open: 1),
            "B": AgentLoadRecord(agentId: "B", capacity: 1, open: 1),
        ]
        let moves = [Self.move("L1", "A", "B"), Self.move("L2", nil, "A")]
        let reasons = RebalanceMoveCheck.resolve(moves, leads: ["L1": Self.offered("A"), "L2": Self.offered(nil)], loads: &loads, watermark: 100)
        #expect(reasons == [.targetFull, .targetFull])
        #expect(loads["A"]?.open == 1 && loads["B"]?.open == 1)
    }

    @Test func aPlanMustNameEachLeadOnceWithSafeIds() {
        #expect(throws: InputError.self) { try RebalanceApplier.validate(Self.plan([Self.move("L1", "A", "B"), Self.move("L1", "B", "C")])) }
        #expect(throws: InputError.self) { try RebalanceApplier.validate(Self.plan([Self.move("L 1", "A", "B")])) }
        #expect(throws: InputError.self) { try RebalanceApplier.validate(Self.plan([Self.move("L1", "A", "A")])) }
        #expect(throws: Never.self) { try RebalanceApplier.validate(Self.plan([Self.move("L1", "A", "B")])) }
    }
}
