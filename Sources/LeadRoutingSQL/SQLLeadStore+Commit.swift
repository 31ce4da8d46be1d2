public import LeadRoutingCore

extension SQLLeadStore {
    public func commit(_ commit: DecisionCommit) async throws -> CommitOutcome {
        try Self.requireRanking(commit.decision, commit.ranking, leadId: commit.leadId)
        let dialect = self.dialect
        do {
            // A new lead, the common case: one program call per candidate tried, each its own statement, so a
            // best candidate with room costs one round trip.
            if self.oneStatementCommit {
                return try await Self.commitNew(commit, dialect: dialect) { try await self.database.autocommit($0, $1) }
            }
            return try await self.database.transaction { connection in
                try await Self.commitNew(commit, dialect: dialect) { try await connection.query($0, $1) }
            }
        } catch let declined as SQLStatementDeclined where declined.reason == .leadExists {
            // The lead is recorded already: replay, conflict, or retry an unroutable lead.
            return try await self.database.transaction { connection in
                try await Self.commitExisting(commit, dialect: dialect) { try await connection.query($0, $1) }
            }
        }
    }

    private static func commitNew(_ commit: DecisionCommit, dialect: SQLDialect, execute: Execute) async throws -> CommitOutcome {
        let lead = DecisionCommitProgram.LeadWrite(
            action: DecisionCommitProgram.LeadWrite.newLeadAction,
            detail: "",
            payload: commit.payload,
            canonicalPayload: commit.canonicalPayload,
            routedEventKind: "lead.routed"
        )
        let recorded = try await Self.record(
            commit.decision,
            ranking: commit.ranking,
            leadId: commit.leadId,
            lead: lead,
            atMillis: commit.atMillis,
            recordUnroutable: true,
            dialect: dialect,
            execute: execute
        )
        return recorded.outcome(.committed)
    }

    private static func commitExisting(_ commit: DecisionCommit, dialect: SQLDialect, execute: Execute) async throws -> CommitOutcome {
        let rows = try await execute(
            "SELECT canonical_payload, status, decision FROM leads WHERE lead_id = $1\(dialect.forUpdate)",
            [.text(commit.leadId)]
        )
        guard let row = rows.first else { throw LeadStoreError(.unavailable, "lead \(commit.leadId) vanished during commit; retry") }
        // Bytes, not String equality: Swift's == treats "café" in NFC and NFD as equal, and they are different leads.
        guard Array(try row.text(0).utf8) == Array(commit.canonicalPayload.utf8) else { throw LeadStoreError.conflict(leadId: commit.leadId) }
        let stored = try Self.decision(try row.text(2), leadId: commit.leadId)
        guard try row.text(1) == LeadStatus.unroutable.rawValue, commit.decision.status == .routed else {
            return CommitOutcome(decision: stored, disposition: .replayed)
        }
        // Retry of an unroutable lead that now routes; it stays as it is when every candidate is refused.
        let lead = DecisionCommitProgram.LeadWrite(
            action: "retried",
            fromState: LeadStatus.unroutable.rawValue,
            toState: LeadStatus.routed.rawValue,
            detail: "routed on retry",
            routedEventKind: "lead.routed"
        )
        let recorded = try await Self.record(
            commit.decision,
            ranking: commit.ranking,
            leadId: commit.leadId,
            lead: lead,
            atMillis: commit.atMillis,
            recordUnroutable: false,
            dialect: dialect,
            execute: execute
        )
        guard recorded.written else { return CommitOutcome(decision: stored, disposition: .replayed, refused: recorded.refused) }
        return recorded.outcome(.retried)
    }

    /// What ``record(_:ranking:leadId:lead:atMillis:recordUnroutable:dialect:execute:)`` did.
    struct Recorded {
        var decision: RoutingDecision
        var assignment: AssignmentRecord?
        var reservedRank: Int?
        var refused: [RefusedCandidate]
        /// False when every candidate was refused and the unroutable decision was not to be recorded.
        var written: Bool

        func outcome(_ disposition: CommitOutcome.Disposition) -> CommitOutcome {
            CommitOutcome(
                decision: self.decision,
                disposition: disposition,
                assignment: self.assignment,
                reservedRank: self.reservedRank,
                refused: self.refused
            )
        }
    }

    /// Falls down `ranking`: calls the decision-commit program for each candidate, best first, until one's
    /// capacity is reserved (the decision as committed then names it, see ``CommitPlan``). When every candidate is
    /// refused, or the decision is unroutable, records it as unroutable if `recordUnroutable`, else writes nothing.
    static func record(
        _ decision: RoutingDecision,
        ranking: [CandidateExplanation],
        leadId: String,
        lead: DecisionCommitProgram.LeadWrite,
        atMillis: Int64,
        recordUnroutable: Bool,
        dialect: SQLDialect,
        execute: Execute
    ) async throws -> Recorded {
        var refused: [RefusedCandidate] = []
        if decision.status == .routed {
            for (rank, candidate) in ranking.enumerated() {
                let committed = CommitPlan.committedDecision(decision, ranking: ranking, taken: rank)
                let how = rank == 0 ? CommitPlan.offerNote(committed) : CommitPlan.fallbackNote(ranking: ranking, taken: rank)
                // The history names the policy (label and content hash), so the history alone tells policies apart.
                let detail = "\(how); policy \(committed.policy)"
                let outcome = try await Self.callProgram(
                    committed,
                    leadId: leadId,
                    detail: detail,
                    lead: lead,
                    atMillis: atMillis,
                    dialect: dialect,
                    execute: execute
                )
                switch outcome {
                case .recorded(let assignment):
                    return Recorded(decision: committed, assignment: assignment, reservedRank: rank, refused: refused, written: true)
                case .refused(let reason):
                    refused.append(RefusedCandidate(rank: rank, agentId: committed.agentId ?? candidate.agentId, reason: reason))
                }
            }
        }
        let unroutable = CommitPlan.committedDecision(decision, ranking: ranking, taken: nil)
        guard recordUnroutable else {
            return Recorded(decision: unroutable, assignment: nil, reservedRank: nil, refused: refused, written: false)
        }
        let outcome = try await Self.callProgram(
            unroutable,
            leadId: leadId,
            detail: "\(CommitPlan.unroutableNote(unroutable.reason)); policy \(unroutable.policy)",
            lead: lead,
            atMillis: atMillis,
            dialect: dialect,
            execute: execute
        )
        guard case .recorded = outcome else { throw LeadStoreError(.corrupt, "lead \(leadId): the unroutable decision was refused") }
        return Recorded(decision: unroutable, assignment: nil, reservedRank: nil, refused: refused, written: true)
    }

    /// A routed decision must come with the ranking the store falls down (the winner first).
    static func requireRanking(_ decision: RoutingDecision, _ ranking: [CandidateExplanation], leadId: String) throws {
        guard decision.status != .routed || !ranking.isEmpty else {
            throw LeadStoreError(.invalidPayload, "lead \(leadId): a routed decision must come with its ranking; nothing was written")
        }
    }
}
