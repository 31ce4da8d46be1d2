import Foundation
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import Synchronization
import Testing

/// Postgres's group commit: calls of the decision-commit program that queue up while another is in flight go to
/// the server as one statement, each with exactly the outcome it would have had on its own.
@Suite(
    "Postgres group commit",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresGroupCommitTests {
    /// A fresh, migrated store in a new schema of the test database, with the given group commit settings.
    static func withStore(
        groupCommit: Bool = true,
        concurrentGroups: Int = 1,
        fault: PostgresGroupCommitFault? = nil,
        _ body: @Sendable (PostgresLeadStore) async throws -> Void
    ) async throws {
        guard let url = Backend.postgresURL, case .postgres(let settings) = try LeadStoreURL(parsing: url) else {
            throw LeadStoreError(.invalidURL, "POSTGRES_URL is not a postgres:// URL")
        }
        let schema = "g_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        var configuration = PostgresDatabase.Configuration(schema: String(schema), groupCommit: groupCommit)
        configuration.groupCommitFault = fault
        configuration.concurrentCommitGroups = concurrentGroups
        try await withPostgresLeadStore(settings, configuration: configuration) { store in
            _ = try await store.database.read { try await $0.query("CREATE SCHEMA \(schema)", []) }
            do {
                try await store.migrate()
                try await body(store)
            } catch {
                _ = try? await store.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
                throw error
            }
            _ = try await store.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
        }
    }

    static func count(_ store: PostgresLeadStore, _ sql: String) async throws -> Int {
        Int(try await store.database.read { try await $0.query(sql, []) }.first?.int(0) ?? -1)
    }

    /// One line per outcome, for comparing a whole scenario at once.
    static func describe(_ result: Result<CommitOutcome, any Error>) -> String {
        switch result {
        case .success(let outcome):
            let refused = outcome.refused.map { "\($0.agentId):\($0.reason.rawValue)" }.joined(separator: ",")
            return "\(outcome.disposition.rawValue) \(outcome.decision.agentId ?? "unroutable") refused[\(refused)]"
        case .failure(let error):
            return "error \(type(of: error))"
        }
    }

    /// Commits `commits` so that they reach the database as one group, in this order: a transaction on another
    /// connection locks agent `blockerAgent`'s load row, a first commit to that agent takes the only lane and
    /// waits for the lock, the others queue up one after another behind it, then the lock is released. Returns
    /// each lead's outcome (by lead id).
    static func commitAsOneGroup(
        _ commits: [DecisionCommit],
        blockerAgent: String,
        store: PostgresLeadStore
    ) async throws -> [String: String] {
        let database = store.database
        let locked = Shared(false)
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        return try await withThrowingTaskGroup(of: (String, String)?.self) { group in
            group.addTask {
                try await database.transaction { connection in
                    try await connection.query("SELECT 1 FROM agent_load WHERE agent_id = $1 FOR UPDATE", [.text(blockerAgent)])
                    locked.value.withLock { $0 = true }
                    for await _ in release { break }
                }
                return nil
            }
            try await Self.poll("the blocking lock") { locked.value.withLock { $0 } }
            group.addTask {
                _ = try await store.commit(TestNetwork.commit("blocked", agents: [blockerAgent]))
                return nil
            }
            try await Self.poll("the blocked commit to take the lane") { database.decisionCommitsInFlight == 1 }
            for (index, commit) in commits.enumerated() {
                group.addTask {
                    do {
                        return (commit.leadId, Self.describe(.success(try await store.commit(commit))))
                    } catch {
                        return (commit.leadId, Self.describe(.failure(error)))
                    }
                }
                try await Self.poll("commit \(index + 1) to queue up") { database.queuedDecisionCommits == index + 1 }
            }
            releaseContinuation.finish()
            var outcomes: [String: String] = [:]
            for try await outcome in group {
                if let (leadId, description) = outcome { outcomes[leadId] = description }
            }
            return outcomes
        }
    }

    /// Waits (up to 10 s) until `condition` holds.
    static func poll(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<2000 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw LeadStoreError(.unavailable, "timed out waiting for \(what)")
    }

    /// Three calls for one agent with room for two, in one group: the later calls see the earlier reservations,
    /// so the first two arrivals get the agent and the third is refused (and recorded unroutable).
    static func orderScenario(fault: PostgresGroupCommitFault?) async throws -> [String: String] {
        let outcomes = Shared<[String: String]>([:])
        try await Self.withStore(fault: fault) { store in
            try await store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 2), AgentCapacity(agentId: "A9", capacity: 5)])
            let result = try await Self.commitAsOneGroup(
                ["first", "second", "third"].map { TestNetwork.commit($0, agents: ["A1"]) },
                blockerAgent: "A9",
                store: store
            )
            let statistics = store.database.groupCommitStatistics
            var state = try await Self.state(store)
            state["a group of three"] = "\(statistics.groups >= 1 && statistics.groupedStatements >= 3)"
            // The grouped calls wrote the score exactly (it travelled as text in the JSON parameter).
            let scores = try await store.database.read { try await $0.query("SELECT DISTINCT score FROM assignments", []) }
            state["scores"] = try scores.map { "\(try $0.double(0))" }.joined(separator: ",")
            outcomes.value.withLock { $0 = result.merging(state) { $1 } }
        }
        return outcomes.value.withLock { $0 }
    }

    static let orderExpected = [
        "first": "committed A1 refused[]",
        "second": "committed A1 refused[]",
        "third": "committed unroutable refused[A1:at_capacity]",
        "leads": "4", "received": "4", "over capacity": "0", "violations": "",
        "a group of three": "true", "scores": "0.9",
    ]

    /// Rows and invariants after a scenario, to compare with the outcomes.
    static func state(_ store: PostgresLeadStore) async throws -> [String: String] {
        [
            "leads": "\(try await Self.count(store, "SELECT count(*) FROM leads"))",
            "received": "\(try await Self.count(store, "SELECT count(*) FROM audit_log WHERE action = 'received'"))",
            "over capacity": "\(try await Self.count(store, "SELECT count(*) FROM agent_load WHERE open_count > capacity"))",
            "violations": try await store.checkInvariants().filter { $0.violations != 0 }.map(\.name).joined(separator: ","),
        ]
    }

    @Test func laterCallsInAGroupSeeEarlierReservations() async throws {
        #expect(try await Self.orderScenario(fault: nil) == Self.orderExpected)
    }

    /// The check above fails when a group runs its calls out of arrival order.
    @Test func reorderedGroupsAreCaught() async throws {
        #expect(try await Self.orderScenario(fault: .reversedOrder) != Self.orderExpected)
    }

    /// A group with a refused candidate, a lead recorded already (the program raises: the group's statement fails)
    /// and an ordinary commit: after the error every call runs again on its own, and each caller gets its own
    /// outcome.
    static func errorScenario(fault: PostgresGroupCommitFault?) async throws -> [String: String] {
        let outcomes = Shared<[String: String]>([:])
        try await Self.withStore(fault: fault) { store in
            try await store.upsertAgents([
                AgentCapacity(agentId: "A1", capacity: 1), AgentCapacity(agentId: "A2", capacity: 5),
                AgentCapacity(agentId: "A9", capacity: 5),
            ])
            _ = try await store.commit(TestNetwork.commit("filler", agents: ["A1"]))
            _ = try await store.commit(TestNetwork.commit("dup", agents: ["A2"]))
            let result = try await Self.commitAsOneGroup(
                [
                    TestNetwork.commit("refused", agents: ["A1"]), TestNetwork.commit("dup", agents: ["A2"]),
                    TestNetwork.commit("fine", agents: ["A2"]),
                ],
                blockerAgent: "A9",
                store: store
            )
            var state = try await Self.state(store)
            state["run one by one"] = "\(store.database.groupCommitStatistics.groupsRunOneByOne >= 1)"
            outcomes.value.withLock { $0 = result.merging(state) { $1 } }
        }
        return outcomes.value.withLock { $0 }
    }

    static let errorExpected = [
        "refused": "committed unroutable refused[A1:at_capacity]",
        "dup": "replayed A2 refused[]",
        "fine": "committed A2 refused[]",
        "leads": "5", "received": "5", "over capacity": "0", "violations": "", "run one by one": "true",
    ]

    @Test func anErrorInAGroupGivesEachCallerItsOwnOutcome() async throws {
        #expect(try await Self.errorScenario(fault: nil) == Self.errorExpected)
    }

    /// The check above fails when the calls of a failed group are not run again on their own.
    @Test func droppingTheRunAloneIsCaught() async throws {
        #expect(try await Self.errorScenario(fault: .noRunAloneAfterError) != Self.errorExpected)
    }

    /// Many concurrent commits: every lead committed exactly once (a second commit of each is a replay), no agent
    /// over capacity, every invariant holds, and groups of more than one really formed. With several groups in
    /// flight, they take agents' rows in the same order and finish (a deadlock would cost a second and a retry).
    @Test(arguments: [1, 3]) func concurrentCommitsAreGroupedAndExact(concurrentGroups: Int) async throws {
        try await Self.withStore(concurrentGroups: concurrentGroups) { store in
            let agents = (1...10).map { "A\($0)" }
            let capacity = 30
            try await store.upsertAgents(agents.map { AgentCapacity(agentId: $0, capacity: capacity) })
            let leads = 400
            let tasks = 16
            let dispositions = try await withThrowingTaskGroup(of: [String: [String]].self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var seen: [String: [String]] = [:]
                        // Each lead is committed by two tasks: its own and the next one, later.
                        for round in 0..<2 {
                            let owner = (task + tasks - round) % tasks
                            for i in stride(from: owner, to: leads, by: tasks) {
                                let ranking = agents.indices.map { agents[(i + $0) % agents.count] }
                                let outcome = try await store.commit(TestNetwork.commit("L\(i)", agents: ranking, at: Int64(1_000 + i)))
                                seen["L\(i)", default: []].append(outcome.disposition.rawValue)
                            }
                        }
                        return seen
                    }
                }
                var all: [String: [String]] = [:]
                for try await part in group { all.merge(part) { $0 + $1 } }
                return all
            }
            #expect(dispositions.count == leads)
            #expect(dispositions.values.allSatisfy { $0.sorted() == ["committed", "replayed"] })
            #expect(try await Self.count(store, "SELECT count(*) FROM leads") == leads)
            #expect(try await Self.count(store, "SELECT count(*) FROM audit_log WHERE action = 'received'") == leads)
            #expect(try await Self.count(store, "SELECT count(*) FROM agent_load WHERE open_count > capacity") == 0)
            #expect(try await Self.count(store, "SELECT count(*) FROM leads WHERE status = 'routed'") == agents.count * capacity)
            #expect(
                try await Self.count(
                    store,
                    "SELECT count(*) FROM (SELECT agent_id FROM assignments GROUP BY agent_id HAVING count(*) > \(capacity)) o"
                ) == 0
            )
            #expect(try await store.checkInvariants().filter { $0.violations != 0 }.map(\.name) == [])
            let statistics = store.database.groupCommitStatistics
            #expect(statistics.groups > 0 && statistics.groupedStatements > statistics.groups, "no groups formed: \(statistics)")
        }
    }

    /// Switched off, nothing is grouped and the outcomes are the same.
    @Test func withoutGroupingTheOutcomesAreTheSame() async throws {
        try await Self.withStore(groupCommit: false) { store in
            try await store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 2)])
            let outcomes = try await withThrowingTaskGroup(of: CommitOutcome.self) { group in
                for i in 0..<12 { group.addTask { try await store.commit(TestNetwork.commit("L\(i)", agents: ["A1"])) } }
                var all: [CommitOutcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0.decision.agentId == "A1" }.count == 2)
            #expect(store.database.groupCommitStatistics == GroupCommitStatistics())
        }
    }

    /// The grouped statement's parameter: every value a JSON string or null, text escaped.
    @Test func theGroupArgumentIsJSONWithExactValues() throws {
        let argument = DecisionCommitGroup.postgresArgument([
            [.text("a\"b\\c\nd\u{1}é"), .null, .int(-42), .double(0.1 + 0.2)], [.text("")],
        ])
        #expect(argument == #"[["a\"b\\c\nd\u0001é",null,"-42","0.30000000000000004"],[""]]"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(argument.utf8)) as? [[Any]]
        #expect(decoded?.first?.first as? String == "a\"b\\c\nd\u{1}é")
    }
}

/// A value shared between tasks.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }
}
