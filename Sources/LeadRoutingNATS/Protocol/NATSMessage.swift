/// A message the server delivered (`MSG` or `HMSG`): a reply to a request, a PubAck, a no-responders status.
public struct NATSMessage: Sendable, Hashable {
    public var subject: String
    /// The subscription id the client chose.
    public var sid: String
    public var replyTo: String?
    /// The status on the header block's first line (`NATS/1.0 503`), if any: 503 means no responders.
    public var status: Int?
    public var statusDescription: String?
    public var headers: [NATSHeader]
    public var payload: [UInt8]

    public init(
        subject: String,
        sid: String,
        replyTo: String? = nil,
        status: Int? = nil,
        statusDescription: String? = nil,
        headers: [NATSHeader] = [],
        payload: [UInt8] = []
    ) {
        self.subject = subject
        self.sid = sid
        self.replyTo = replyTo
        self.status = status
        self.statusDescription = statusDescription
        self.headers = headers
        self.payload = payload
    }

    /// The first value of header `name` (exact case), if present.
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name == name }?.value
    }
}
