import Synchronization

/// What a handler learns about a request that the edge middleware's access log line needs, such as the token's
/// subject. A reference, because the middleware and the handler see different copies of the request context.
public final class RequestLogRecord: Sendable {
    private let subject = Mutex<String?>(nil)

    public init() {}

    /// The authenticated caller's subject, once known.
    public var callerSubject: String? { self.subject.withLock { $0 } }

    func setSubject(_ subject: String) { self.subject.withLock { $0 = subject } }
}
