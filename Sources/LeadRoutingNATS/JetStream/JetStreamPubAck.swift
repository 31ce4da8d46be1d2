/// JetStream's answer to a publish: where the message is stored.
public struct JetStreamPubAck: Sendable, Hashable {
    public var stream: String
    public var sequence: UInt64
    /// An earlier copy with the same `Nats-Msg-Id` was already stored; ``sequence`` is that copy's.
    public var duplicate: Bool

    public init(stream: String, sequence: UInt64, duplicate: Bool = false) {
        self.stream = stream
        self.sequence = sequence
        self.duplicate = duplicate
    }
}

/// The error document JetStream API replies and failed PubAcks carry.
struct JetStreamAPIError: Sendable, Hashable, Decodable {
    var code: Int
    var errCode: Int
    var description: String

    enum CodingKeys: String, CodingKey {
        case code
        case errCode = "err_code"
        case description
    }

    var natsError: NATSError {
        NATSError(.jetStream, self.description, jetStreamErrorCode: self.errCode, jetStreamStatus: self.code)
    }
}

/// One message for ``JetStreamPublisher/publish(_:)``: its subject, its `Nats-Msg-Id` and its bytes.
public struct JetStreamMessage: Sendable, Hashable {
    public var subject: String
    public var messageID: String
    public var payload: [UInt8]

    public init(subject: String, messageID: String, payload: [UInt8]) {
        self.subject = subject
        self.messageID = messageID
        self.payload = payload
    }
}
