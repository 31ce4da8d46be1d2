/// A directed referral relationship: `from` has sent `sent` clients to `to`, of which `closed` closed.
public struct Referral: Sendable, Hashable {
    /// Index into ``Dataset/agents``.
    public var from: Int32
    /// Index into ``Dataset/agents``.
    public var to: Int32
    public var sent: Int32
    public var closed: Int32

    public init(from: Int32, to: Int32, sent: Int32 = 1, closed: Int32 = 0) {
        self.from = from
        self.to = to
        self.sent = sent
        self.closed = closed
    }
}
