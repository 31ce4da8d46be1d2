/// Which leads a listing returns: one type behind `GET /api/v1/leads` and `leadrouter lead list`, so both accept
/// the same filters with the same limits. Pages are in lead-id order; the next page starts after ``afterLeadId``.
public struct LeadListQuery: Sendable, Hashable {
    /// A lead's place in its life, as listings filter and show it.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// Offered to an agent, not yet accepted.
        case offered
        /// Accepted by its agent.
        case accepted
        /// No eligible agent yet: waiting in the retry queue.
        case unroutable
        /// Retried ``RetryQueuePolicy/maximumAttempts`` times without an agent: waits for a person (re-queue by hand).
        case needsAttention = "needs_attention"
        /// Closed, won or lost.
        case closed
    }

    public var status: Status?
    /// Leads whose active (offered or accepted) or closing assignment is this agent's.
    public var agentId: String?
    public var territoryId: String?
    /// Leads received at or after this time (Unix epoch milliseconds).
    public var sinceMillis: Int64?
    /// Page size, 1–500. Default 50.
    public var limit: Int
    /// The last lead id of the previous page; nil for the first page.
    public var afterLeadId: String?

    /// The accepted page sizes.
    public static let limits = 1...500

    public init(
        status: Status? = nil,
        agentId: String? = nil,
        territoryId: String? = nil,
        sinceMillis: Int64? = nil,
        limit: Int = 50,
        afterLeadId: String? = nil
    ) {
        self.status = status
        self.agentId = agentId
        self.territoryId = territoryId
        self.sinceMillis = sinceMillis
        self.limit = limit
        self.afterLeadId = afterLeadId
    }
}

/// One row of a lead listing: where the lead is in its life and with whom, without its personal fields.
public struct LeadSummary: Sendable, Hashable {
    public var leadId: String
    public var status: LeadListQuery.Status
    /// The agent of the active or closing assignment; nil when unroutable.
    public var agentId: String?
    public var territoryId: String?
    /// Unix epoch milliseconds.
    public var receivedAtMillis: Int64
    public var updatedAtMillis: Int64
    /// Times the retry queue tried to route the lead (0 when it never waited there).
    public var routeAttempts: Int
    /// Why the last attempt found no agent; nil when routed.
    public var lastReason: String?

    public init(
        leadId: String,
        status: LeadListQuery.Status,
        agentId: String?,
        territoryId: String?,
        receivedAtMillis: Int64,
        updatedAtMillis: Int64,
        routeAttempts: Int = 0,
        lastReason: String? = nil
    ) {
        self.leadId = leadId
        self.status = status
        self.agentId = agentId
        self.territoryId = territoryId
        self.receivedAtMillis = receivedAtMillis
        self.updatedAtMillis = updatedAtMillis
        self.routeAttempts = routeAttempts
        self.lastReason = lastReason
    }
}

/// A listing parameter that is not valid: the parameter's name (as the query string and the CLI flag spell it) and why.
public struct LeadListQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var parameter: String
    public var reason: String

    public init(parameter: String, reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(self.parameter): \(self.reason)" }
}

extension LeadListQuery {
    /// The query from its textual parameters, as `GET /api/v1/leads` and `leadrouter lead list` receive them; the
    /// same mistake gets the same message on both.
    public init(
        status: String?,
        agent: String?,
        territory: String?,
        since: String?,
        limit: String?,
        cursor: String?
    ) throws(LeadListQueryError) {
        self.init()
        if let status {
            guard let value = Status(rawValue: status) else {
                throw LeadListQueryError(parameter: "status", reason: "must be one of \(Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.status = value
        }
        if let agent {
            guard !agent.isEmpty else { throw LeadListQueryError(parameter: "agent", reason: "must not be empty") }
            self.agentId = agent
        }
        if let territory {
            guard !territory.isEmpty else { throw LeadListQueryError(parameter: "territory", reason: "must not be empty") }
            self.territoryId = territory
        }
        if let since {
            guard let millis = ISO8601Timestamp.millis(parsing: since) else {
                throw LeadListQueryError(parameter: "since", reason: "must be an ISO-8601 date or time, e.g. 2026-11-30T00:00:00Z")
            }
            self.sinceMillis = millis
        }
        if let limit {
            guard let value = Int(limit), Self.limits.contains(value) else {
                throw LeadListQueryError(parameter: "limit", reason: "must be an integer \(Self.limits.lowerBound)–\(Self.limits.upperBound)")
            }
            self.limit = value
        }
        if let cursor {
            guard let after = PageCursor.decode(cursor, kind: LeadPage.cursorKind) else {
                throw LeadListQueryError(parameter: "cursor", reason: "not a cursor of this listing (pass the previous page's nextCursor)")
            }
            self.afterLeadId = after
        }
    }
}
