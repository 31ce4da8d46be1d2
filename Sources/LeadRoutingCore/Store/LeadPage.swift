/// One page of a lead listing, as `GET /api/v1/leads` and `leadrouter lead list --json` both print it.
public struct LeadPage: Sendable, Encodable {
    public var leads: [LeadSummary]
    /// Pass as `cursor` for the next page; null on the last page.
    public var nextCursor: String?

    /// The cursor kind of lead listings.
    public static let cursorKind = "l"

    /// The page of `leads` fetched for `query`: a next cursor when the page is full.
    public init(leads: [LeadSummary], query: LeadListQuery) {
        self.leads = leads
        self.nextCursor = leads.count == query.limit ? leads.last.map { PageCursor.encode(kind: Self.cursorKind, after: $0.leadId) } : nil
    }

    enum CodingKeys: String, CodingKey { case leads, nextCursor }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.leads, forKey: .leads)
        try container.encode(self.nextCursor, forKey: .nextCursor)
    }
}

extension LeadSummary: Encodable {
    enum CodingKeys: String, CodingKey {
        case leadId, status, agentId, territoryId, receivedAt, updatedAt, routeAttempts, lastReason
    }

    /// Times as ISO-8601; absent values as explicit nulls, so every row has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.leadId, forKey: .leadId)
        try container.encode(self.status, forKey: .status)
        try container.encode(self.agentId, forKey: .agentId)
        try container.encode(self.territoryId, forKey: .territoryId)
        try container.encode(ISO8601Timestamp.string(millis: self.receivedAtMillis), forKey: .receivedAt)
        try container.encode(ISO8601Timestamp.string(millis: self.updatedAtMillis), forKey: .updatedAt)
        try container.encode(self.routeAttempts, forKey: .routeAttempts)
        try container.encode(self.lastReason, forKey: .lastReason)
    }
}
