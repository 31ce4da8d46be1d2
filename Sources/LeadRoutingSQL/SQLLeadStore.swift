import Foundation
public import LeadRoutingCore

/// The ``LeadStore`` written once over ``SQLDatabase``: every transaction, the schema and the migrations. The
/// SQLite and Postgres adapters supply the database; behaviour is identical by construction (and by the shared
/// conformance suite).
public struct SQLLeadStore<Database: SQLDatabase>: LeadStore {
    public let database: Database
    /// Whether a new lead's commit first tries the one-statement fast path (migration 2). Default true; false
    /// always runs the general transaction (the conformance suite compares the two).
    public let oneStatementCommit: Bool
    var dialect: SQLDialect { self.database.dialect }

    public init(database: Database, oneStatementCommit: Bool = true) {
        self.database = database
        self.oneStatementCommit = oneStatementCommit
    }

    // MARK: Migrations

    public func schemaVersion() async throws -> Int {
        try await self.database.read { connection in try await Self.version(connection) }
    }

    static func version(_ connection: any SQLConnection) async throws -> Int {
        try await connection.query(LeadStoreSchema.createMigrationsTable)
        let rows = try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return Int(try rows.first?.int(0) ?? 0)
    }

    @discardableResult
    public func migrate() async throws -> MigrationReport {
        let migrations = LeadStoreSchema.migrations(self.dialect)
        let dialect = self.dialect
        return try await self.database.transaction { connection in
            if dialect.kind == .postgres {
                // Two processes migrating at once: the second waits, then finds nothing to do.
                try await connection.query("SELECT pg_advisory_xact_lock(7263517)")
            }
            let from = try await Self.version(connection)
            guard from <= LeadStoreSchema.currentVersion else {
                throw LeadStoreError(
                    .schemaTooNew,
                    "the database's schema version \(from) is newer than this binary's \(LeadStoreSchema.currentVersion); upgrade leadrouter"
                )
            }
            var applied: [Int] = []
            let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
            for migration in migrations where migration.version > from {
                for statement in migration.statements { try await connection.query(statement) }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
                    [.int(Int64(migration.version)), .text(migration.name), .int(now)]
                )
                applied.append(migration.version)
            }
            return MigrationReport(fromVersion: from, toVersion: max(from, applied.last ?? from), applied: applied)
        }
    }

    // MARK: Agents

    public func upsertAgents(_ agents: [AgentCapacity]) async throws {
        let chunkSize = 200
        for start in stride(from: 0, to: agents.count, by: chunkSize) {
            let chunk = agents[start..<min(agents.count, start + chunkSize)]
            try await self.database.transaction { connection in
                var values: [String] = []
                var binds: [SQLValue] = []
                for agent in chunk {
                    let n = binds.count
                    values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 3))")
                    binds += [.text(agent.agentId), .int(Int64(agent.capacity)), .int(Int64(agent.baselineOpen))]
                }
                try await connection.query(
                    """
                    INSERT INTO agent_load (agent_id, capacity, baseline_open, open_count) VALUES \(values.joined(separator: ", "))
                    ON CONFLICT (agent_id) DO UPDATE SET capacity = excluded.capacity,
                        open_count = agent_load.open_count - agent_load.baseline_open + excluded.baseline_open,
                        baseline_open = excluded.baseline_open
                    WHERE agent_load.capacity <> excluded.capacity OR agent_load.baseline_open <> excluded.baseline_open
                    """,
                    binds
                )
            }
        }
    }

    public func agentLoads() async throws -> [AgentLoadRecord] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT agent_id, capacity, open_count, baseline_open, paused, assigned, closed_won, closed_lost
                FROM agent_load ORDER BY agent_id
                """
            ).map { row in
                AgentLoadRecord(
                    agentId: try row.text(0),
                    capacity: Int(try row.int(1)),
                    open: Int(try row.int(2)),
                    baselineOpen: Int(try row.int(3)),
                    paused: try row.int(4) != 0,
                    assigned: Int(try row.int(5)),
                    closedWon: Int(try row.int(6)),
                    closedLost: Int(try row.int(7))
                )
            }
        }
    }

    public func setAgentPaused(_ agentId: String, paused: Bool, atMillis: Int64) async throws {
        try await self.database.transaction { connection in
            let rows = try await connection.query(
                "UPDATE agent_load SET paused = $2, updated_at_ms = $3 WHERE agent_id = $1 RETURNING agent_id",
                [.text(agentId), .int(paused ? 1 : 0), .int(atMillis)]
            )
            guard !rows.isEmpty else { throw LeadStoreError(.notFound, "no agent \(agentId) in the store") }
        }
    }

    // MARK: Decision commit

    public func commit(_ commit: DecisionCommit) async throws -> CommitOutcome {
        let dialect = self.dialect
        if self.oneStatementCommit, let outcome = try await self.commitNewInOneStatement(commit) {
            return outcome
        }
        do {
            // The common case, a new lead: reserve, insert the lead (it must not exist), assignment, audit, outbox.
            return try await self.database.transaction { connection in
                try await Self.commitNew(commit, connection: connection)
            }
        } catch is LeadExists {
            // The lead is recorded already: replay, conflict, or retry an unroutable lead.
            return try await self.database.transaction { connection in
                try await Self.commitExisting(commit, connection: connection, dialect: dialect)
            }
        }
    }

    private struct LeadExists: Error {}

    /// The common case in one statement (one round trip / one thread hop, its own transaction): a new lead whose
    /// best-ranked candidate still has room, or an unroutable one. Writes exactly what ``commitNew(_:connection:)``
    /// writes then (see ``LeadStoreSchema/commitNewStatements(_:)``). Nil when the case does not apply or the
    /// statement declined (candidate full or paused, lead already recorded): nothing was written and the caller runs
    /// the general transaction, which falls down the ranking, replays or reports the conflict.
    func commitNewInOneStatement(_ commit: DecisionCommit) async throws -> CommitOutcome? {
        let decision = commit.decision
        var agentId: String? = nil
        var score: Double? = nil
        var path: String? = nil
        let detail: String
        if decision.status == .routed {
            // Taking the first candidate leaves the decision as the router made it (``CommitPlan``).
            guard let first = commit.ranking.first, let chosen = decision.agentId, chosen == first.agentId, let chosenScore = decision.score
            else { return nil }
            agentId = chosen
            score = chosenScore
            path = try Self.json(decision.path)
            detail = "rule \(decision.rule?.rawValue ?? "best_score")"
        } else {
            detail = decision.reason?.rawValue ?? "no_eligible_agent"
        }
        let status: LeadStatus = agentId == nil ? .unroutable : .routed
        // The event payload's keys are sorted, so `assignmentId` comes first: the statement splices the id the
        // database assigns between `{"assignmentId":` and the rest.
        let payload = EventPayload(
            status: decision.status.rawValue,
            assignmentId: nil,
            policy: decision.policy,
            graphVersion: decision.graphVersion,
            reason: decision.reason?.rawValue
        )
        let eventJSON = try Self.json(payload)
        let (eventPrefix, eventSuffix) = agentId == nil ? (eventJSON, "") : (#"{"assignmentId":"#, "," + String(eventJSON.dropFirst()))
        let binds: [SQLValue] = [
            .text(commit.leadId), .text(commit.payload), .text(commit.canonicalPayload), .text(status.rawValue),
            .text(try Self.json(decision)), .int(commit.atMillis), agentId.map(SQLValue.text) ?? .null,
            score.map(SQLValue.double) ?? .null, path.map(SQLValue.text) ?? .null, .text(decision.policy),
            .text(decision.graphVersion), .text(detail), .text(agentId == nil ? "lead.unroutable" : "lead.routed"),
            .text(eventPrefix), .text(eventSuffix),
        ]
        let sql: String
        switch self.dialect.kind {
        case .postgres:
            sql = """
                SELECT leadrouter_commit_new($1::text, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::text,
                    $8::double precision, $9::text, $10::text, $11::text, $12::text, $13::text, $14::text, $15::text)
                """
        case .sqlite:
            sql = """
                INSERT INTO leadrouter_commit_new (lead_id, payload, canonical_payload, status, decision, at_ms, agent_id,
                    score, path, policy, graph_version, detail, kind, event_prefix, event_suffix)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                RETURNING (SELECT assignment_id FROM assignments a
                    WHERE a.lead_id = leadrouter_commit_new.lead_id AND a.state = 'offered')
                """
        }
        let rows: [SQLRow]
        do {
            rows = try await self.database.autocommit(sql, binds)
        } catch is SQLFastPathDeclined {
            return nil
        }
        guard let agentId, let score, let path else {
            return CommitOutcome(decision: decision, disposition: .committed)
        }
        var id = try rows.first?.optionalInt(0)
        if id == nil {
            // Committed; read the id back (SQLite evaluates RETURNING after the trigger, so this is a safety net).
            id = try await self.database.read { connection in
                try await connection.query(
                    "SELECT assignment_id FROM assignments WHERE lead_id = $1 AND agent_id = $2 ORDER BY assignment_id DESC LIMIT 1",
                    [.text(commit.leadId), .text(agentId)]
                ).first?.int(0)
            }
        }
        guard let id else { throw LeadStoreError(.corrupt, "lead \(commit.leadId): committed assignment not found") }
        assert(
            (try? Self.json(
                EventPayload(
                    status: payload.status,
                    assignmentId: id,
                    policy: payload.policy,
                    graphVersion: payload.graphVersion,
                    reason: payload.reason
                )
            ))
                == eventPrefix + String(id) + eventSuffix,
            "event payload splice differs from the encoder's output"
        )
        let assignment = AssignmentRecord(
            id: id,
            leadId: commit.leadId,
            agentId: agentId,
            score: score,
            path: path,
            policy: decision.policy,
            graphVersion: decision.graphVersion,
            state: .offered,
            decidedAtMillis: commit.atMillis,
            updatedAtMillis: commit.atMillis
        )
        return CommitOutcome(decision: decision, disposition: .committed, assignment: assignment)
    }

    private static func commitNew(_ commit: DecisionCommit, connection: any SQLConnection) async throws -> CommitOutcome {
        let (decision, taken) = try await Self.reserve(commit.decision, ranking: commit.ranking, connection: connection)
        let decisionJSON = try Self.json(decision)
        let status: LeadStatus = decision.status == .routed ? .routed : .unroutable
        let inserted = try await connection.query(
            """
            INSERT INTO leads (lead_id, payload, canonical_payload, status, decision, received_at_ms, updated_at_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (lead_id) DO NOTHING RETURNING lead_id
            """,
            [
                .text(commit.leadId), .text(commit.payload), .text(commit.canonicalPayload), .text(status.rawValue),
                .text(decisionJSON), .int(commit.atMillis),
            ]
        )
        guard !inserted.isEmpty else { throw LeadExists() }
        let assignment = try await Self.recordOutcome(
            decision,
            taken: taken,
            leadId: commit.leadId,
            atMillis: commit.atMillis,
            leadAudit: [("received", nil, nil, "")],
            eventKind: nil,
            connection: connection
        )
        return CommitOutcome(decision: decision, disposition: .committed, assignment: assignment)
    }

    private static func commitExisting(
        _ commit: DecisionCommit,
        connection: any SQLConnection,
        dialect: SQLDialect
    ) async throws -> CommitOutcome {
        let rows = try await connection.query(
            "SELECT canonical_payload, status, decision FROM leads WHERE lead_id = $1\(dialect.forUpdate)",
            [.text(commit.leadId)]
        )
        guard let row = rows.first else { throw LeadStoreError(.unavailable, "lead \(commit.leadId) vanished during commit; retry") }
        guard try row.text(0) == commit.canonicalPayload else { throw LeadStoreError.conflict(leadId: commit.leadId) }
        let stored = try Self.decision(try row.text(2), leadId: commit.leadId)
        guard try row.text(1) == LeadStatus.unroutable.rawValue, commit.decision.status == .routed else {
            return CommitOutcome(decision: stored, disposition: .replayed)
        }
        // Retry of an unroutable lead that now routes.
        let (decision, taken) = try await Self.reserve(commit.decision, ranking: commit.ranking, connection: connection)
        guard decision.status == .routed else { return CommitOutcome(decision: stored, disposition: .replayed) }
        try await connection.query(
            "UPDATE leads SET status = 'routed', decision = $2, updated_at_ms = $3 WHERE lead_id = $1",
            [.text(commit.leadId), .text(try Self.json(decision)), .int(commit.atMillis)]
        )
        let assignment = try await Self.recordOutcome(
            decision,
            taken: taken,
            leadId: commit.leadId,
            atMillis: commit.atMillis,
            leadAudit: [("retried", LeadStatus.unroutable.rawValue, LeadStatus.routed.rawValue, "routed on retry")],
            eventKind: nil,
            connection: connection
        )
        return CommitOutcome(decision: decision, disposition: .retried, assignment: assignment)
    }

    /// Reserves capacity on the ranked candidates in order with a conditional update; returns the committed
    /// decision (``CommitPlan``) and the index taken.
    private static func reserve(
        _ decision: RoutingDecision,
        ranking: [CandidateExplanation],
        connection: any SQLConnection
    ) async throws -> (RoutingDecision, Int?) {
        guard decision.status == .routed, !ranking.isEmpty else { return (decision, nil) }
        var taken: Int? = nil
        for (index, candidate) in ranking.enumerated() {
            let rows = try await connection.query(
                """
                UPDATE agent_load SET open_count = open_count + 1, assigned = assigned + 1
                WHERE agent_id = $1 AND open_count < capacity AND paused = 0 RETURNING agent_id
                """,
                [.text(candidate.agentId)]
            )
            if !rows.isEmpty {
                taken = index
                break
            }
        }
        return (CommitPlan.committedDecision(decision, ranking: ranking, taken: taken), taken)
    }

    /// Writes the assignment (when routed), the audit rows and the outbox event of a committed decision.
    private static func recordOutcome(
        _ decision: RoutingDecision,
        taken: Int?,
        leadId: String,
        atMillis: Int64,
        leadAudit: [(action: String, from: String?, to: String?, detail: String)],
        eventKind: String?,
        connection: any SQLConnection
    ) async throws -> AssignmentRecord? {
        var audit: [AuditRow] = leadAudit.map {
            AuditRow(leadId: leadId, assignmentId: nil, agentId: nil, action: $0.action, from: $0.from, to: $0.to, detail: $0.detail)
        }
        var assignment: AssignmentRecord? = nil
        if decision.status == .routed, let agentId = decision.agentId, let score = decision.score {
            let path = try Self.json(decision.path)
            let rows = try await connection.query(
                """
                INSERT INTO assignments (lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms)
                VALUES ($1, $2, $3, $4, $5, $6, 'offered', $7, $7) RETURNING assignment_id
                """,
                [
                    .text(leadId), .text(agentId), .double(score), .text(path), .text(decision.policy),
                    .text(decision.graphVersion), .int(atMillis),
                ]
            )
            let id = try rows.first?.int(0) ?? 0
            assignment = AssignmentRecord(
                id: id,
                leadId: leadId,
                agentId: agentId,
                score: score,
                path: path,
                policy: decision.policy,
                graphVersion: decision.graphVersion,
                state: .offered,
                decidedAtMillis: atMillis,
                updatedAtMillis: atMillis
            )
            let detail = (taken ?? 0) > 0 ? decision.notes.last ?? "" : "rule \(decision.rule?.rawValue ?? "best_score")"
            audit.append(AuditRow(leadId: leadId, assignmentId: id, agentId: agentId, action: "routed", from: nil, to: "offered", detail: detail))
        } else {
            let reason = decision.reason?.rawValue ?? "no_eligible_agent"
            audit.append(AuditRow(leadId: leadId, assignmentId: nil, agentId: nil, action: "unroutable", from: nil, to: nil, detail: reason))
        }
        try await Self.insertAudit(audit, atMillis: atMillis, connection: connection)
        let kind = eventKind ?? (decision.status == .routed ? "lead.routed" : "lead.unroutable")
        try await Self.insertEvent(
            kind: kind,
            leadId: leadId,
            agentId: assignment?.agentId,
            score: assignment?.score,
            atMillis: atMillis,
            payload: EventPayload(
                status: decision.status.rawValue,
                assignmentId: assignment?.id,
                policy: decision.policy,
                graphVersion: decision.graphVersion,
                reason: decision.reason?.rawValue
            ),
            connection: connection
        )
        return assignment
    }

    // MARK: Lifecycle

    public func reroute(_ reroute: RerouteCommit) async throws -> CommitOutcome {
        let dialect = self.dialect
        return try await self.database.transaction { connection in
            let leadRows = try await connection.query(
                "SELECT decision FROM leads WHERE lead_id = $1\(dialect.forUpdate)",
                [.text(reroute.leadId)]
            )
            guard let leadRow = leadRows.first else { throw LeadStoreError.notFound(leadId: reroute.leadId) }
            let active = try await connection.query(
                """
                SELECT assignment_id, agent_id, state FROM assignments
                WHERE lead_id = $1 AND state IN ('offered', 'accepted')\(dialect.forUpdate)
                """,
                [.text(reroute.leadId)]
            ).first
            guard let active, try active.text(1) == reroute.agentId else {
                let ended = try await connection.query(
                    "SELECT 1 FROM assignments WHERE lead_id = $1 AND agent_id = $2 AND state = $3",
                    [.text(reroute.leadId), .text(reroute.agentId), .text(reroute.endState.rawValue)]
                )
                if !ended.isEmpty {
                    return CommitOutcome(decision: try Self.decision(try leadRow.text(0), leadId: reroute.leadId), disposition: .replayed)
                }
                throw LeadStoreError(.invalidTransition, "agent \(reroute.agentId) holds no active offer of lead \(reroute.leadId)")
            }
            let assignmentId = try active.int(0)
            let state = AssignmentState(rawValue: try active.text(2)) ?? .offered
            guard state.canTransition(to: reroute.endState) else {
                throw LeadStoreError(
                    .invalidTransition,
                    "lead \(reroute.leadId): cannot move \(reroute.agentId)'s assignment from \(state.rawValue) to \(reroute.endState.rawValue)"
                )
            }
            try await connection.query(
                "UPDATE assignments SET state = $2, updated_at_ms = $3 WHERE assignment_id = $1",
                [.int(assignmentId), .text(reroute.endState.rawValue), .int(reroute.atMillis)]
            )
            try await connection.query(
                "UPDATE agent_load SET open_count = open_count - 1 WHERE agent_id = $1",
                [.text(reroute.agentId)]
            )
            try await Self.insertAudit(
                [
                    AuditRow(
                        leadId: reroute.leadId,
                        assignmentId: assignmentId,
                        agentId: reroute.agentId,
                        action: reroute.endState.rawValue,
                        from: state.rawValue,
                        to: reroute.endState.rawValue,
                        detail: ""
                    )
                ],
                atMillis: reroute.atMillis,
                connection: connection
            )
            try await Self.insertEvent(
                kind: reroute.endState.eventKind,
                leadId: reroute.leadId,
                agentId: reroute.agentId,
                score: nil,
                atMillis: reroute.atMillis,
                payload: EventPayload(status: reroute.endState.rawValue, assignmentId: assignmentId),
                connection: connection
            )
            let (decision, taken) = try await Self.reserve(reroute.decision, ranking: reroute.ranking, connection: connection)
            let status: LeadStatus = decision.status == .routed ? .routed : .unroutable
            try await connection.query(
                "UPDATE leads SET status = $2, decision = $3, updated_at_ms = $4 WHERE lead_id = $1",
                [.text(reroute.leadId), .text(status.rawValue), .text(try Self.json(decision)), .int(reroute.atMillis)]
            )
            let assignment = try await Self.recordOutcome(
                decision,
                taken: taken,
                leadId: reroute.leadId,
                atMillis: reroute.atMillis,
                leadAudit: [("rerouted", nil, nil, "after \(reroute.endState.rawValue) by \(reroute.agentId)")],
                eventKind: decision.status == .routed ? AssignmentState.reassigned.eventKind : nil,
                connection: connection
            )
            return CommitOutcome(decision: decision, disposition: .rerouted, assignment: assignment)
        }
    }

    public func transition(_ transition: AssignmentTransition) async throws -> AssignmentRecord {
        let dialect = self.dialect
        return try await self.database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT \(Self.assignmentColumns) FROM assignments WHERE lead_id = $1 AND agent_id = $2
                ORDER BY assignment_id DESC LIMIT 1\(dialect.forUpdate)
                """,
                [.text(transition.leadId), .text(transition.agentId)]
            )
            guard let row = rows.first else {
                let lead = try await connection.query("SELECT 1 FROM leads WHERE lead_id = $1", [.text(transition.leadId)])
                if lead.isEmpty { throw LeadStoreError.notFound(leadId: transition.leadId) }
                throw LeadStoreError(.invalidTransition, "agent \(transition.agentId) holds no assignment of lead \(transition.leadId)")
            }
            var assignment = try Self.assignment(row)
            if assignment.state == transition.to { return assignment }
            guard assignment.state.canTransition(to: transition.to), transition.to != .reassigned else {
                throw LeadStoreError(
                    .invalidTransition,
                    "lead \(transition.leadId): cannot move \(transition.agentId)'s assignment from \(assignment.state.rawValue) to \(transition.to.rawValue)"
                )
            }
            let from = assignment.state
            try await connection.query(
                "UPDATE assignments SET state = $2, updated_at_ms = $3 WHERE assignment_id = $1",
                [.int(assignment.id), .text(transition.to.rawValue), .int(transition.atMillis)]
            )
            if !transition.to.isActive {
                let won: Int64 = transition.to == .closedWon ? 1 : 0
                let lost: Int64 = transition.to == .closedLost ? 1 : 0
                try await connection.query(
                    """
                    UPDATE agent_load SET open_count = open_count - 1, closed_won = closed_won + $2,
                        closed_lost = closed_lost + $3 WHERE agent_id = $1
                    """,
                    [.text(transition.agentId), .int(won), .int(lost)]
                )
                try await connection.query(
                    "UPDATE leads SET status = 'closed', updated_at_ms = $2 WHERE lead_id = $1",
                    [.text(transition.leadId), .int(transition.atMillis)]
                )
            }
            try await Self.insertAudit(
                [
                    AuditRow(
                        leadId: transition.leadId,
                        assignmentId: assignment.id,
                        agentId: transition.agentId,
                        action: transition.to.rawValue,
                        from: from.rawValue,
                        to: transition.to.rawValue,
                        detail: ""
                    )
                ],
                atMillis: transition.atMillis,
                connection: connection
            )
            try await Self.insertEvent(
                kind: transition.to.eventKind,
                leadId: transition.leadId,
                agentId: transition.agentId,
                score: assignment.score,
                atMillis: transition.atMillis,
                payload: EventPayload(status: transition.to.rawValue, assignmentId: assignment.id),
                connection: connection
            )
            assignment.state = transition.to
            assignment.updatedAtMillis = transition.atMillis
            return assignment
        }
    }

    // MARK: Reads

    public func lead(_ leadId: String) async throws -> LeadRecord? {
        try await self.database.read { connection in
            let rows = try await connection.query(
                "SELECT payload, status, decision, received_at_ms, updated_at_ms FROM leads WHERE lead_id = $1",
                [.text(leadId)]
            )
            guard let row = rows.first else { return nil }
            let assignments = try await connection.query(
                "SELECT \(Self.assignmentColumns) FROM assignments WHERE lead_id = $1 ORDER BY assignment_id",
                [.text(leadId)]
            ).map(Self.assignment)
            let audit = try await connection.query(
                """
                SELECT audit_id, lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail
                FROM audit_log WHERE lead_id = $1 ORDER BY audit_id
                """,
                [.text(leadId)]
            ).map { row in
                AuditEntry(
                    id: try row.int(0),
                    leadId: try row.text(1),
                    assignmentId: try row.optionalInt(2),
                    agentId: try row.optionalText(3),
                    action: try row.text(4),
                    fromState: try row.optionalText(5),
                    toState: try row.optionalText(6),
                    atMillis: try row.int(7),
                    detail: try row.text(8)
                )
            }
            return LeadRecord(
                leadId: leadId,
                payload: try row.text(0),
                status: LeadStatus(rawValue: try row.text(1)) ?? .unroutable,
                decision: try Self.decision(try row.text(2), leadId: leadId),
                receivedAtMillis: try row.int(3),
                updatedAtMillis: try row.int(4),
                assignments: assignments,
                audit: audit
            )
        }
    }

    public func activeAssignments(limit: Int) async throws -> [AssignmentRecord] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT \(Self.assignmentColumns) FROM assignments WHERE state IN ('offered', 'accepted')
                ORDER BY lead_id LIMIT $1
                """,
                [.int(Int64(limit))]
            ).map(Self.assignment)
        }
    }

    public func overdueOffers(decidedBeforeMillis: Int64, limit: Int) async throws -> [AssignmentRecord] {
        try await self.database.read { connection in
            try await connection.query(
                """
                SELECT \(Self.assignmentColumns) FROM assignments WHERE state = 'offered' AND decided_at_ms < $1
                ORDER BY decided_at_ms, assignment_id LIMIT $2
                """,
                [.int(decidedBeforeMillis), .int(Int64(limit))]
            ).map(Self.assignment)
        }
    }

    public func unroutableLeadIds(limit: Int) async throws -> [String] {
        try await self.database.read { connection in
            try await connection.query(
                "SELECT lead_id FROM leads WHERE status = 'unroutable' ORDER BY received_at_ms, lead_id LIMIT $1",
                [.int(Int64(limit))]
            ).map { try $0.text(0) }
        }
    }

    /// Counts violations of each ``LeadStoreSchema/invariants`` entry (all zero when the store is consistent).
    public func checkInvariants() async throws -> [(name: String, violations: Int)] {
        try await self.database.read { connection in
            var result: [(name: String, violations: Int)] = []
            for invariant in LeadStoreSchema.invariants {
                let count = try await connection.query(invariant.sql).first?.int(0) ?? 0
                result.append((invariant.name, Int(count)))
            }
            return result
        }
    }

    public func shutdown() async throws {
        try await self.database.shutdown()
    }

    // MARK: Outbox

    public func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent] {
        let dialect = self.dialect
        return try await self.database.read { connection in
            let cursor =
                try await connection.query(
                    "SELECT last_event_id FROM outbox_cursors WHERE consumer = $1",
                    [.text(consumer)]
                ).first?.int(0) ?? 0
            let visible =
                dialect.kind == .postgres
                ? " AND event_id < ((pg_snapshot_xmin(pg_current_snapshot())::text::bigint) << 16)" : ""
            return try await connection.query(
                """
                SELECT event_id, kind, lead_id, agent_id, score, occurred_at_ms, payload FROM outbox
                WHERE event_id > $1\(visible) ORDER BY event_id LIMIT $2
                """,
                [.int(cursor), .int(Int64(limit))]
            ).map { row in
                OutboxEvent(
                    id: try row.int(0),
                    kind: try row.text(1),
                    leadId: try row.text(2),
                    agentId: try row.optionalText(3),
                    score: try row.optionalDouble(4),
                    occurredAtMillis: try row.int(5),
                    payload: try row.text(6)
                )
            }
        }
    }

    public func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        try await self.database.transaction { connection in
            try await connection.query(
                """
                INSERT INTO outbox_cursors (consumer, last_event_id, updated_at_ms) VALUES ($1, $2, $3)
                ON CONFLICT (consumer) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at_ms = excluded.updated_at_ms
                WHERE outbox_cursors.last_event_id < excluded.last_event_id
                """,
                [.text(consumer), .int(id), .int(now)]
            )
        }
    }

    // MARK: Helpers

    static var assignmentColumns: String {
        "assignment_id, lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms"
    }

    static func assignment(_ row: SQLRow) throws -> AssignmentRecord {
        let stateText = try row.text(7)
        guard let state = AssignmentState(rawValue: stateText) else {
            throw LeadStoreError(.corrupt, "assignment \(try row.int(0)): unknown state \(stateText)")
        }
        return AssignmentRecord(
            id: try row.int(0),
            leadId: try row.text(1),
            agentId: try row.text(2),
            score: try row.double(3),
            path: try row.text(4),
            policy: try row.text(5),
            graphVersion: try row.text(6),
            state: state,
            decidedAtMillis: try row.int(8),
            updatedAtMillis: try row.int(9)
        )
    }

    struct AuditRow {
        var leadId: String
        var assignmentId: Int64?
        var agentId: String?
        var action: String
        var from: String?
        var to: String?
        var detail: String
    }

    static func insertAudit(_ rows: [AuditRow], atMillis: Int64, connection: any SQLConnection) async throws {
        var values: [String] = []
        var binds: [SQLValue] = []
        for row in rows {
            let n = binds.count
            values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4), $\(n + 5), $\(n + 6), $\(n + 7), $\(n + 8))")
            binds += [
                .text(row.leadId), row.assignmentId.map(SQLValue.int) ?? .null, row.agentId.map(SQLValue.text) ?? .null,
                .text(row.action), row.from.map(SQLValue.text) ?? .null, row.to.map(SQLValue.text) ?? .null,
                .int(atMillis), .text(row.detail),
            ]
        }
        try await connection.query(
            """
            INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
            VALUES \(values.joined(separator: ", "))
            """,
            binds
        )
    }

    struct EventPayload: Encodable {
        var status: String
        var assignmentId: Int64?
        var policy: String? = nil
        var graphVersion: String? = nil
        var reason: String? = nil
    }

    /// Postgres event ids are `xid << 16 | n`: ordered by transaction id, so a consumer reading only events of
    /// transactions older than every running one (see ``pendingOutboxEvents(consumer:limit:)``) never skips an
    /// event that commits later with a smaller id. SQLite has one writer at a time; its ids are plain.
    static func insertEvent(
        kind: String,
        leadId: String,
        agentId: String?,
        score: Double?,
        atMillis: Int64,
        payload: EventPayload,
        connection: any SQLConnection
    ) async throws {
        let binds: [SQLValue] = [
            .text(kind), .text(leadId), agentId.map(SQLValue.text) ?? .null, score.map(SQLValue.double) ?? .null,
            .int(atMillis), .text(try Self.json(payload)),
        ]
        if connection is any PostgresDialectConnection {
            try await connection.query(
                """
                INSERT INTO outbox (event_id, kind, lead_id, agent_id, score, occurred_at_ms, payload)
                SELECT (x.xid << 16) + (SELECT count(*) FROM outbox WHERE event_id >= (x.xid << 16) AND event_id < ((x.xid + 1) << 16)),
                    $1, $2, $3, $4, $5, $6
                FROM (SELECT pg_current_xact_id()::text::bigint AS xid) x
                """,
                binds
            )
        } else {
            try await connection.query(
                "INSERT INTO outbox (kind, lead_id, agent_id, score, occurred_at_ms, payload) VALUES ($1, $2, $3, $4, $5, $6)",
                binds
            )
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decision(_ text: String, leadId: String) throws -> RoutingDecision {
        do {
            return try JSONDecoder().decode(RoutingDecision.self, from: Data(text.utf8))
        } catch {
            throw LeadStoreError(.corrupt, "lead \(leadId): stored decision does not decode")
        }
    }
}

/// Marks connections that speak Postgres (the outbox id differs by dialect).
public protocol PostgresDialectConnection: SQLConnection {}

/// A lead store that can check its own invariants in SQL (both SQL stores).
public protocol CheckableLeadStore: LeadStore {
    /// Violations per invariant of ``LeadStoreSchema/invariants`` (all zero when consistent).
    func checkInvariants() async throws -> [(name: String, violations: Int)]
}

extension SQLLeadStore: CheckableLeadStore {}

/// A store whose one-statement commit can be switched off (benchmarks compare it with the general transaction).
public protocol GeneralCommitSwitchable {
    /// The same database, every commit through the general transaction.
    func withGeneralCommitOnly() -> any CheckableLeadStore
}

extension SQLLeadStore: GeneralCommitSwitchable {
    public func withGeneralCommitOnly() -> any CheckableLeadStore {
        Self(database: self.database, oneStatementCommit: false)
    }
}
