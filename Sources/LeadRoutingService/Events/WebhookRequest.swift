import LeadRoutingCore

/// One signed POST of an event to a webhook: the event's JSON (``LeadEvent``, the bytes NATS receives too) and
/// the headers a receiver reads: the signature, the event id and type.
struct WebhookRequest: Sendable {
    let url: String
    let body: [UInt8]
    let headers: [(name: String, value: String)]

    /// The request for `body` (an event's JSON) signed with `secret`.
    init(url: String, body: [UInt8], eventId: String, eventType: String, secret: [UInt8]) {
        self.url = url
        self.body = body
        self.headers = [
            ("Content-Type", "application/json"),
            ("User-Agent", "leadrouter"),
            (WebhookSignature.headerName, WebhookSignature.header(body: body, secret: secret)),
            (WebhookSignature.eventIdHeaderName, eventId),
            (WebhookSignature.eventTypeHeaderName, eventType),
        ]
    }
}

/// Sends webhook requests; a request that did not get a 2xx answer throws ``WebhookDeliveryError``.
protocol WebhookTransport: Sendable {
    func send(_ request: WebhookRequest) async throws
}

/// A webhook request that failed: the status a receiver answered, or the connection error.
struct WebhookDeliveryError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status when the receiver answered (not 2xx); nil when it could not be reached.
    var status: Int?
    var detail: String

    var description: String { self.status.map { "HTTP \($0)" + (self.detail.isEmpty ? "" : ": \(self.detail)") } ?? self.detail }
}
