import LeadRoutingCore

/// One call of the decision-commit program (created by migration 3): the only code that writes a decision. Given
/// one candidate agent (or none, for an unroutable decision) it reserves the agent's capacity, writes the lead (a
/// new row, or the status and decision of a recorded one), the assignment, the lead's and the decision's audit rows
/// and the outbox event, in one statement; or, when the candidate is refused, writes nothing. A commit falls down
/// its ranking by calling it once per candidate (see ``SQLLeadStore``'s commit).
///
/// Postgres: a PL/pgSQL function returning the assignment id, 0 without an assignment, or a negative refusal code
/// (raising would abort an enclosing transaction). SQLite: an `INSTEAD OF INSERT` trigger on a view, which refuses
/// with `RAISE(ABORT, …)` (that backs out the statement only; an enclosing transaction goes on).
struct DecisionCommitProgram: Sendable {
    /// How the lead row is written, and its audit row.
    struct LeadWrite: Sendable {
        /// The lead's audit action: `received` inserts a new lead (the program declines, writing nothing, when the
        /// id is recorded already); any other action updates the recorded lead's status and decision.
        var action: String
        var fromState: String?
        var toState: String?
        var detail: String
        /// The payload and its canonical form: a new lead's only.
        var payload: String?
        var canonicalPayload: String?
        /// The event kind when the decision is routed (`lead.routed`, or `lead.reassigned` after a re-route).
        var routedEventKind: String

        static let newLeadAction = "received"
    }

    var lead: LeadWrite
    var leadId: String
    var status: LeadStatus
    var decisionJSON: String
    var atMillis: Int64
    /// The candidate to reserve and assign; nil records the decision as unroutable.
    var agentId: String?
    var score: Double?
    var pathJSON: String?
    var policy: String
    var graphVersion: String
    /// The decision's audit detail (the rule, the fallback, or why it is unroutable).
    var detail: String
    var eventKind: String
    /// The event payload is `prefix || assignment id || suffix`, or the prefix alone without an assignment.
    var eventPrefix: String
    var eventSuffix: String

    /// The program's parameters in bind order, with their Postgres types: the function's signature, the SQLite
    /// view's columns and ``binds`` all follow this list.
    static let parameters: [(name: String, postgresType: String)] = [
        ("lead_action", "TEXT"), ("lead_from", "TEXT"), ("lead_to", "TEXT"), ("lead_detail", "TEXT"),
        ("lead_id", "TEXT"), ("payload", "TEXT"), ("canonical_payload", "TEXT"), ("status", "TEXT"), ("decision", "TEXT"),
        ("at_ms", "BIGINT"), ("agent_id", "TEXT"), ("score", "DOUBLE PRECISION"), ("path", "TEXT"), ("policy", "TEXT"),
        ("graph_version", "TEXT"), ("detail", "TEXT"), ("kind", "TEXT"), ("event_prefix", "TEXT"), ("event_suffix", "TEXT"),
    ]

    var binds: [SQLValue] {
        [
            .text(self.lead.action), self.lead.fromState.map(SQLValue.text) ?? .null, self.lead.toState.map(SQLValue.text) ?? .null,
            .text(self.lead.detail), .text(self.leadId), self.lead.payload.map(SQLValue.text) ?? .null,
            self.lead.canonicalPayload.map(SQLValue.text) ?? .null, .text(self.status.rawValue), .text(self.decisionJSON),
            .int(self.atMillis), self.agentId.map(SQLValue.text) ?? .null, self.score.map(SQLValue.double) ?? .null,
            self.pathJSON.map(SQLValue.text) ?? .null, .text(self.policy), .text(self.graphVersion), .text(self.detail),
            .text(self.eventKind), .text(self.eventPrefix), .text(self.eventSuffix),
        ]
    }

    static let name = "leadrouter_commit_decision"

    /// The statement that calls the program. Its one row holds the Postgres result code, or (SQLite) the id of
    /// the lead's offered assignment.
    static func statement(_ dialect: SQLDialect) -> String {
        switch dialect.kind {
        case .postgres: Self.postgresStatement
        case .sqlite: Self.sqliteStatement
        }
    }

    private static let postgresStatement =
        "SELECT \(name)(" + parameters.enumerated().map { "$\($0.offset + 1)::\($0.element.postgresType)" }.joined(separator: ", ") + ")"

    private static let sqliteStatement = """
        INSERT INTO \(name) (\(parameters.map(\.name).joined(separator: ", ")))
        VALUES (\(parameters.indices.map { "$\($0 + 1)" }.joined(separator: ", ")))
        RETURNING (SELECT assignment_id FROM assignments a WHERE a.lead_id = \(name).lead_id AND a.state = 'offered')
        """

    /// What a call did.
    enum Reply: Equatable {
        /// Written; the new assignment's id when the decision is routed.
        case recorded(assignmentId: Int64?)
        /// The candidate was refused; nothing written.
        case refused(CandidateRefusal)
    }

    /// Postgres's negative result code for a refused candidate.
    static func postgresCode(_ refusal: CandidateRefusal) -> Int64 {
        switch refusal {
        case .atCapacity: -1
        case .paused: -2
        case .notInStore: -3
        }
    }

    /// Reads a call's result row (a refusal raised by SQLite arrives as ``SQLStatementDeclined`` instead).
    static func reply(_ rows: [SQLRow], dialect: SQLDialect) throws -> Reply {
        let value = try rows.first?.optionalInt(0)
        switch dialect.kind {
        case .sqlite:
            return .recorded(assignmentId: value)
        case .postgres:
            guard let value else { throw LeadStoreError(.corrupt, "the decision-commit program returned no result") }
            if value > 0 { return .recorded(assignmentId: value) }
            if value == 0 { return .recorded(assignmentId: nil) }
            guard let refusal = CandidateRefusal.allCases.first(where: { Self.postgresCode($0) == value }) else {
                throw LeadStoreError(.corrupt, "the decision-commit program returned an unknown code \(value)")
            }
            return .refused(refusal)
        }
    }

    /// SQLSTATE with which the Postgres program declines a new lead whose id is recorded already (it rolls back).
    static let leadExistsState = "LR001"

    /// The message of SQLite's `RAISE(ABORT, …)` for each way the program declines.
    static func sqliteDeclineMessage(_ reason: SQLStatementDeclined.Reason) -> String {
        switch reason {
        case .leadExists: "\(declineMarker) lead_exists"
        case .candidateRefused(let refusal): "\(declineMarker) candidate_\(refusal.rawValue)"
        }
    }

    static let declineMarker = "leadrouter: commit declined:"
}

extension SQLStatementDeclined {
    /// The decline a SQLite error message reports, if the decision-commit program raised it.
    public init?(sqliteMessage message: String) {
        guard message.contains(DecisionCommitProgram.declineMarker) else { return nil }
        let reasons = [Reason.leadExists] + CandidateRefusal.allCases.map { Reason.candidateRefused($0) }
        guard let reason = reasons.first(where: { message.contains(DecisionCommitProgram.sqliteDeclineMessage($0)) }) else { return nil }
        self.init(reason)
    }

    /// The decline a Postgres error's SQLSTATE reports, if the decision-commit program raised it.
    public init?(postgresState state: String) {
        guard state == DecisionCommitProgram.leadExistsState else { return nil }
        self.init(.leadExists)
    }
}
