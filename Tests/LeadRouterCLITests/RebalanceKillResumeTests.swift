import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

/// A real `leadrouter rebalance apply` process SIGKILLed mid-plan: `store verify` holds after the kill, and running
/// apply again ends in the state one uninterrupted run leaves (compared row by row, times left out: each process
/// stamps its own).
@Suite struct RebalanceKillResumeTests {
    static let moves = 300

    /// A store where A0001…A0300 (capacity 2) each hold one offered lead and B0001…B0300 (capacity 1) are empty; the
    /// plan moves lead i from A i to B i, one transaction per move.
    static func seed(_ path: String) async throws {
        let store = try await SQLiteLeadStore.openSQLite(path: path)
        try await store.migrate()
        let ids = (1...Self.moves).map { String(format: "%04d", $0) }
        try await store.upsertAgents(ids.flatMap { [AgentCapacity(agentId: "A\($0)", capacity: 2), AgentCapacity(agentId: "B\($0)", capacity: 1)] })
        for id in ids {
            let lead = Lead(id: "L\(id)", territoryId: "T1")
            let candidate = CandidateExplanation(agentId: "A\(id)", score: 0.5, features: FeatureScores(), path: [])
            let decision = RoutingDecision(
                leadId: lead.id,
                status: .routed,
                agentId: candidate.agentId,
                score: 0.5,
                candidates: [candidate],
                policy: "p",
                graphVersion: "g",
                rule: .bestScore,
                eligibleCount: 1
            )
            let json = lead.canonicalJSON()
            _ = try await store.commit(
                DecisionCommit(leadId: lead.id, payload: json, canonicalPayload: json, decision: decision, ranking: [candidate], atMillis: 1_000)
            )
        }
        try await store.shutdown()
    }

    static func plan() -> RebalancePlan {
        let empty = LoadSummary(totalScore: 0, unassigned: 0, loads: [0], capacities: [1])
        return RebalancePlan(
            planId: "rb-killtest",
            graphVersion: "g",
            policyVersion: "p",
            watermark: 2_000,
            scope: .open,
            objective: 0,
            moves: (1...Self.moves).map {
                let id = String(format: "%04d", $0)
                return RebalanceMove(
                    leadId: "L\(id)",
                    fromAgentId: "A\(id)",
                    toAgentId: "B\(id)",
                    scoreBefore: 0.5,
                    scoreAfter: 0.6,
                    reason: .openOffer
                )
            },
            unplaced: [],
            summary: RebalanceSummary(before: empty, after: empty, topShadowPrices: [], topTerritoryShadowPrices: [])
        )
    }

    /// The store's rows, ids and times left out.
    static func snapshot(_ path: String) async throws -> [[SQLValue]] {
        let store = try await SQLiteLeadStore.openSQLite(path: path, configuration: .init(readOnly: true))
        var rows: [[SQLValue]] = []
        do {
            for sql in [
                "SELECT lead_id, status, decision FROM leads ORDER BY lead_id",
                "SELECT lead_id, agent_id, state FROM assignments ORDER BY lead_id, assignment_id",
                "SELECT agent_id, open_count, assigned FROM agent_load ORDER BY agent_id",
                "SELECT lead_id, agent_id, action, from_state, to_state, detail FROM audit_log ORDER BY lead_id, audit_id",
                "SELECT kind, lead_id, agent_id FROM outbox ORDER BY lead_id, event_id",
                "SELECT plan_id, lead_id, from_agent_id, to_agent_id, outcome, reason FROM rebalance_moves ORDER BY lead_id",
            ] {
                rows += try await store.database.read { try await $0.query(sql, []) }.map(\.values)
                rows.append([.text("--")])
            }
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
        return rows
    }

    /// Moves recorded so far, or nil while the store cannot be read.
    static func recorded(_ path: String) async -> Int? {
        guard let store = try? await SQLiteLeadStore.openSQLite(path: path, configuration: .init(busyTimeoutMillis: 0, readOnly: true)) else {
            return nil
        }
        let count = try? await store.rebalanceMoveRecords(planId: "rb-killtest").count
        try? await store.shutdown()
        return count
    }

    @Test func aKilledApplyResumesToTheStateOfOneUninterruptedRun() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-rebalance-kill")
        defer { try? FileManager.default.removeItem(at: directory) }
        let killed = directory.appendingPathComponent("killed.sqlite").path
        let whole = directory.appendingPathComponent("whole.sqlite").path
        try await Self.seed(killed)
        try await Self.seed(whole)
        let planPath = directory.appendingPathComponent("plan.json").path
        try Data(try StableJSON.bytes(Self.plan(), pretty: true)).write(to: URL(fileURLWithPath: planPath))

        let uninterrupted = try CLIProcess.run(["rebalance", "apply", planPath, "--store", "sqlite:" + whole, "--batch-size", "1", "--json"])
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let expected = try JSONDecoder().decode(RebalanceApplyReport.self, from: Data(uninterrupted.stdout.utf8))
        #expect(expected.applied.count == Self.moves)

        // Start the same apply and SIGKILL it once its first moves are committed.
        let process = CLIProcess.process(["rebalance", "apply", planPath, "--store", "sqlite:" + killed, "--batch-size", "1", "--json"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(120)
        while process.isRunning, ContinuousClock.now < deadline, (await Self.recorded(killed) ?? 0) == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, "the apply was killed, not finished")
        let done = try #require(await Self.recorded(killed))
        #expect(done > 0 && done < Self.moves, "killed mid-plan: \(done) of \(Self.moves) moves recorded")

        let verify = try CLIProcess.run(["store", "verify", "--store", "sqlite:" + killed])
        #expect(verify.status == 0, "store verify after the kill: \(verify.stdout)\(verify.stderr)")

        let resumed = try CLIProcess.run(["rebalance", "apply", planPath, "--store", "sqlite:" + killed, "--batch-size", "1", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = try JSONDecoder().decode(RebalanceApplyReport.self, from: Data(resumed.stdout.utf8))
        #expect(report.alreadyApplied.count == done)
        #expect(Set((report.applied + report.alreadyApplied).map(\.leadId)) == Set(expected.applied.map(\.leadId)))
        #expect(try await Self.snapshot(killed) == Self.snapshot(whole))
        #expect(try CLIProcess.run(["store", "verify", "--store", "sqlite:" + killed]).status == 0)
    }

    @Test func applyParsesItsOptions() throws {
        let parsed = try LeadRouterCommand.parseAsRoot([
            "rebalance", "apply", "plan.json", "--store", "sqlite::memory:", "--dry-run", "--json", "--batch-size", "7",
        ])
        let command = try #require(parsed as? RebalanceApplyCommand)
        #expect(command.planFile == "plan.json" && command.dryRun && command.json && command.batchSize == 7)
        let defaults = try #require(
            try LeadRouterCommand.parseAsRoot(["rebalance", "apply", "p.json", "--store", "sqlite::memory:"]) as? RebalanceApplyCommand
        )
        #expect(defaults.batchSize == 100 && !defaults.dryRun && !defaults.json)
        for arguments in [
            ["rebalance", "apply", "p.json", "--store", "sqlite::memory:", "--batch-size", "0"],
            ["rebalance", "apply", "--store", "sqlite::memory:"],
        ] {
            #expect(throws: (any Error).self) { _ = try LeadRouterCommand.parseAsRoot(arguments) }
        }
    }
}
