/// A failure talking to NATS or JetStream. ``isRetryable`` tells a relay whether to back off and try the same
/// publish again (with the same message id) or to set the event aside.
public struct NATSError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The server sent something this client cannot parse, or the client was about to send something invalid.
        case protocolViolation
        /// A subject, header or payload the client refuses to send (e.g. larger than the server's `max_payload`).
        case invalidArgument
        /// TCP connect failed, or the connection closed (a reply owed on it is lost: the outcome is unknown).
        case connectionFailed
        /// The server refused the connection (`-ERR` during the handshake, e.g. an authorization violation).
        case handshakeRefused
        /// No reply within the request timeout: the outcome is unknown.
        case timedOut
        /// Nobody listens on the subject (no stream captures it): nothing was stored.
        case noResponders
        /// JetStream answered with an error document.
        case jetStream
        /// The stream exists with settings this publisher does not accept.
        case streamMismatch
    }

    public var kind: Kind
    public var message: String
    /// JetStream's `err_code` (e.g. 10059 stream not found) and `code` (HTTP-like status), when ``kind`` is ``Kind/jetStream``.
    public var jetStreamErrorCode: Int?
    public var jetStreamStatus: Int?

    public init(_ kind: Kind, _ message: String, jetStreamErrorCode: Int? = nil, jetStreamStatus: Int? = nil) {
        self.kind = kind
        self.message = message
        self.jetStreamErrorCode = jetStreamErrorCode
        self.jetStreamStatus = jetStreamStatus
    }

    /// Whether trying the same publish again later can succeed: connection losses, timeouts, no responders and
    /// JetStream's 503-class and in-process errors are; protocol, argument and 400-class errors are not.
    public var isRetryable: Bool {
        switch self.kind {
        case .connectionFailed, .timedOut, .noResponders: true
        case .jetStream: (self.jetStreamStatus ?? 0) >= 500 || self.jetStreamErrorCode == 10158
        case .protocolViolation, .invalidArgument, .handshakeRefused, .streamMismatch: false
        }
    }

    public var description: String {
        var text = "NATS \(self.kind.rawValue): \(self.message)"
        if let code = self.jetStreamErrorCode { text += " (JetStream error \(code))" }
        return text
    }
}
