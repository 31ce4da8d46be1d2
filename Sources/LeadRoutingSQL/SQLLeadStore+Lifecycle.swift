public import LeadRoutingCore

extension SQLLeadStore {
    /// Ends the offer and re-routes the lead in one transaction: the end of the offer is written here, the new
    /// decision through the decision-commit program (falling down the ranking, or unroutable).
    public func reroute(_ reroute: RerouteCommit) async throws -> CommitOutcome {
        try Self.requireRanking(reroute.decision, reroute.ranking, leadId: reroute.leadId)
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
                AuditRow(
                    leadId: reroute.leadId,
                    assignmentId: assignmentId,
                    agentId: reroute.agentId,
                    action: reroute.endState.rawValue,
                    from: state.rawValue,
                    to: reroute.endState.rawValue,
                    detail: reroute.reason ?? ""
                ),
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
            let lead = DecisionCommitProgram.LeadWrite(
                action: "rerouted",
                detail: CommitPlan.rerouteNote(agentId: reroute.agentId, endState: reroute.endState),
                routedEventKind: AssignmentState.reassigned.eventKind
            )
            let recorded = try await Self.record(
                reroute.decision,
                ranking: reroute.ranking,
                leadId: reroute.leadId,
                lead: lead,
                atMillis: reroute.atMillis,
                recordUnroutable: true,
                dialect: dialect,
                execute: { try await connection.query($0, $1) }
            )
            return recorded.outcome(.rerouted)
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
            guard transition.from.contains(assignment.state), assignment.state.canTransition(to: transition.to), transition.to != .reassigned
            else {
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
            try await Self.applyLoadChange(
                from: from,
                to: transition.to,
                transition: transition,
                decidedAtMillis: assignment.decidedAtMillis,
                dialect: dialect,
                connection: connection
            )
            try await Self.insertAudit(
                AuditRow(
                    leadId: transition.leadId,
                    assignmentId: assignment.id,
                    agentId: transition.agentId,
                    action: transition.to.auditAction(from: from),
                    from: from.rawValue,
                    to: transition.to.rawValue,
                    detail: ""
                ),
                atMillis: transition.atMillis,
                connection: connection
            )
            try await Self.insertEvent(
                kind: transition.to.eventKind(from: from),
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

    /// Moves the agent's load, conversion and response counts and the lead's status with an assignment's state:
    /// leaving or re-entering an active state frees or takes a slot (re-entering only while the agent has room), the
    /// won and lost counts follow the closed state, and an accept of the offer adds one accepted offer and its
    /// offer→accept milliseconds (`transition.atMillis − decidedAtMillis`, never below zero: the same figure the
    /// `accept-latency` invariant reads from the audit row) in the same statement. A change of the won or lost
    /// counts moves the referral pair's counts too when the lead came by referral (``applyReferralOutcomeChange``).
    static func applyLoadChange(
        from: AssignmentState,
        to: AssignmentState,
        transition: AssignmentTransition,
        decidedAtMillis: Int64,
        dialect: SQLDialect,
        connection: any SQLConnection
    ) async throws {
        let open = Int64(to.isActive ? 1 : 0) - Int64(from.isActive ? 1 : 0)
        let won = Int64(to == .closedWon ? 1 : 0) - Int64(from == .closedWon ? 1 : 0)
        let lost = Int64(to == .closedLost ? 1 : 0) - Int64(from == .closedLost ? 1 : 0)
        // An accept (from the offer; a reopen is not one) counts the offer and its latency.
        let accepted: Int64 = from == .offered && to == .accepted ? 1 : 0
        let latency = accepted * max(0, transition.atMillis - decidedAtMillis)
        guard open != 0 || won != 0 || lost != 0 || accepted != 0 else { return }
        let updated = try await connection.query(
            """
            UPDATE agent_load SET open_count = open_count + $2, closed_won = closed_won + $3, closed_lost = closed_lost + $4,
                accepted_offers = accepted_offers + $5, accept_latency_ms = accept_latency_ms + $6
            WHERE agent_id = $1 AND ($2 <= 0 OR open_count < capacity) RETURNING agent_id
            """,
            [.text(transition.agentId), .int(open), .int(won), .int(lost), .int(accepted), .int(latency)]
        )
        guard !updated.isEmpty else {
            throw LeadStoreError(
                .invalidTransition,
                "lead \(transition.leadId): agent \(transition.agentId) is at capacity; cannot move the assignment back to \(to.rawValue)"
            )
        }
        if won != 0 || lost != 0 {
            try await Self.applyReferralOutcomeChange(
                leadId: transition.leadId,
                agentId: transition.agentId,
                won: won,
                lost: lost,
                dialect: dialect,
                connection: connection
            )
        }
        if open != 0 {
            try await connection.query(
                "UPDATE leads SET status = $2, updated_at_ms = $3 WHERE lead_id = $1",
                [.text(transition.leadId), .text(to.isActive ? LeadStatus.routed.rawValue : LeadStatus.closed.rawValue), .int(transition.atMillis)]
            )
        }
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

    /// Appends one audit row of an assignment's transition (a decision's own audit rows are the program's).
    static func insertAudit(_ row: AuditRow, atMillis: Int64, connection: any SQLConnection) async throws {
        try await connection.query(
            """
            INSERT INTO audit_log (lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [
                .text(row.leadId), row.assignmentId.map(SQLValue.int) ?? .null, row.agentId.map(SQLValue.text) ?? .null,
                .text(row.action), row.from.map(SQLValue.text) ?? .null, row.to.map(SQLValue.text) ?? .null,
                .int(atMillis), .text(row.detail),
            ]
        )
    }
}
