import LeadRoutingCore

/// One page of `GET /api/v1/admin/webhooks/failures`: parked webhook events, oldest first.
struct ParkedEventPage: Encodable {
    /// One parked event as the admin listing shows it.
    struct Item: Encodable {
        /// The parked event's id: what `POST …/failures/{id}/retry` names.
        var id: String
        /// The webhook URL it was meant for.
        var webhook: String
        var eventId: String
        var eventType: String
        var leadId: String
        /// Failed attempts so far.
        var attempts: Int
        var lastError: String
        var parkedAt: String
        var updatedAt: String
        /// The request body it sent: the event's JSON, exactly as signed.
        var body: String

        init(_ parked: ParkedEvent) {
            self.id = String(parked.id)
            let prefix = WebhookEventSink.consumer(url: "")
            self.webhook = parked.consumer.hasPrefix(prefix) ? String(parked.consumer.dropFirst(prefix.count)) : parked.consumer
            self.eventId = String(parked.eventId)
            self.eventType = parked.eventType
            self.leadId = parked.leadId
            self.attempts = parked.attempts
            self.lastError = parked.lastError
            self.parkedAt = ISO8601Timestamp.string(millis: parked.parkedAtMillis)
            self.updatedAt = ISO8601Timestamp.string(millis: parked.updatedAtMillis)
            self.body = parked.body
        }
    }

    var failures: [Item]
    /// Pass as `cursor` for the next page; null on the last page.
    var nextCursor: String?

    /// The cursor kind of this listing.
    static let cursorKind = "w"

    init(_ events: [ParkedEvent], more: Bool) {
        self.failures = events.map(Item.init)
        self.nextCursor = more ? events.last.map { PageCursor.encode(kind: Self.cursorKind, after: String($0.id)) } : nil
    }

    enum CodingKeys: String, CodingKey { case failures, nextCursor }

    /// `nextCursor` as an explicit null on the last page, like the other listings.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.failures, forKey: .failures)
        try container.encode(self.nextCursor, forKey: .nextCursor)
    }
}
