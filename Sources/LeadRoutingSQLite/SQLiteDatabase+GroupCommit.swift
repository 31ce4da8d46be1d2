import LeadRoutingCore
public import LeadRoutingSQL
import SQLiteNIO
import Synchronization

extension SQLiteDatabase {
    /// Runs one statement on its own: committed when this returns, or not at all when it throws.
    ///
    /// Group commit: statements that arrive while another holds the connection queue up, and whoever gets the
    /// connection next runs every queued statement in one transaction (`BEGIN IMMEDIATE` … `COMMIT`), each with its
    /// own result. One transaction writes the pages they share to the write-ahead log once instead of once per
    /// statement. A statement the decision-commit program declines (`RAISE(ABORT)`) backs out that statement only,
    /// so the others in the group are unaffected. Any other error rolls the whole group back, and every statement of
    /// the group is then run on its own, as without grouping, so each caller gets exactly its own statement's
    /// outcome.
    public func autocommit(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let statement = QueuedStatement(sql: sql, binds: binds)
        if self.groupsCommits { self.queued.withLock { $0.append(statement) } }
        return try await self.lock.withLock {
            // Run by an earlier caller's group while this one waited for the connection.
            if let result = statement.result { return try result.get() }
            let group =
                self.groupsCommits
                ? self.queued.withLock { queue in
                    defer { queue.removeAll() }
                    return queue
                } : [statement]
            await self.run(group)
            guard let result = statement.result else { throw LeadStoreError(.corrupt, "a grouped statement was not run") }
            return try result.get()
        }
    }

    /// Statements committed in groups of more than one, those groups, and the groups run again one statement at a
    /// time after an error: what the group commit did (for tests and benchmarks).
    public var groupCommitStatistics: GroupCommitStatistics { self.grouping.withLock { $0 } }

    /// Runs `group` (the caller holds the lock) and sets every statement's result.
    private func run(_ group: [QueuedStatement]) async {
        if group.count > 1 {
            if await self.runTogether(group) {
                self.grouping.withLock {
                    $0.groupedStatements += group.count
                    $0.groups += 1
                }
                return
            }
            self.grouping.withLock { $0.groupsRunOneByOne += 1 }
        }
        for statement in group {
            statement.result = await Result { () async throws -> [SQLRow] in
                // A statement that met a busy database never started: running it again is safe.
                try await self.retryingWhileBusy { try await self.run(statement.sql, statement.binds) }
            }
        }
    }

    /// One transaction for the whole group; false (with nothing written) when something other than a declined
    /// statement failed, for the caller to run the statements one by one.
    private func runTogether(_ group: [QueuedStatement]) async -> Bool {
        do {
            try await self.retryingWhileBusy { _ = try await self.run("BEGIN IMMEDIATE", []) }
        } catch {
            return false
        }
        var results: [Result<[SQLRow], any Error>] = []
        for statement in group {
            do {
                results.append(.success(try await self.run(statement.sql, statement.binds)))
            } catch let declined as SQLStatementDeclined {
                results.append(.failure(declined))
            } catch {
                _ = try? await self.run("ROLLBACK", [])
                return false
            }
        }
        do {
            _ = try await self.run("COMMIT", [])
        } catch {
            _ = try? await self.run("ROLLBACK", [])
            return false
        }
        for (statement, result) in zip(group, results) { statement.result = result }
        return true
    }
}

/// What SQLite's group commit did (see ``SQLiteDatabase/groupCommitStatistics``).
public struct GroupCommitStatistics: Sendable, Hashable {
    public var groupedStatements = 0
    public var groups = 0
    public var groupsRunOneByOne = 0

    public init() {}
}

/// A statement waiting for the connection, and its result once run. Written and read only under the database's
/// lock.
final class QueuedStatement: @unchecked Sendable {
    let sql: String
    let binds: [SQLValue]
    var result: Result<[SQLRow], any Error>?

    init(sql: String, binds: [SQLValue]) {
        self.sql = sql
        self.binds = binds
    }
}

extension Result where Failure == any Error {
    /// The outcome of an async throwing body.
    init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
