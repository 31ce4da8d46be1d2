/// The `INFO` document a NATS server sends when a client connects (and again later, e.g. on lame-duck mode).
/// Every field is optional and unknown keys are ignored: newer servers add fields.
public struct NATSServerInfo: Sendable, Hashable, Codable {
    public var serverId: String?
    public var version: String?
    public var proto: Int?
    /// The server accepts `HPUB` (needed for `Nats-Msg-Id`).
    public var headers: Bool?
    /// The largest payload (headers included) one publish may carry, in bytes.
    public var maxPayload: Int?
    /// JetStream is enabled; absent when it is off.
    public var jetstream: Bool?
    public var authRequired: Bool?
    public var tlsRequired: Bool?
    /// Lame-duck mode: the server is about to shut down.
    public var lameDuckMode: Bool?

    enum CodingKeys: String, CodingKey {
        case serverId = "server_id"
        case version, proto, headers
        case maxPayload = "max_payload"
        case jetstream
        case authRequired = "auth_required"
        case tlsRequired = "tls_required"
        case lameDuckMode = "ldm"
    }

    public init(
        serverId: String? = nil,
        version: String? = nil,
        proto: Int? = nil,
        headers: Bool? = nil,
        maxPayload: Int? = nil,
        jetstream: Bool? = nil,
        authRequired: Bool? = nil,
        tlsRequired: Bool? = nil,
        lameDuckMode: Bool? = nil
    ) {
        self.serverId = serverId
        self.version = version
        self.proto = proto
        self.headers = headers
        self.maxPayload = maxPayload
        self.jetstream = jetstream
        self.authRequired = authRequired
        self.tlsRequired = tlsRequired
        self.lameDuckMode = lameDuckMode
    }
}
