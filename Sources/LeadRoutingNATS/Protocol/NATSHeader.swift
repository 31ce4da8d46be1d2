/// One header line of an `HPUB`/`HMSG` header block. Names are case-sensitive on the wire (JetStream finds
/// `Nats-Msg-Id` by exact byte search), may repeat, and keep their order.
public struct NATSHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// The JetStream de-duplication id: a re-publish with the same id inside the stream's duplicate window is
    /// acknowledged as a duplicate and not stored again.
    public static func messageID(_ id: String) -> NATSHeader { NATSHeader("Nats-Msg-Id", id) }

    /// Makes JetStream refuse the publish when a stream other than `name` captures the subject.
    public static func expectedStream(_ name: String) -> NATSHeader { NATSHeader("Nats-Expected-Stream", name) }
}
