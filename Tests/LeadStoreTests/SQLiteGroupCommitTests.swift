import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingTestSupport
import Testing

/// SQLite's group commit: statements that queue up for the connection run in one transaction, each with exactly the
/// outcome it would have had on its own.
@Suite struct SQLiteGroupCommitTests {
    /// A fresh database file with a table whose trigger declines negative values the way the decision-commit
    /// program declines (`RAISE(ABORT)` with its marker).
    static func withTable(groupCommit: Bool = true, _ body: (SQLiteDatabase) async throws -> Void) async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-group-commit")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try await SQLiteDatabase.open(
            path: directory.appendingPathComponent("t.sqlite").path,
            configuration: .init(groupCommit: groupCommit)
        )
        _ = try await database.autocommit("CREATE TABLE t (x INTEGER NOT NULL)", [])
        _ = try await database.autocommit(
            """
            CREATE TRIGGER t_declines BEFORE INSERT ON t WHEN NEW.x < 0
            BEGIN SELECT RAISE(ABORT, 'leadrouter: commit declined: lead_exists'); END
            """,
            []
        )
        do {
            try await body(database)
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
    }

    /// Inserts `values` (into `table`, or `missing_table` for the value `intoMissingTable`) from concurrent tasks
    /// that queue up behind a transaction holding the connection, so that they run as one group; per value,
    /// whether its insert returned or what it threw.
    static func insertConcurrently(
        _ values: [Int],
        into database: SQLiteDatabase,
        intoMissingTable: Int? = nil
    ) async throws -> [Int: Result<Void, any Error>] {
        try await withThrowingTaskGroup(of: (Int, Result<Void, any Error>)?.self) { group in
            group.addTask {
                try await database.transaction { _ in try await Task.sleep(for: .milliseconds(300)) }
                return nil
            }
            try await Task.sleep(for: .milliseconds(50))
            for value in values {
                group.addTask {
                    let table = value == intoMissingTable ? "missing_table" : "t"
                    do {
                        _ = try await database.autocommit("INSERT INTO \(table) (x) VALUES ($1)", [.int(Int64(value))])
                        return (value, .success(()))
                    } catch {
                        return (value, .failure(error))
                    }
                }
            }
            var outcomes: [Int: Result<Void, any Error>] = [:]
            for try await outcome in group {
                if let (value, result) = outcome { outcomes[value] = result }
            }
            return outcomes
        }
    }

    static func stored(_ database: SQLiteDatabase) async throws -> [Int] {
        try await database.read { try await $0.query("SELECT x FROM t ORDER BY x", []) }.map { Int(try $0.int(0)) }
    }

    @Test func aDeclinedStatementLeavesTheRestOfItsGroup() async throws {
        try await Self.withTable { database in
            let values = Array(-20...60)
            let outcomes = try await Self.insertConcurrently(values, into: database)
            for value in values {
                switch outcomes[value] {
                case .success: #expect(value >= 0, "\(value) was accepted")
                case .failure(let error): #expect(value < 0 && error is SQLStatementDeclined, "\(value): \(error)")
                case nil: Issue.record("no outcome for \(value)")
                }
            }
            let stored = try await Self.stored(database)
            #expect(stored == Array(0...60))
            let statistics = database.groupCommitStatistics
            #expect(statistics.groups >= 1 && statistics.groupedStatements == values.count, "\(statistics)")
            #expect(statistics.groupsRunOneByOne == 0)
        }
    }

    /// A failure that is not a decline (here a statement SQLite cannot prepare) rolls the group back and every
    /// statement of it runs again on its own: the others still commit, once each.
    @Test func anotherErrorRunsTheGroupOneByOne() async throws {
        try await Self.withTable { database in
            let outcomes = try await Self.insertConcurrently(Array(0..<40), into: database, intoMissingTable: 17)
            #expect(outcomes.filter { (try? $0.value.get()) == nil }.map(\.key) == [17])
            let stored = try await Self.stored(database)
            #expect(stored == Array(0..<40).filter { $0 != 17 })
            let statistics = database.groupCommitStatistics
            #expect(statistics.groupsRunOneByOne == 1 && statistics.groups == 0, "\(statistics)")
        }
    }

    /// Switched off, every statement is its own transaction and the outcomes are the same.
    @Test func withoutGroupingTheOutcomesAreTheSame() async throws {
        try await Self.withTable(groupCommit: false) { database in
            let outcomes = try await Self.insertConcurrently(Array(-5...30), into: database)
            #expect(outcomes.filter { (try? $0.value.get()) == nil }.keys.sorted() == Array(-5...(-1)))
            let stored = try await Self.stored(database)
            #expect(stored == Array(0...30))
            #expect(database.groupCommitStatistics == GroupCommitStatistics())
        }
    }

    /// The store's concurrent commits (capacity running out, every lead committed twice) go through groups and keep
    /// every invariant.
    @Test func concurrentDecisionCommitsAreGroupedAndKeepTheInvariants() async throws {
        try await Backend.sqlite.with { s in
            try await Conformance.concurrentCommitsHoldTheInvariants(s)
            let database = try #require((s.store as? SQLiteLeadStore)?.database)
            let statistics = database.groupCommitStatistics
            #expect(statistics.groups > 0, "no decision commits were grouped")
        }
    }
}
