/// A failure talking to Neo4j. Carries Neo4j's status code when the server sent one. Its description never
/// contains a credential or a parameter value: the server's own message (which may quote values, for example
/// in a constraint violation) is kept apart in ``serverMessage`` and is not printed.
public struct Neo4jError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { self.name }

        /// The server could not be reached (refused, reset, DNS, TLS handshake).
        public static let connectionFailed = Kind(name: "connection failed")
        /// No answer within the configured timeout.
        public static let timeout = Kind(name: "timeout")
        /// Neo4j answered with a status code in `errors`.
        public static let server = Kind(name: "server error")
        /// 401/403: missing or wrong credentials.
        public static let unauthorized = Kind(name: "unauthorized")
        /// An HTTP status without a Neo4j error body.
        public static let http = Kind(name: "HTTP error")
        /// The response was not what the API specifies.
        public static let protocolViolation = Kind(name: "protocol violation")
        /// A parameter that cannot be sent (NaN, an entity).
        public static let invalidParameter = Kind(name: "invalid parameter")
        /// Configuration or query library problem (no such query file, bad URL).
        public static let configuration = Kind(name: "configuration")
    }

    public var kind: Kind
    /// Neo4j's status code, e.g. `Neo.ClientError.Statement.SyntaxError`.
    public var code: String?
    /// The HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// What was being done: a query name such as `import/agents`, or an endpoint; never parameter values.
    public var context: String
    /// Our own explanation, free of values.
    public var detail: String
    /// The server's message verbatim. May quote data; not part of ``description``.
    public var serverMessage: String?

    public init(
        kind: Kind,
        code: String? = nil,
        httpStatus: Int? = nil,
        context: String = "",
        detail: String = "",
        serverMessage: String? = nil
    ) {
        self.kind = kind
        self.code = code
        self.httpStatus = httpStatus
        self.context = context
        self.detail = detail
        self.serverMessage = serverMessage
    }

    /// `Neo.TransientError.*`, a connection failure, a timeout or a 502/503/504: retrying may succeed.
    public var isTransient: Bool {
        if let code { return code.hasPrefix("Neo.TransientError.") }
        if self.kind == .connectionFailed || self.kind == .timeout { return true }
        if self.kind == .http, let status = self.httpStatus { return status == 502 || status == 503 || status == 504 }
        return false
    }

    /// The server or network is unavailable (as opposed to a bad query): callers fall back to cached data.
    public var isUnavailable: Bool {
        self.kind == .connectionFailed || self.kind == .timeout || (self.kind == .http && (self.httpStatus ?? 0) >= 500)
            || (self.code?.hasPrefix("Neo.TransientError.") ?? false)
    }

    public var description: String {
        var text = "Neo4j \(self.kind)"
        if let code { text += " \(code)" }
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if !self.context.isEmpty { text += " in \(self.context)" }
        if !self.detail.isEmpty { text += ": \(self.detail)" }
        return text
    }

    static func invalidParameter(_ what: String) -> Neo4jError {
        Neo4jError(kind: .invalidParameter, detail: "parameters cannot contain \(what)")
    }

    static func protocolViolation(_ what: String) -> Neo4jError {
        Neo4jError(kind: .protocolViolation, detail: "unexpected response: \(what)")
    }
}
