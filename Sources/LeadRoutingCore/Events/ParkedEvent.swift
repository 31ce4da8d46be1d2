/// An outbox event a consumer gave up delivering (a webhook that kept failing): kept in the store with the exact
/// body it sent, so it can be seen, and re-delivered by hand, while the consumer's cursor moved on.
public struct ParkedEvent: Sendable, Hashable {
    /// The parked row's id (not the event's): what the listing pages by and a retry names.
    public var id: Int64
    /// The outbox consumer that parked it (`webhook:<url>`).
    public var consumer: String
    /// The outbox event id.
    public var eventId: Int64
    /// The event type (`lead.routed`, …).
    public var eventType: String
    public var leadId: String
    /// The request body that was sent (the event's JSON), re-sent as is by a retry.
    public var body: String
    /// Failed attempts so far, retries by hand included.
    public var attempts: Int
    /// Why the last attempt failed.
    public var lastError: String
    /// When it was parked (Unix epoch milliseconds).
    public var parkedAtMillis: Int64
    /// When it last failed (Unix epoch milliseconds).
    public var updatedAtMillis: Int64

    public init(
        id: Int64,
        consumer: String,
        eventId: Int64,
        eventType: String,
        leadId: String,
        body: String,
        attempts: Int,
        lastError: String,
        parkedAtMillis: Int64,
        updatedAtMillis: Int64
    ) {
        self.id = id
        self.consumer = consumer
        self.eventId = eventId
        self.eventType = eventType
        self.leadId = leadId
        self.body = body
        self.attempts = attempts
        self.lastError = lastError
        self.parkedAtMillis = parkedAtMillis
        self.updatedAtMillis = updatedAtMillis
    }
}
