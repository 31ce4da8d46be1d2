import LeadRoutingCore
import Testing

/// Shadow replay over a real store's history: the recorded policy, replayed, makes every recorded choice again (the
/// load at each arrival is rebuilt from the assignments); without that history it would not; another policy moves
/// leads and says how.
@Suite("Shadow replay: SQLite")
struct ShadowReplayTests {
    static let start: Int64 = 1_750_000_000_000

    /// Eight leads on three agents of capacity 2: capacity runs out, a close and a decline free slots on the way.
    static func history(_ s: StoreUnderTest, router: Router) async throws {
        let clock = ManualClock(Self.start)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: clock)
        try await lifecycle.start()
        for number in 1...8 {
            clock.advance(byMillis: 1_000)
            let outcome = try await lifecycle.route(TestNetwork.lead("L\(number)"))
            clock.advance(byMillis: 1_000)
            if number == 2, let agent = outcome.decision.agentId {
                _ = try await lifecycle.accept(leadId: "L2", agentId: agent)
                _ = try await lifecycle.close(leadId: "L2", agentId: agent, won: true)
            }
            if number == 4, let agent = outcome.decision.agentId {
                _ = try await lifecycle.decline(leadId: "L4", agentId: agent)
            }
        }
    }

    @Test func theRecordedPolicyMakesEveryRecordedChoiceAgain() async throws {
        try await Backend.sqlite.with { s in
            let router = try TestNetwork.router(agents: 3, capacity: 2)
            try await Self.history(s, router: router)
            let (records, loads) = try await ShadowReplay.read(from: s.store)
            #expect(records.count == 8)

            let report = ShadowReplay(router: router).replay(records, loads: loads)
            #expect(report.replayed == 8 && report.onRecordedGraph == 8 && report.skipped.isEmpty)
            #expect(report.recordedUnroutable > 0, "capacity ran out on the way: \(report)")
            #expect(report.agreed == report.replayed, "\(report)")
            #expect(report.recordedUnroutable == report.replayedUnroutable)
            #expect(report.load.largestShifts.isEmpty && report.predicted.difference == 0)
            #expect(report.recordedPolicies == [router.policyIdentity: 8])

            // The check above can fail: without the history (every agent as empty as at the start), the leads that
            // found no room would be routed, and the replay would disagree.
            let forgetful = records.map { record in
                var record = record
                record.assignments = []
                return record
            }
            let wrong = ShadowReplay(router: router).replay(forgetful, loads: loads)
            #expect(wrong.agreed < wrong.replayed)
            #expect(wrong.replayedUnroutable < report.recordedUnroutable)
        }
    }

    /// Leads S referred, routed on referral strength alone: A (the stronger edge) gets them and loses each, until the
    /// learned edge falls below B's. The replay learns those closes on the edge at their time, so it makes every
    /// recorded choice again; without the closes (assignments still open) it would keep giving A the leads.
    @Test func theReplayLearnsReferralEdgesFromTheClosesBefore() async throws {
        try await Backend.sqlite.with { s in
            let dataset = Dataset(
                agents: [
                    Agent(id: "A", states: ["CA"], capacity: 100),
                    Agent(id: "B", states: ["CA"], capacity: 100),
                    Agent(id: "S", states: ["CA"], capacity: 100),
                ],
                territories: [Territory(id: "T1", state: "CA", latitude: 34.0, longitude: -118.0)],
                coverage: [Coverage(agent: 0, territory: 0, weight: 1), Coverage(agent: 1, territory: 0, weight: 1)],
                referrals: [Referral(from: 2, to: 0, sent: 4, closed: 3), Referral(from: 2, to: 1, sent: 4, closed: 1)]
            )
            var policy = RoutingPolicy(version: "referral-only-1")
            policy.weights = FeatureWeights(referral: 1)
            let router = Router(projection: try GraphProjection(dataset: dataset, version: "referral-replay-1"), policy: policy)
            let clock = ManualClock(Self.start)
            let lifecycle = LeadLifecycle(router: router, store: s.store, clock: clock)
            try await lifecycle.start()
            var winners: [String] = []
            for number in 1...30 {
                clock.advance(byMillis: 1_000)
                let lead = Lead(id: "R\(number)", territoryId: "T1", sourceAgentId: "S")
                let agent = try #require(try await lifecycle.route(lead).decision.agentId)
                winners.append(agent)
                clock.advance(byMillis: 1_000)
                _ = try await lifecycle.accept(leadId: lead.id, agentId: agent)
                clock.advance(byMillis: 1_000)
                _ = try await lifecycle.close(leadId: lead.id, agentId: agent, won: false)
            }
            #expect(winners.first == "A" && winners.contains("B"), "\(winners)")

            let (records, loads) = try await ShadowReplay.read(from: s.store)
            let report = ShadowReplay(router: router).replay(records, loads: loads)
            #expect(report.replayed == 30 && report.agreed == 30, "\(report)")

            let unclosed = records.map { record in
                var record = record
                for index in record.assignments.indices { record.assignments[index].state = .accepted }
                return record
            }
            let wrong = ShadowReplay(router: router).replay(unclosed, loads: loads)
            #expect(wrong.agreed < wrong.replayed)
        }
    }

    @Test func anotherPolicyMovesLeadsAndSaysHow() async throws {
        try await Backend.sqlite.with { s in
            let router = try TestNetwork.router(agents: 3, capacity: 2)
            try await Self.history(s, router: router)
            let (records, loads) = try await ShadowReplay.read(from: s.store)
            // Coverage only: the best-covering agent (A1) until it is full, where the recorded (default) policy spread
            // the leads by headroom.
            var concentrating = RoutingPolicy(version: "coverage-1")
            concentrating.weights = FeatureWeights(coverage: 1)
            let report = ShadowReplay(router: Router(projection: router.projection, policy: concentrating)).replay(records, loads: loads)
            #expect(report.policy == concentrating.identity && report.policy != router.policyIdentity)
            #expect(report.agreed < report.replayed)
            #expect(!report.load.largestShifts.isEmpty && report.load.agentsGaining > 0 && report.load.agentsLosing > 0)
            for shift in report.load.largestShifts { #expect(shift.recorded != shift.replayed) }
            #expect(report.load.replayedGini >= report.load.recordedGini, "\(report.load)")
            #expect(report.load.largestShifts.first?.agentId == "A1" && report.load.largestShifts[0].replayed > report.load.largestShifts[0].recorded)

            let limited = try await ShadowReplay.read(from: s.store, limit: 3)
            #expect(limited.records.map(\.leadId) == ["L1", "L2", "L3"])
        }
    }

    @Test func leadsOutsideTheGraphAreSkippedAndCounted() async throws {
        try await Backend.sqlite.with { s in
            let router = try TestNetwork.router(agents: 2, capacity: 5)
            try await Self.history(s, router: router)
            let (records, loads) = try await ShadowReplay.read(from: s.store)
            let elsewhere = Router(
                projection: try GraphProjection(
                    dataset: Dataset(
                        agents: [Agent(id: "A1", states: ["CA"], capacity: 5)],
                        territories: [Territory(id: "T9", state: "CA", latitude: 34.0, longitude: -118.0)],
                        coverage: [Coverage(agent: 0, territory: 0, weight: 1)]
                    ),
                    version: "test-2"
                )
            )
            let report = ShadowReplay(router: elsewhere).replay(records, loads: loads)
            #expect(report.replayed == 0 && report.skipped == [ShadowReplayReport.Skip.territoryNotInGraph.rawValue: 8])
            #expect(report.agreement == 1)
        }
    }
}
