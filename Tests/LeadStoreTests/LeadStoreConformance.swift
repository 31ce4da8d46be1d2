import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// The behaviour every lead store must have. Each test body takes a fresh, migrated store; the suites below run
/// all of them against SQLite and (when POSTGRES_URL is set) Postgres.
enum Conformance {
    static func migrationsAreIdempotent(_ s: StoreUnderTest) async throws {
        let again = try await s.store.migrate()
        #expect(again.applied.isEmpty)
        #expect(again.toVersion == LeadStoreSchema.currentVersion)
        #expect(try await s.store.schemaVersion() == LeadStoreSchema.currentVersion)
        #expect(try await s.count("schema_migrations") == LeadStoreSchema.migrations(s.dialect).count)
    }

    static func newerSchemaIsRefused(_ s: StoreUnderTest) async throws {
        _ = try await s.sql("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (999, 'from the future', 0)")
        let error = await #expect(throws: LeadStoreError.self) { try await s.store.migrate() }
        #expect(error?.kind == .schemaTooNew)
        #expect(error?.message.contains("999") == true)
    }

    static func retryReturnsTheFirstDecision(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 5), AgentCapacity(agentId: "A2", capacity: 5)])
        let first = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1", "A2"]))
        #expect(first.disposition == .committed)
        #expect(first.decision.agentId == "A1")
        // Same lead again (a router with a different view would now pick A2): the first decision, unchanged.
        var retry = TestNetwork.commit("L1", agents: ["A2", "A1"], at: 9_999)
        retry.payload = " " + retry.payload + "\n"
        let second = try await s.store.commit(retry)
        #expect(second.disposition == .replayed)
        #expect(second.decision == first.decision)
        #expect(try await s.count("assignments") == 1)
        #expect(try await s.store.agentLoads().first { $0.agentId == "A1" }?.open == 1)
        #expect(try await s.violations() == [])
    }

    static func conflictWritesNothing(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 5)])
        _ = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"]))
        let before = [try await s.count("leads"), try await s.count("assignments"), try await s.count("audit_log"), try await s.count("outbox")]
        let different = Lead(id: "L1", territoryId: "T1", kind: .sell).canonicalJSON()
        let error = await #expect(throws: LeadStoreError.self) {
            try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], payload: different))
        }
        #expect(error?.kind == .conflict)
        let after = [try await s.count("leads"), try await s.count("assignments"), try await s.count("audit_log"), try await s.count("outbox")]
        #expect(before == after)
        #expect(try await s.store.agentLoads().first?.open == 1)
    }

    /// Replay compares the canonical bytes: "café" composed (NFC) and decomposed (NFD) are equal Swift Strings but
    /// different leads.
    static func anotherNormalisationIsAConflict(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 5)])
        let composed = Lead(id: "L1", territoryId: "T1", language: "caf\u{E9}").canonicalJSON()
        let decomposed = Lead(id: "L1", territoryId: "T1", language: "cafe\u{301}").canonicalJSON()
        #expect(composed == decomposed)  // Swift String equality: canonically equivalent
        _ = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], payload: composed))
        #expect(try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], payload: composed)).disposition == .replayed)
        let error = await #expect(throws: LeadStoreError.self) {
            try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], payload: decomposed))
        }
        #expect(error?.kind == .conflict)
        #expect(try await s.count("assignments") == 1)
    }

    static func fullAgentFallsDownTheRanking(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 1), AgentCapacity(agentId: "A2", capacity: 1)])
        // Every router saw both agents free and ranked A1 first.
        let one = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1", "A2"]))
        let two = try await s.store.commit(TestNetwork.commit("L2", agents: ["A1", "A2"]))
        let three = try await s.store.commit(TestNetwork.commit("L3", agents: ["A1", "A2"]))
        #expect(one.decision.agentId == "A1")
        #expect(one.reservedRank == 0 && one.refused.isEmpty && !one.fellBack)
        #expect(two.decision.agentId == "A2")
        #expect(two.decision.score == 0.8)
        #expect(two.reservedRank == 1 && two.fellBack)
        #expect(two.refused == [RefusedCandidate(rank: 0, agentId: "A1", reason: .atCapacity)])
        #expect(two.decision.notes.contains { $0.contains("fell back to candidate #2 A2") })
        #expect(three.reservedRank == nil && !three.fellBack)
        #expect(three.refused.map(\.reason) == [.atCapacity, .atCapacity])
        #expect(three.decision.status == .unroutable)
        #expect(three.decision.reason == .noEligibleAgent)
        #expect(three.decision.excluded["at_capacity"] == 2)
        #expect(try await s.store.unroutableLeadIds(limit: 10) == ["L3"])
        let record = try #require(try await s.store.lead("L2"))
        #expect(record.audit.contains { $0.action == "routed" && $0.detail.contains("fell back") })
        #expect(try await s.violations() == [])
    }

    /// The outcome says, in structure, why each better candidate was refused.
    static func pausedAndUnknownAgentsAreRefused(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 5), AgentCapacity(agentId: "A2", capacity: 5)])
        try await s.store.setAgentPaused("A1", paused: true, atMillis: 500)
        for (store, leadId) in [(s.store, "L1"), (s.general, "L2")] {
            let outcome = try await store.commit(TestNetwork.commit(leadId, agents: ["A1", "X9", "A2"]))
            #expect(outcome.decision.agentId == "A2")
            #expect(outcome.reservedRank == 2)
            #expect(
                outcome.refused == [
                    RefusedCandidate(rank: 0, agentId: "A1", reason: .paused),
                    RefusedCandidate(rank: 1, agentId: "X9", reason: .notInStore),
                ]
            )
        }
        #expect(try await s.store.agentLoads().map(\.open) == [0, 2])
        #expect(try await s.violations() == [])
    }

    /// A database migrated to version 2 by an older binary (its one-statement commit of a new lead in place)
    /// migrates to the current version: version 2's program is dropped and commits go through the new one.
    static func version2DatabaseMigrates(_ s: StoreUnderTest) async throws {
        let migrations = LeadStoreSchema.migrations(s.dialect)
        for statement in migrations[0].statements { _ = try await s.sql(statement) }
        // Stand-ins with version 2's names (and, on Postgres, its signature): what migration 3 must drop.
        let version2Objects: [String]
        switch s.dialect.kind {
        case .postgres:
            version2Objects = [
                """
                CREATE FUNCTION leadrouter_commit_new(TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT, TEXT, DOUBLE PRECISION, TEXT, TEXT,
                    TEXT, TEXT, TEXT, TEXT, TEXT) RETURNS BIGINT LANGUAGE sql AS 'SELECT 0::bigint'
                """
            ]
        case .sqlite:
            version2Objects = [
                "CREATE VIEW leadrouter_commit_new AS SELECT NULL AS lead_id",
                "CREATE TRIGGER leadrouter_commit_new INSTEAD OF INSERT ON leadrouter_commit_new BEGIN SELECT 1; END",
            ]
        }
        for statement in version2Objects { _ = try await s.sql(statement) }
        // Reading the version creates nothing (read-only commands rely on it).
        #expect(try await s.store.schemaVersion() == 0)
        _ = try await s.sql("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)")
        _ = try await s.sql("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (1, 'one', 0), (2, 'two', 0)")
        let report = try await s.store.migrate()
        #expect(report.fromVersion == 2)
        #expect(report.applied == LeadStoreSchema.migrations(s.dialect).map(\.version).filter { $0 > 2 })
        let remaining =
            s.dialect.kind == .postgres
            ? "SELECT count(*) FROM pg_proc WHERE proname = 'leadrouter_commit_new'"
            : "SELECT count(*) FROM sqlite_master WHERE name = 'leadrouter_commit_new'"
        #expect(try await s.sql(remaining).first?.int(0) == 0)
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 1), AgentCapacity(agentId: "A2", capacity: 1)])
        #expect(try await s.store.commit(TestNetwork.commit("L1", agents: ["A1", "A2"])).decision.agentId == "A1")
        #expect(try await s.store.commit(TestNetwork.commit("L2", agents: ["A1", "A2"])).reservedRank == 1)
        #expect(try await s.count("outbox") == 2)
        #expect(try await s.violations() == [])
    }

    static func unroutableIsKeptAndRetried(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 1)])
        let first = try await s.store.commit(TestNetwork.commit("L1", agents: []))
        #expect(first.decision.status == .unroutable)
        #expect(try await s.store.lead("L1")?.status == .unroutable)
        // Retried while still unroutable: nothing changes.
        let again = try await s.store.commit(TestNetwork.commit("L1", agents: []))
        #expect(again.disposition == .replayed)
        // Retried when an agent is free: routed.
        let retried = try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], at: 5_000))
        #expect(retried.disposition == .retried)
        #expect(retried.decision.agentId == "A1")
        let record = try #require(try await s.store.lead("L1"))
        #expect(record.status == .routed)
        #expect(record.audit.map(\.action) == ["received", "unroutable", "retried", "routed"])
        #expect(try await s.store.unroutableLeadIds(limit: 10) == [])
        #expect(try await s.store.commit(TestNetwork.commit("L1", agents: ["A1"])).disposition == .replayed)
        #expect(try await s.violations() == [])
    }

    static func lifecycleAcceptAndClose(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 3, capacity: 2)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await lifecycle.start()
        let routed = try await lifecycle.route(TestNetwork.lead("L1"))
        let agent = try #require(routed.decision.agentId)
        #expect(try await lifecycle.accept(leadId: "L1", agentId: agent).state == .accepted)
        #expect(try await lifecycle.accept(leadId: "L1", agentId: agent).state == .accepted)
        #expect(try await lifecycle.close(leadId: "L1", agentId: agent, won: true).state == .closedWon)
        #expect(try await lifecycle.close(leadId: "L1", agentId: agent, won: true).state == .closedWon)
        let lost = await #expect(throws: LeadStoreError.self) { try await lifecycle.close(leadId: "L1", agentId: agent, won: false) }
        #expect(lost?.kind == .invalidTransition)
        let load = try #require(try await s.store.agentLoads().first { $0.agentId == agent })
        #expect(load.open == 0)
        #expect(load.closedWon == 1)
        #expect(load.assigned == 1)
        let record = try #require(try await s.store.lead("L1"))
        #expect(record.status == .closed)
        #expect(record.audit.map(\.action) == ["received", "routed", "accepted", "closed_won"])
        let kinds = try await s.pending("test", atLeast: 3).map(\.kind)
        #expect(kinds == ["lead.routed", "lead.accepted", "lead.closed"])
        #expect(try await s.violations() == [])
    }

    static func declineReroutesWithoutTheDecliner(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 2, capacity: 1)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await lifecycle.start()
        let first = try await lifecycle.route(TestNetwork.lead("L1"))
        let a = try #require(first.decision.agentId)
        let rerouted = try await lifecycle.decline(leadId: "L1", agentId: a, reason: "too far from my office")
        #expect(rerouted.disposition == .rerouted)
        let b = try #require(rerouted.decision.agentId)
        #expect(b != a)
        // Declining again is a no-op that returns the current decision.
        let again = try await lifecycle.decline(leadId: "L1", agentId: a)
        #expect(again.disposition == .replayed)
        #expect(again.decision.agentId == b)
        // The second agent declines too: nobody is left; kept for retry, and a retry does not go back to them.
        let none = try await lifecycle.decline(leadId: "L1", agentId: b)
        #expect(none.decision.status == .unroutable)
        #expect(try await lifecycle.retryUnroutable().allSatisfy { $0.decision.status == .unroutable })
        let record = try #require(try await s.store.lead("L1"))
        #expect(record.assignments.map(\.state) == [.declined, .declined])
        #expect(record.status == .unroutable)
        // The reason given is kept in the history; a decline without one has none.
        #expect(record.audit.filter { $0.action == "declined" }.map(\.detail) == ["too far from my office", ""])
        #expect(try await s.store.agentLoads().allSatisfy { $0.open == 0 })
        #expect(try await s.violations() == [])
    }

    static func offersExpireAfterTheSLA(_ s: StoreUnderTest) async throws {
        let clock = ManualClock()
        let router = try TestNetwork.router(agents: 2, capacity: 5)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: clock, configuration: .init(offerSLAMillis: 60_000))
        try await lifecycle.start()
        let first = try await lifecycle.route(TestNetwork.lead("L1"))
        _ = try await lifecycle.route(TestNetwork.lead("L2"))
        _ = try await lifecycle.accept(leadId: "L2", agentId: try #require(try await s.store.lead("L2")?.activeAssignment?.agentId))
        clock.advance(byMillis: 30_000)
        #expect(try await lifecycle.expireOverdueOffers().isEmpty)
        clock.advance(byMillis: 31_000)
        let expired = try await lifecycle.expireOverdueOffers()
        #expect(expired.count == 1)  // L2 was accepted: it does not expire.
        #expect(expired.first?.decision.leadId == "L1")
        #expect(expired.first?.decision.agentId != first.decision.agentId)
        let record = try #require(try await s.store.lead("L1"))
        #expect(record.assignments.first?.state == .expired)
        #expect(record.audit.map(\.action) == ["received", "routed", "expired", "rerouted", "routed"])
        #expect(try await s.violations() == [])
    }

    static func invalidTransitionsAreRejected(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 2, capacity: 5)
        let lifecycle = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await lifecycle.start()
        let routed = try await lifecycle.route(TestNetwork.lead("L1"))
        let agent = try #require(routed.decision.agentId)
        let other = agent == "A1" ? "A2" : "A1"
        let wrongAgent = await #expect(throws: LeadStoreError.self) { try await lifecycle.accept(leadId: "L1", agentId: other) }
        #expect(wrongAgent?.kind == .invalidTransition)
        let closeUnaccepted = await #expect(throws: LeadStoreError.self) { try await lifecycle.close(leadId: "L1", agentId: agent, won: true) }
        #expect(closeUnaccepted?.kind == .invalidTransition)
        let unknown = await #expect(throws: LeadStoreError.self) { try await lifecycle.accept(leadId: "nope", agentId: agent) }
        #expect(unknown?.kind == .notFound)
        _ = try await lifecycle.accept(leadId: "L1", agentId: agent)
        let declineAccepted = await #expect(throws: LeadStoreError.self) { try await lifecycle.decline(leadId: "L1", agentId: agent) }
        #expect(declineAccepted?.kind == .invalidTransition)
        let oversized = Lead(id: "L2", territoryId: "T1", language: String(repeating: "x", count: 17))
        let invalid = await #expect(throws: LeadStoreError.self) { try await lifecycle.route(oversized) }
        #expect(invalid?.kind == .invalidPayload)
        let tooBig = await #expect(throws: LeadStoreError.self) {
            try await lifecycle.route(TestNetwork.lead("L3"), payload: String(repeating: " ", count: 20_000))
        }
        #expect(tooBig?.kind == .invalidPayload)
        #expect(try await s.store.lead("L2") == nil)
        #expect(try await s.store.lead("L3") == nil)
        #expect(try await s.violations() == [])
    }

    static func outboxIsPerConsumer(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 10)])
        for i in 1...5 { _ = try await s.store.commit(TestNetwork.commit("L\(i)", agents: ["A1"])) }
        // A conflicting commit writes no event.
        _ = try? await s.store.commit(TestNetwork.commit("L1", agents: ["A1"], payload: "{}"))
        // Postgres shows an event once every older transaction in the cluster has finished (other tests run
        // concurrently), so wait for it.
        let events = try await s.pending("neo4j", atLeast: 5)
        #expect(events.map(\.leadId) == ["L1", "L2", "L3", "L4", "L5"])
        #expect(events.allSatisfy { $0.kind == "lead.routed" && $0.agentId == "A1" })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.id < $1.id })
        let firstTwo = try await s.store.pendingOutboxEvents(consumer: "neo4j", limit: 2)
        try await s.store.acknowledgeOutboxEvents(consumer: "neo4j", through: firstTwo[1].id)
        #expect(try await s.store.pendingOutboxEvents(consumer: "neo4j", limit: 100).map(\.leadId) == ["L3", "L4", "L5"])
        // Acknowledging an older id never moves the cursor back.
        try await s.store.acknowledgeOutboxEvents(consumer: "neo4j", through: firstTwo[0].id)
        #expect(try await s.store.pendingOutboxEvents(consumer: "neo4j", limit: 100).count == 3)
        #expect(try await s.store.pendingOutboxEvents(consumer: "webhooks", limit: 100).count == 5)
        try await s.store.acknowledgeOutboxEvents(consumer: "neo4j", through: events.last!.id)
        #expect(try await s.store.pendingOutboxEvents(consumer: "neo4j", limit: 100).isEmpty)
    }

    /// A new lead's program calls write the same rows as one statement each and inside an explicit transaction: a
    /// routed lead and an unroutable one committed both ways compare equal apart from ids and lead ids.
    static func oneStatementCommitMatchesTheTransaction(_ s: StoreUnderTest) async throws {
        try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 10), AgentCapacity(agentId: "A2", capacity: 10)])
        func commit(_ store: any LeadStore, _ leadId: String, agents: [String]) async throws -> CommitOutcome {
            var commit = TestNetwork.commit("L", agents: agents, at: 4_242)
            commit.leadId = leadId
            commit.decision.leadId = leadId
            return try await store.commit(commit)
        }
        for agents in [["A1", "A2"], []] {
            let tag = agents.isEmpty ? "unroutable" : "routed"
            let fast = try await commit(s.store, "fast-\(tag)", agents: agents)
            let general = try await commit(s.general, "general-\(tag)", agents: agents)
            #expect(fast.disposition == .committed)
            func sameLead(_ decision: RoutingDecision) -> RoutingDecision {
                var decision = decision
                decision.leadId = "L"
                return decision
            }
            #expect(sameLead(fast.decision) == sameLead(general.decision))
            #expect(
                fast.assignment.map { [$0.agentId, $0.path, $0.policy, $0.graphVersion, $0.state.rawValue] }
                    == general.assignment.map { [$0.agentId, $0.path, $0.policy, $0.graphVersion, $0.state.rawValue] }
            )
            #expect(fast.assignment?.score == general.assignment?.score)
            let fastRecord = try #require(try await s.store.lead("fast-\(tag)"))
            let generalRecord = try #require(try await s.store.lead("general-\(tag)"))
            #expect(fastRecord.assignments == fast.assignment.map { [$0] } ?? [])
            #expect(fastRecord.status == generalRecord.status)
            #expect(sameLead(fastRecord.decision) == sameLead(generalRecord.decision))
            #expect(fastRecord.payload == generalRecord.payload)
            #expect(fastRecord.receivedAtMillis == generalRecord.receivedAtMillis)
            func audit(_ record: LeadRecord) -> [String] {
                record.audit.map {
                    "\($0.assignmentId == nil) \($0.agentId ?? "-") \($0.action) \($0.fromState ?? "-") \($0.toState ?? "-") \($0.atMillis) \($0.detail)"
                }
            }
            #expect(audit(fastRecord) == audit(generalRecord))
            #expect(fastRecord.audit.compactMap(\.assignmentId) == fastRecord.assignments.map(\.id))
            let columns = "kind, agent_id, score, occurred_at_ms, payload"
            let fastEvent = try await s.sql("SELECT \(columns) FROM outbox WHERE lead_id = 'fast-\(tag)'").map(\.values)
            let generalEvent = try await s.sql("SELECT \(columns) FROM outbox WHERE lead_id = 'general-\(tag)'").map(\.values)
            #expect(fastEvent.count == 1)
            var expected = generalEvent
            if let fastId = fast.assignment?.id, let generalId = general.assignment?.id, !expected.isEmpty,
                case .text(let text) = expected[0][4]
            {
                expected[0][4] = .text(text.replacingOccurrences(of: "\"assignmentId\":\(generalId),", with: "\"assignmentId\":\(fastId),"))
            }
            #expect(fastEvent == expected)
        }
        #expect(try await s.store.agentLoads().first { $0.agentId == "A1" }?.open == 2)
        #expect(try await s.violations() == [])
    }

    /// Many tasks, several routers with their own (stale) view of load, small capacities, every lead also retried
    /// concurrently: then the SQL invariants.
    static func concurrentCommitsHoldTheInvariants(_ s: StoreUnderTest) async throws {
        let agents = 12
        let capacity = 3
        let router = try TestNetwork.router(agents: agents, capacity: capacity)
        let routers = (0..<4).map { _ in LeadLifecycle(router: router, store: s.store, configuration: .init(rankingDepth: 4)) }
        for lifecycle in routers { try await lifecycle.start() }
        let leads = 120
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                let lifecycle = routers[task % routers.count]
                group.addTask {
                    // Tasks overlap: every lead is committed by two tasks on different routers.
                    for i in stride(from: task % 4, to: leads, by: 4) {
                        _ = try await lifecycle.route(TestNetwork.lead("L\(i)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await s.count("leads") == leads)
        #expect(try await s.violations() == [])
        let routed = Int(try await s.sql("SELECT count(*) FROM leads WHERE status = 'routed'").first?.int(0) ?? -1)
        #expect(routed <= agents * capacity)
        // Whatever a shallow ranking missed under contention is picked up by a retry.
        _ = try await routers[0].retryUnroutable()
        let after = Int(try await s.sql("SELECT count(*) FROM leads WHERE status = 'routed'").first?.int(0) ?? -1)
        #expect(after == agents * capacity)
        #expect(try await s.violations() == [])
    }
}

@Suite("Lead store conformance: SQLite")
struct SQLiteLeadStoreConformanceTests {
    let backend = Backend.sqlite
    @Test func migrationsAreIdempotent() async throws { try await self.backend.with(Conformance.migrationsAreIdempotent) }
    @Test func newerSchemaIsRefused() async throws { try await self.backend.with(Conformance.newerSchemaIsRefused) }
    @Test func retryReturnsTheFirstDecision() async throws { try await self.backend.with(Conformance.retryReturnsTheFirstDecision) }
    @Test func conflictWritesNothing() async throws { try await self.backend.with(Conformance.conflictWritesNothing) }
    @Test func anotherNormalisationIsAConflict() async throws { try await self.backend.with(Conformance.anotherNormalisationIsAConflict) }
    @Test func fullAgentFallsDownTheRanking() async throws { try await self.backend.with(Conformance.fullAgentFallsDownTheRanking) }
    @Test func pausedAndUnknownAgentsAreRefused() async throws { try await self.backend.with(Conformance.pausedAndUnknownAgentsAreRefused) }
    @Test func version2DatabaseMigrates() async throws { try await self.backend.with(migrate: false, Conformance.version2DatabaseMigrates) }
    @Test func unroutableIsKeptAndRetried() async throws { try await self.backend.with(Conformance.unroutableIsKeptAndRetried) }
    @Test func lifecycleAcceptAndClose() async throws { try await self.backend.with(Conformance.lifecycleAcceptAndClose) }
    @Test func declineReroutesWithoutTheDecliner() async throws { try await self.backend.with(Conformance.declineReroutesWithoutTheDecliner) }
    @Test func offersExpireAfterTheSLA() async throws { try await self.backend.with(Conformance.offersExpireAfterTheSLA) }
    @Test func invalidTransitionsAreRejected() async throws { try await self.backend.with(Conformance.invalidTransitionsAreRejected) }
    @Test func outboxIsPerConsumer() async throws { try await self.backend.with(Conformance.outboxIsPerConsumer) }
    @Test func concurrentCommitsHoldTheInvariants() async throws { try await self.backend.with(Conformance.concurrentCommitsHoldTheInvariants) }
    @Test func oneStatementCommitMatchesTheTransaction() async throws {
        try await self.backend.with(Conformance.oneStatementCommitMatchesTheTransaction)
    }
}

@Suite(
    "Lead store conformance: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresLeadStoreConformanceTests {
    let backend = Backend.postgres
    @Test func migrationsAreIdempotent() async throws { try await self.backend.with(Conformance.migrationsAreIdempotent) }
    @Test func newerSchemaIsRefused() async throws { try await self.backend.with(Conformance.newerSchemaIsRefused) }
    @Test func retryReturnsTheFirstDecision() async throws { try await self.backend.with(Conformance.retryReturnsTheFirstDecision) }
    @Test func conflictWritesNothing() async throws { try await self.backend.with(Conformance.conflictWritesNothing) }
    @Test func anotherNormalisationIsAConflict() async throws { try await self.backend.with(Conformance.anotherNormalisationIsAConflict) }
    @Test func fullAgentFallsDownTheRanking() async throws { try await self.backend.with(Conformance.fullAgentFallsDownTheRanking) }
    @Test func pausedAndUnknownAgentsAreRefused() async throws { try await self.backend.with(Conformance.pausedAndUnknownAgentsAreRefused) }
    @Test func version2DatabaseMigrates() async throws { try await self.backend.with(migrate: false, Conformance.version2DatabaseMigrates) }
    @Test func unroutableIsKeptAndRetried() async throws { try await self.backend.with(Conformance.unroutableIsKeptAndRetried) }
    @Test func lifecycleAcceptAndClose() async throws { try await self.backend.with(Conformance.lifecycleAcceptAndClose) }
    @Test func declineReroutesWithoutTheDecliner() async throws { try await self.backend.with(Conformance.declineReroutesWithoutTheDecliner) }
    @Test func offersExpireAfterTheSLA() async throws { try await self.backend.with(Conformance.offersExpireAfterTheSLA) }
    @Test func invalidTransitionsAreRejected() async throws { try await self.backend.with(Conformance.invalidTransitionsAreRejected) }
    @Test func outboxIsPerConsumer() async throws { try await self.backend.with(Conformance.outboxIsPerConsumer) }
    @Test func concurrentCommitsHoldTheInvariants() async throws { try await self.backend.with(Conformance.concurrentCommitsHoldTheInvariants) }
    @Test func oneStatementCommitMatchesTheTransaction() async throws {
        try await self.backend.with(Conformance.oneStatementCommitMatchesTheTransaction)
    }
}
