/// How to reach a Neo4j server over HTTP. Every field has a documented default.
public struct Neo4jConfiguration: Sendable {
    /// Which HTTP API runs the statements.
    public enum API: String, Sendable, CaseIterable {
        /// From the discovery document (`GET /`): the Query API when it is advertised, else the transactional API.
        case automatic
        /// Query API v2 (`/db/{db}/query/v2`; explicit transactions need Neo4j ≥ 5.26).
        case queryV2 = "query"
        /// The transactional API (`/db/{db}/tx`), for Neo4j 4.x–5.x servers without the Query API.
        case transactional = "tx"
    }

    /// Credentials. `description` never shows a secret.
    public enum Credentials: Sendable, CustomStringConvertible {
        case none
        case basic(user: String, password: String)
        case bearer(token: String)

        public var description: String {
            switch self {
            case .none: "none"
            case .basic(let user, _): "basic(user: \(user), password: <redacted>)"
            case .bearer: "bearer(<redacted>)"
            }
        }

        var authorizationHeader: String? {
            switch self {
            case .none: nil
            case .basic(let user, let password): "Basic " + Base64.encode(Array("\(user):\(password)".utf8))
            case .bearer(let token): "Bearer " + token
            }
        }
    }

    /// Bounded retry with exponential back-off for transient failures.
    public struct Retry: Sendable {
        /// Attempts in total, including the first. Default 4.
        public var maxAttempts: Int
        /// Delay before the second attempt. Default 100 ms; doubles per attempt.
        public var initialBackoff: Duration
        /// Upper bound on one delay. Default 2 s.
        public var maxBackoff: Duration

        public init(maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(2)) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
        }

        /// No retry at all.
        public static let none = Retry(maxAttempts: 1)

        func backoff(afterAttempt attempt: Int) -> Duration {
            var delay = self.initialBackoff
            for _ in 1..<max(1, attempt) { delay *= 2 }
            return min(delay, self.maxBackoff)
        }
    }

    /// Server root, e.g. `http://localhost:7474` or `https://xxxx.databases.neo4j.io` (TLS by scheme; system trust
    /// store).
    public var url: String
    /// Database name. Default `neo4j`.
    public var database: String
    /// Default ``Credentials/none``.
    public var credentials: Credentials
    /// Default ``API/automatic``.
    public var api: API
    /// TCP + TLS connect timeout. Default 5 s.
    public var connectTimeout: Duration
    /// Whole-request timeout. Default 60 s.
    public var requestTimeout: Duration
    /// Default 4 attempts, 100 ms doubling to at most 2 s.
    public var retry: Retry

    public init(
        url: String,
        database: String = "neo4j",
        credentials: Credentials = .none,
        api: API = .automatic,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(60),
        retry: Retry = Retry()
    ) {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        self.url = url
        self.database = database
        self.credentials = credentials
        self.api = api
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
    }
}
