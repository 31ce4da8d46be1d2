import LeadRoutingCore

extension SQLLeadStore {
    /// Runs one statement: ``SQLDatabase/autocommit(_:_:)``, or ``SQLConnection/query(_:_:)`` in a transaction.
    typealias Execute = (String, [SQLValue]) async throws -> [SQLRow]

    /// What one call of the decision-commit program did.
    enum ProgramOutcome {
        /// Written; the new assignment when the decision is routed.
        case recorded(AssignmentRecord?)
        /// The candidate was refused; nothing written.
        case refused(CandidateRefusal)
    }

    /// Writes `decision` (as committed) through ``DecisionCommitProgram`` in one statement: on its agent, whose
    /// capacity the program reserves, when routed; as unroutable otherwise. `detail` is the decision's audit
    /// detail. A new lead (`lead.action` `received`) whose id is recorded already throws ``SQLStatementDeclined``
    /// `.leadExists`, having written nothing. `planId` names the rebalance plan in the event of a move.
    static func callProgram(
        _ decision: RoutingDecision,
        leadId: String,
        detail: String,
        lead: DecisionCommitProgram.LeadWrite,
        atMillis: Int64,
        dialect: SQLDialect,
        planId: String? = nil,
        execute: Execute
    ) async throws -> ProgramOutcome {
        let routed = decision.status == .routed
        let agentId = routed ? decision.agentId : nil
        let score = routed ? decision.score : nil
        let path = routed ? try Self.json(decision.path) : nil
        // The event payload's keys are sorted, so `assignmentId` comes first: the program splices the id the
        // database assigns between `{"assignmentId":` and the rest.
        let payload = EventPayload(
            status: decision.status.rawValue,
            assignmentId: nil,
            policy: decision.policy,
            graphVersion: decision.graphVersion,
            reason: decision.reason?.rawValue,
            planId: planId
        )
        let eventJSON = try Self.json(payload)
        let (eventPrefix, eventSuffix) = agentId == nil ? (eventJSON, "") : (#"{"assignmentId":"#, "," + String(eventJSON.dropFirst()))
        let call = DecisionCommitProgram(
            lead: lead,
            leadId: leadId,
            status: routed ? .routed : .unroutable,
            decisionJSON: try Self.json(decision),
            atMillis: atMillis,
            agentId: agentId,
            score: score,
            pathJSON: path,
            policy: decision.policy,
            graphVersion: decision.graphVersion,
            detail: detail,
            eventKind: agentId == nil ? "lead.unroutable" : lead.routedEventKind,
            eventPrefix: eventPrefix,
            eventSuffix: eventSuffix
        )
        let rows: [SQLRow]
        do {
            rows = try await execute(DecisionCommitProgram.statement(dialect), call.binds)
        } catch let declined as SQLStatementDeclined {
            guard case .candidateRefused(let refusal) = declined.reason else { throw declined }
            return .refused(refusal)
        }
        let assignmentId: Int64?
        switch try DecisionCommitProgram.reply(rows, dialect: dialect) {
        case .refused(let refusal): return .refused(refusal)
        case .recorded(let id): assignmentId = id
        }
        guard let agentId, let score, let path else { return .recorded(nil) }
        var id = assignmentId
        if id == nil {
            // Committed; read the id back (SQLite evaluates RETURNING after the trigger, so this is a safety net).
            id = try await execute(
                "SELECT assignment_id FROM assignments WHERE lead_id = $1 AND state = 'offered'",
                [.text(leadId)]
            ).first?.int(0)
        }
        guard let id else { throw LeadStoreError(.corrupt, "lead \(leadId): committed assignment not found") }
        assert(
            (try? Self.json(
                EventPayload(
                    status: payload.status,
                    assignmentId: id,
                    policy: payload.policy,
                    graphVersion: payload.graphVersion,
                    reason: payload.reason,
                    planId: payload.planId
                )
            ))
                == eventPrefix + String(id) + eventSuffix,
            "event payload splice differs from the encoder's output"
        )
        return .recorded(
            AssignmentRecord(
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
        )
    }
}
