/// A parsed `--store` URL: `sqlite:PATH`, `sqlite::memory:` or `postgres://user:pass@host:port/db` (also
/// `postgresql://`, and `?host=/socket/dir` for a Unix socket). Pure parsing; the adapters connect.
public enum LeadStoreURL: Sendable, Hashable {
    case sqlite(path: String)
    case sqliteMemory
    case postgres(PostgresSettings)

    /// Connection settings for Postgres.
    public struct PostgresSettings: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// A Unix socket directory (`?host=/dir`); the socket is `dir/.s.PGSQL.port`.
        public var socketDirectory: String?
        /// `?connect_timeout=S`: seconds to wait for a connection; nil: the adapter's default (5 s).
        public var connectTimeoutSeconds: Double?
        /// `?call_timeout=S`: seconds one store call may take, waiting for a connection included; nil: the adapter's
        /// default (10 s).
        public var callTimeoutSeconds: Double?

        public init(
            host: String = "127.0.0.1",
            port: Int = 5432,
            username: String = "postgres",
            password: String? = nil,
            database: String = "postgres",
            socketDirectory: String? = nil,
            connectTimeoutSeconds: Double? = nil,
            callTimeoutSeconds: Double? = nil
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.socketDirectory = socketDirectory
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.callTimeoutSeconds = callTimeoutSeconds
        }

        /// The socket path when connecting through a Unix socket.
        public var socketPath: String? { self.socketDirectory.map { "\($0)/.s.PGSQL.\(self.port)" } }
    }

    /// Parses a store URL; errors are ``LeadStoreError/Kind/invalidURL`` with a one-line reason.
    public init(parsing text: String) throws(LeadStoreError) {
        func bad(_ reason: String) -> LeadStoreError {
            LeadStoreError(.invalidURL, "invalid store URL '\(Self.redacted(text))': \(reason)")
        }
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            if path == ":memory:" {
                self = .sqliteMemory
                return
            }
            let trimmed = path.hasPrefix("//") ? String(path.dropFirst(2)) : path
            guard !trimmed.isEmpty else { throw bad("give a file path (sqlite:PATH) or sqlite::memory:") }
            self = .sqlite(path: trimmed)
            return
        }
        let scheme: String
        if text.hasPrefix("postgres://") {
            scheme = "postgres://"
        } else if text.hasPrefix("postgresql://") {
            scheme = "postgresql://"
        } else {
            throw bad("expected sqlite:PATH, sqlite::memory: or postgres://user:password@host:port/database")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var settings = PostgresSettings()
        var hostPart = rest
        if let slash = rest.firstIndex(of: "/") {
            hostPart = rest[..<slash]
            let database = rest[rest.index(after: slash)...]
            if !database.isEmpty { settings.database = Self.percentDecoded(database) }
        }
        if let at = hostPart.lastIndex(of: "@") {
            let credentials = hostPart[..<at]
            hostPart = hostPart[hostPart.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                settings.username = Self.percentDecoded(credentials[..<colon])
                settings.password = Self.percentDecoded(credentials[credentials.index(after: colon)...])
            } else {
                settings.username = Self.percentDecoded(credentials)
            }
            if settings.username.isEmpty { throw bad("empty user name") }
        }
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw bad("unterminated IPv6 address") }
            settings.host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            hostPart = hostPart[hostPart.index(after: close)...]
            if !hostPart.isEmpty {
                guard hostPart.hasPrefix(":") else { throw bad("expected :port after the IPv6 address") }
                settings.port = try Self.port(hostPart.dropFirst(), bad: bad)
            }
        } else if let colon = hostPart.lastIndex(of: ":") {
            settings.host = String(hostPart[..<colon])
            settings.port = try Self.port(hostPart[hostPart.index(after: colon)...], bad: bad)
        } else if !hostPart.isEmpty {
            settings.host = String(hostPart)
        }
        for item in query.split(separator: "&") where !item.isEmpty {
            let pair = item.split(separator: "=", maxSplits: 1)
            let key = String(pair[0])
            let value = pair.count > 1 ? Self.percentDecoded(pair[1]) : ""
            switch key {
            case "host":
                guard value.hasPrefix("/") else { throw bad("host= takes a socket directory (an absolute path)") }
                settings.socketDirectory = value
            case "sslmode":
                guard value == "disable" || value == "prefer" else { throw bad("only sslmode=disable or prefer is supported") }
            case "connect_timeout", "call_timeout":
                guard let seconds = Double(value), seconds.isFinite, seconds > 0, seconds <= 3600 else {
                    throw bad("\(key) takes seconds, more than 0 and at most 3600")
                }
                if key == "connect_timeout" { settings.connectTimeoutSeconds = seconds } else { settings.callTimeoutSeconds = seconds }
            case "application_name":
                continue
            default:
                throw bad("unknown parameter '\(key)'")
            }
        }
        if settings.host.isEmpty && settings.socketDirectory == nil { throw bad("missing host") }
        self = .postgres(settings)
    }

    private static func port(_ text: Substring, bad: (String) -> LeadStoreError) throws(LeadStoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else { throw bad("port must be 1–65535") }
        return port
    }

    private static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "%"), let high = utf8.next(), let low = utf8.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public static func redacted(_ text: String) -> String {
        let scheme = text.hasPrefix("postgresql://") ? "postgresql://" : "postgres://"
        guard text.hasPrefix(scheme), let at = text.lastIndex(of: "@") else { return text }
        let afterScheme = text.index(text.startIndex, offsetBy: scheme.count)
        guard at > afterScheme else { return text }
        let credentials = text[afterScheme..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
