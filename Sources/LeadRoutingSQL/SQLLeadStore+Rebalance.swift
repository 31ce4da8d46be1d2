import Foundation
public import LeadRoutingCore

extension SQLLeadStore: RebalanceStore {
    public func saveRebalancePlan(_ plan: RebalancePlan, atMillis: Int64) async throws {
        let text = try Self.json(plan)
        try await self.database.transaction { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO rebalance_plans (plan_id, scope, watermark_ms, move_count, plan, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (plan_id) DO NOTHING RETURNING plan_id
                """,
                [.text(plan.planId), .text(plan.scope.rawValue), .int(plan.watermark), .int(Int64(plan.moves.count)), .text(text), .int(atMillis)]
            )
            guard inserted.isEmpty else { return }
            let kept = try await Self.keptPlan(plan.planId, connection: connection)
            guard let kept, kept.watermark == plan.watermark, kept.moves == plan.moves else {
                throw LeadStoreError(.conflict, "rebalance plan \(plan.planId) is kept already with other moves; nothing was written")
            }
        }
    }

    public func rebalancePlan(_ planId: String) async throws -> RebalancePlan? {
        try await self.database.read { try await Self.keptPlan(planId, connection: $0) }
    }

    public func rebalanceMoveRecords(planId: String) async throws -> [RebalanceMoveRecord] {
        try await self.database.read { connection in
            try await connection.query(
                "SELECT \(Self.moveColumns) FROM rebalance_moves WHERE plan_id = $1 ORDER BY lead_id",
                [.text(planId)]
            ).map(Self.moveRecord)
        }
    }

    public func rebalanceLeadRecords(_ leadIds: [String]) async throws -> [String: RebalanceLeadRecord] {
        var records: [String: RebalanceLeadRecord] = [:]
        records.reserveCapacity(leadIds.count)
        for start in stride(from: 0, to: leadIds.count, by: Self.idsPerStatement) {
            let binds = leadIds[start..<min(leadIds.count, start + Self.idsPerStatement)].map(SQLValue.text)
            let (leads, ended) = try await self.database.read { connection in
                let leads = try await connection.query(
                    "SELECT lead_id, payload, status FROM leads WHERE lead_id IN (\(Self.placeholders(binds.count)))",
                    binds
                )
                let ended = try await connection.query(
                    """
                    SELECT lead_id, agent_id FROM assignments
                    WHERE lead_id IN (\(Self.placeholders(binds.count))) AND state IN ('declined', 'expired')
                    """,
                    binds
                )
                return (leads, ended)
            }
            for row in leads {
                let leadId = try row.text(0)
                let status = try row.text(2)
                guard let parsed = LeadStatus(rawValue: status) else { throw LeadStoreError(.corrupt, "lead \(leadId): unknown status \(status)") }
                records[leadId] = RebalanceLeadRecord(payload: try row.text(1), status: parsed, endedAgentIds: [])
            }
            for row in ended { records[try row.text(0)]?.endedAgentIds.insert(try row.text(1)) }
        }
        return records
    }

    public func rebalanceLeadStates(_ leadIds: [String]) async throws -> [String: RebalanceLeadState] {
        var states: [String: RebalanceLeadState] = [:]
        for start in stride(from: 0, to: leadIds.count, by: Self.idsPerStatement) {
            let chunk = Array(leadIds[start..<min(leadIds.count, start + Self.idsPerStatement)])
            let dialect = self.dialect
            let read = try await self.database.read { connection in
                try await Self.moveLeads(chunk, lock: false, dialect: dialect, connection: connection)
            }
            for (leadId, lead) in read { states[leadId] = lead.state }
        }
        return states
    }

    public func applyRebalanceBatch(_ batch: RebalanceBatch) async throws -> RebalanceBatchResult {
        let dialect = self.dialect
        return try await self.database.transaction { connection in
            // The plan's row serialises appliers of one plan, so a move is checked and recorded by one of them.
            let plan = try await connection.query(
                "SELECT plan_id FROM rebalance_plans WHERE plan_id = $1\(dialect.forUpdate)",
                [.text(batch.planId)]
            )
            guard !plan.isEmpty else { throw LeadStoreError(.notFound, "no rebalance plan \(batch.planId) in the store") }
            var earlier: [String: RebalanceMoveRecord] = [:]
            for start in stride(from: 0, to: batch.moves.count, by: Self.idsPerStatement) {
                let ids = batch.moves[start..<min(batch.moves.count, start + Self.idsPerStatement)].map { SQLValue.text($0.leadId) }
                let rows = try await connection.query(
                    "SELECT \(Self.moveColumns) FROM rebalance_moves WHERE plan_id = $1 AND lead_id IN (\(Self.placeholders(ids.count, from: 2)))",
                    [.text(batch.planId)] + ids
                )
                for record in try rows.map(Self.moveRecord) { earlier[record.leadId] = record }
            }
            let moves = batch.moves.filter { earlier[$0.leadId] == nil }
            var leads: [String: MoveLead] = [:]
            for start in stride(from: 0, to: moves.count, by: Self.idsPerStatement) {
                let chunk = moves[start..<min(moves.count, start + Self.idsPerStatement)].map(\.leadId)
                leads.merge(try await Self.moveLeads(chunk, lock: true, dialect: dialect, connection: connection)) { a, _ in a }
            }
            var loads = try await Self.lockedLoads(of: moves, dialect: dialect, connection: connection)
            let reasons = RebalanceMoveCheck.resolve(moves, leads: leads.mapValues(\.state), loads: &loads, watermark: batch.watermark)
            // Every offer that ends is ended first, so leads swapped between full agents find their room.
            for (move, reason) in zip(moves, reasons) where reason == nil {
                guard let from = move.fromAgentId else { continue }
                guard let assignmentId = leads[move.leadId]?.activeAssignmentId else {
                    throw LeadStoreError(.corrupt, "lead \(move.leadId): its offer of \(from) has no assignment row")
                }
                try await Self.endOffer(move, assignmentId: assignmentId, batch: batch, connection: connection)
            }
            var records: [String: RebalanceMoveRecord] = earlier
            for (move, reason) in zip(moves, reasons) {
                var record = RebalanceMoveRecord(
                    leadId: move.leadId,
                    fromAgentId: move.fromAgentId,
                    toAgentId: move.toAgentId,
                    outcome: reason == nil ? .applied : .skipped,
                    reason: reason,
                    atMillis: batch.atMillis
                )
                if reason == nil, let lead = leads[move.leadId] {
                    record.assignmentId = try await Self.offer(move, lead: lead, batch: batch, dialect: dialect, connection: connection)
                }
                try await connection.query(
                    """
                    INSERT INTO rebalance_moves (plan_id, lead_id, from_agent_id, to_agent_id, outcome, reason, assignment_id, at_ms)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """,
                    [
                        .text(batch.planId), .text(record.leadId), record.fromAgentId.map(SQLValue.text) ?? .null, .text(record.toAgentId),
                        .text(record.outcome.rawValue), record.reason.map { SQLValue.text($0.rawValue) } ?? .null,
                        record.assignmentId.map(SQLValue.int) ?? .null, .int(record.atMillis),
                    ]
                )
                records[move.leadId] = record
            }
            return RebalanceBatchResult(records: batch.moves.compactMap { records[$0.leadId] }, recordedBefore: Set(earlier.keys))
        }
    }

    // MARK: Steps of a batch

    /// Ends the lead's offer as `reassigned`: frees the agent's slot, audits it and announces it.
    private static func endOffer(_ move: RebalanceMove, assignmentId: Int64, batch: RebalanceBatch, connection: any SQLConnection) async throws {
        guard let from = move.fromAgentId else { return }
        try await connection.query(
            "UPDATE assignments SET state = $2, updated_at_ms = $3 WHERE assignment_id = $1",
            [.int(assignmentId), .text(AssignmentState.reassigned.rawValue), .int(batch.atMillis)]
        )
        try await connection.query("UPDATE agent_load SET open_count = open_count - 1 WHERE agent_id = $1", [.text(from)])
        try await Self.insertAudit(
            AuditRow(
                leadId: move.leadId,
                assignmentId: assignmentId,
                agentId: from,
                action: AssignmentState.reassigned.rawValue,
                from: AssignmentState.offered.rawValue,
                to: AssignmentState.reassigned.rawValue,
                detail: move.note(planId: batch.planId)
            ),
            atMillis: batch.atMillis,
            connection: connection
        )
        try await Self.insertEvent(
            kind: AssignmentState.reassigned.eventKind,
            leadId: move.leadId,
            agentId: from,
            score: nil,
            atMillis: batch.atMillis,
            payload: EventPayload(status: AssignmentState.reassigned.rawValue, assignmentId: assignmentId, planId: batch.planId),
            connection: connection
        )
    }

    /// Offers the lead to the move's target through the decision-commit program (rule `rebalance`); returns the
    /// new assignment's id. The target's row is locked and was checked, so a refusal here is a bug: it rolls the
    /// batch back.
    private static func offer(
        _ move: RebalanceMove,
        lead: MoveLead,
        batch: RebalanceBatch,
        dialect: SQLDialect,
        connection: any SQLConnection
    ) async throws -> Int64 {
        let decision = move.decision(planId: batch.planId, graphVersion: batch.graphVersion, policy: batch.policy)
        let note = move.note(planId: batch.planId)
        let write = DecisionCommitProgram.LeadWrite(
            action: "rebalanced",
            fromState: lead.state.status.rawValue,
            toState: LeadStatus.routed.rawValue,
            detail: note,
            // The events of other re-routes: a lead that had an offer is reassigned, an unroutable one routed.
            routedEventKind: move.fromAgentId == nil ? AssignmentState.offered.eventKind : AssignmentState.reassigned.eventKind
        )
        let outcome = try await Self.callProgram(
            decision,
            leadId: move.leadId,
            detail: "rule rebalance: \(note); policy \(batch.policy)",
            lead: write,
            atMillis: batch.atMillis,
            dialect: dialect,
            planId: batch.planId,
            execute: { try await connection.query($0, $1) }
        )
        guard case .recorded(let assignment?) = outcome else {
            throw LeadStoreError(.corrupt, "lead \(move.leadId): \(move.toAgentId) refused the move after it was checked; the batch was rolled back")
        }
        return assignment.id
    }

    // MARK: Reads

    /// A lead as a move needs it: its state for ``RebalanceMoveCheck`` and its active assignment's id.
    struct MoveLead: Sendable {
        var state: RebalanceLeadState
        var activeAssignmentId: Int64?
    }

    /// Reads `leadIds` (at most ``idsPerStatement``) and their assignments; `lock` takes their rows' locks (Postgres;
    /// SQLite's write transaction holds the database).
    static func moveLeads(_ leadIds: [String], lock: Bool, dialect: SQLDialect, connection: any SQLConnection) async throws -> [String: MoveLead] {
        guard !leadIds.isEmpty else { return [:] }
        let binds = leadIds.map(SQLValue.text)
        let suffix = lock ? dialect.forUpdate : ""
        var leads: [String: MoveLead] = [:]
        for row in try await connection.query(
            "SELECT lead_id, status, updated_at_ms FROM leads WHERE lead_id IN (\(Self.placeholders(binds.count)))\(suffix)",
            binds
        ) {
            let status = try row.text(1)
            guard let parsed = LeadStatus(rawValue: status) else {
                throw LeadStoreError(.corrupt, "lead \(try row.text(0)): unknown status \(status)")
            }
            leads[try row.text(0)] = MoveLead(
                state: RebalanceLeadState(status: parsed, activeAgentId: nil, activeState: nil, lastChangeMillis: try row.int(2)),
                activeAssignmentId: nil
            )
        }
        for row in try await connection.query(
            """
            SELECT lead_id, assignment_id, agent_id, state, updated_at_ms FROM assignments
            WHERE lead_id IN (\(Self.placeholders(binds.count))) ORDER BY assignment_id\(suffix)
            """,
            binds
        ) {
            let leadId = try row.text(0)
            guard var lead = leads[leadId] else { continue }
            lead.state.lastChangeMillis = max(lead.state.lastChangeMillis, try row.int(4))
            if let state = AssignmentState(rawValue: try row.text(3)), state.isActive {
                lead.state.activeAgentId = try row.text(2)
                lead.state.activeState = state
                lead.activeAssignmentId = try row.int(1)
            }
            leads[leadId] = lead
        }
        return leads
    }

    /// The loads of every source and target of `moves`, locked in agent-id order.
    private static func lockedLoads(
        of moves: [RebalanceMove],
        dialect: SQLDialect,
        connection: any SQLConnection
    ) async throws -> [String: AgentLoadRecord] {
        var ids = Set<String>()
        for move in moves {
            ids.insert(move.toAgentId)
            if let from = move.fromAgentId { ids.insert(from) }
        }
        let sorted = ids.sorted()
        var loads: [String: AgentLoadRecord] = [:]
        for start in stride(from: 0, to: sorted.count, by: Self.idsPerStatement) {
            let binds = sorted[start..<min(sorted.count, start + Self.idsPerStatement)].map(SQLValue.text)
            for row in try await connection.query(
                "SELECT \(Self.agentLoadColumns) FROM agent_load WHERE agent_id IN (\(Self.placeholders(binds.count))) ORDER BY agent_id\(dialect.forUpdate)",
                binds
            ) {
                let load = try Self.agentLoadRecord(row, from: 0)
                loads[load.agentId] = load
            }
        }
        return loads
    }

    private static func keptPlan(_ planId: String, connection: any SQLConnection) async throws -> RebalancePlan? {
        guard let row = try await connection.query("SELECT plan FROM rebalance_plans WHERE plan_id = $1", [.text(planId)]).first else {
            return nil
        }
        do {
            return try JSONDecoder().decode(RebalancePlan.self, from: Data(try row.text(0).utf8))
        } catch {
            throw LeadStoreError(.corrupt, "rebalance plan \(planId): the kept plan does not decode")
        }
    }

    private static var moveColumns: String { "lead_id, from_agent_id, to_agent_id, outcome, reason, assignment_id, at_ms" }

    private static func moveRecord(_ row: SQLRow) throws -> RebalanceMoveRecord {
        let leadId = try row.text(0)
        guard let outcome = RebalanceMoveRecord.Outcome(rawValue: try row.text(3)) else {
            throw LeadStoreError(.corrupt, "rebalance move of \(leadId): unknown outcome")
        }
        let reason = try row.optionalText(4)
        return RebalanceMoveRecord(
            leadId: leadId,
            fromAgentId: try row.optionalText(1),
            toAgentId: try row.text(2),
            outcome: outcome,
            reason: try reason.map { text in
                guard let reason = RebalanceSkipReason(rawValue: text) else {
                    throw LeadStoreError(.corrupt, "rebalance move of \(leadId): unknown reason \(text)")
                }
                return reason
            },
            assignmentId: try row.optionalInt(5),
            atMillis: try row.int(6)
        )
    }

    /// Ids bound per `IN (…)` list: well inside both databases' limits on bound parameters.
    static var idsPerStatement: Int { 500 }

    /// `$from, $from+1, …` for `count` binds.
    static func placeholders(_ count: Int, from first: Int = 1) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
    }
}
