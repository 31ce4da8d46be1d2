import LeadRoutingCore
public import LeadRoutingSQL
import PostgresNIO
import Synchronization

extension PostgresDatabase: GroupCommitReporting {
    /// Group commit of the decision-commit program (``DecisionCommitGroup/postgresCallStatement``; every other
    /// statement runs alone, as ``autocommit(_:_:)`` always did).
    ///
    /// At most ``Configuration/concurrentCommitGroups`` statements calling the program are in flight at once.
    /// Calls that arrive while they are queue up; when a group's statement returns, the lane passes to the first
    /// queued call, which sends every call queued by then (up to ``DecisionCommitGroup/maximumEntries``, in order of
    /// arrival) as one statement (``DecisionCommitGroup/postgresStatement``): one transaction, one round trip, one
    /// WAL flush for the group, each call with its own result. Nothing waits for company: a call finding a lane free
    /// runs at once, alone, exactly as without grouping.
    ///
    /// A refusal is a result code, not an error, so it never affects the rest of the group. Any error (a lead
    /// recorded already, a unique violation, a serialization failure, a lost connection) rolls the whole group's
    /// statement back, and every call of the group then runs again on its own (with the usual retry of transient
    /// conflicts), so each caller gets exactly its own statement's outcome.
    ///
    /// A queued call has no deadline of its own while it waits: it waits for the groups ahead of it, each of which
    /// has one (``Configuration/operationTimeout``).
    func autocommitGrouping(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let lanes = max(1, self.configuration.concurrentCommitGroups)
        let wake: GroupedCall.Wake = await withCheckedContinuation { continuation in
            let runNow = self.commitQueue.withLock { queue in
                if queue.running < lanes {
                    queue.running += 1
                    return true
                }
                queue.waiting.append(GroupedCall(binds: binds, continuation: continuation))
                return false
            }
            if runNow { continuation.resume(returning: .lead) }
        }
        switch wake {
        case .done(let result): return try result.get()
        case .alone: return try await self.autocommitAlone(sql, binds)
        case .lead: break
        }
        // This call holds a lane: it sends its own call with every call queued by now.
        let others = self.commitQueue.withLock { queue in
            let taken = Array(queue.waiting.prefix(DecisionCommitGroup.maximumEntries - 1))
            queue.waiting.removeFirst(taken.count)
            return taken
        }
        guard !others.isEmpty else {
            let result = await Result { try await self.autocommitAlone(sql, binds) }
            self.passLane()
            return try result.get()
        }
        let outcome = await self.runGroup([binds] + others.map(\.binds))
        self.passLane()
        switch outcome {
        case .success(let results):
            self.groupStatistics.withLock {
                $0.groupedStatements += results.count
                $0.groups += 1
            }
            for (call, result) in zip(others, results.dropFirst()) { call.continuation.resume(returning: .done(.success(result))) }
            return results[0]
        case .failure(let error):
            self.groupStatistics.withLock { $0.groupsRunOneByOne += 1 }
            if self.configuration.groupCommitFault == .noRunAloneAfterError {
                for call in others { call.continuation.resume(returning: .done(.failure(Self.mapped(error)))) }
                throw Self.mapped(error)
            }
            for call in others { call.continuation.resume(returning: .alone) }
            return try await self.autocommitAlone(sql, binds)
        }
    }

    /// What the group commit did (see ``GroupCommitStatistics``).
    public var groupCommitStatistics: GroupCommitStatistics { self.groupStatistics.withLock { $0 } }

    /// Calls of the program waiting for a lane (for tests that line calls up in a known order).
    public var queuedDecisionCommits: Int { self.commitQueue.withLock { $0.waiting.count } }

    /// Statements calling the program in flight (lanes taken), for the same tests.
    public var decisionCommitsInFlight: Int { self.commitQueue.withLock { $0.running } }

    /// Hands this call's lane to the first queued call (which then sends the queue), or frees it.
    private func passLane() {
        let next = self.commitQueue.withLock { queue -> GroupedCall? in
            guard !queue.waiting.isEmpty else {
                queue.running -= 1
                return nil
            }
            return queue.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
    }

    /// One statement for the whole group, within one call's deadline: each entry's rows (one row, the program's
    /// result code), in the entries' order; or the error that rolled the statement back.
    private func runGroup(_ entries: [[SQLValue]]) async -> Result<[[SQLRow]], any Error> {
        var order = DecisionCommitGroup.lockOrder(entries)
        // The test-only fault runs the entries in reverse order (each still gets its own result).
        if self.configuration.groupCommitFault == .reversedOrder { order.reverse() }
        let sent = order.map { entries[$0] }
        return await Result {
            let rows = try await self.withCallDeadline("a Postgres group commit") {
                try await self.client.withConnection { connection in
                    try await PostgresSession(connection: connection, logger: self.logger)
                        .query(DecisionCommitGroup.postgresStatement, [.text(DecisionCommitGroup.postgresArgument(sent))])
                }
            }
            var results: [[SQLRow]?] = Array(repeating: nil, count: entries.count)
            for row in rows {
                let position = Int(try row.int(0)) - 1
                guard sent.indices.contains(position), row.values.count == 2 else {
                    throw LeadStoreError(.corrupt, "the grouped decision-commit statement returned an unexpected row")
                }
                results[order[position]] = [SQLRow([row.values[1]])]
            }
            return try results.map { rows in
                guard let rows else { throw LeadStoreError(.corrupt, "the grouped decision-commit statement skipped a call") }
                return rows
            }
        }
    }
}

/// Ways to break the group commit on purpose, for tests that must be able to fail (never set outside tests).
public enum PostgresGroupCommitFault: Sendable, Hashable {
    /// After an error in a group's statement, every caller gets that error instead of its statement's own outcome.
    case noRunAloneAfterError
    /// A group's calls run in the reverse of their arrival order.
    case reversedOrder
}

/// The calls of the decision-commit program waiting for a lane, and the lanes taken.
struct CommitQueue {
    var waiting: [GroupedCall] = []
    var running = 0
}

/// One queued call of the decision-commit program: its binds and the caller waiting for what to do.
struct GroupedCall: Sendable {
    /// What a queued caller is told.
    enum Wake: Sendable {
        /// Its call ran in a group: the result.
        case done(Result<[SQLRow], any Error>)
        /// Its group's statement failed: run the call on its own.
        case alone
        /// It holds a lane now: send the queue.
        case lead
    }

    let binds: [SQLValue]
    let continuation: CheckedContinuation<Wake, Never>
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
