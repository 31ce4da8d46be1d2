public import LeadRoutingCore
public import LeadRoutingSQL
import Logging
import NIOCore
public import PostgresNIO
public import ServiceLifecycle

/// Postgres through PostgresNIO's pooled ``PostgresClient``. A ServiceLifecycle `Service`: `run()` runs the pool
/// and must be running while the store is used (``withPostgresLeadStore(_:configuration:_:)`` does that in a task
/// group). Transactions retry on deadlock and serialization failures; every call has a deadline, so an
/// unreachable server gives ``LeadStoreError/Kind/unavailable`` instead of a hang: a call still waiting after the
/// connect timeout checks the server with one direct connection and fails at once when it is unreachable, or
/// refuses the credentials (``LeadStoreError/Kind/authenticationFailed``).
public final class PostgresDatabase: SQLDatabase, Service {
    /// Settings, each with a documented default.
    public struct Configuration: Sendable {
        /// How long to wait for the first connection (and each new pooled one). Default 5 s (URL `connect_timeout`).
        public var connectTimeout: Duration
        /// Deadline for one store call, including waiting for a pooled connection. Default 10 s (URL `call_timeout`):
        /// below the 30 s a typical HTTP client waits, so a caller gets the 503 before it gives up.
        public var operationTimeout: Duration
        /// Deadline for applying migrations, which wait for another process's migration. Default 120 s.
        public var migrationTimeout: Duration
        /// Pool size. Default 16.
        public var maximumConnections: Int
        /// Attempts of a transaction that hits a deadlock or serialization failure. Default 8.
        public var maximumAttempts: Int
        /// A schema to put first on the `search_path` (tables are created there). Default nil: the server's default.
        public var schema: String?
        /// Every transaction read-only (`default_transaction_read_only`), for the commands that only read. Default false.
        public var readOnly: Bool

        public init(
            connectTimeout: Duration = .seconds(5),
            operationTimeout: Duration = .seconds(10),
            maximumConnections: Int = 16,
            maximumAttempts: Int = 8,
            schema: String? = nil,
            readOnly: Bool = false
        ) {
            self.schema = schema
            self.readOnly = readOnly
            self.migrationTimeout = .seconds(120)
            self.connectTimeout = connectTimeout
            self.operationTimeout = operationTimeout
            self.maximumConnections = maximumConnections
            self.maximumAttempts = maximumAttempts
        }

        /// The defaults, with the URL's `connect_timeout` and `call_timeout` when it gives them.
        public init(settings: LeadStoreURL.PostgresSettings, readOnly: Bool = false) {
            self.init(readOnly: readOnly)
            if let seconds = settings.connectTimeoutSeconds { self.connectTimeout = .milliseconds(Int64(seconds * 1000)) }
            if let seconds = settings.callTimeoutSeconds { self.operationTimeout = .milliseconds(Int64(seconds * 1000)) }
        }

        /// Startup parameters: the schema first on the search path, read-only transactions.
        var startupParameters: [(String, String)] {
            var parameters: [(String, String)] = []
            if let schema = self.schema { parameters.append(("search_path", schema)) }
            if self.readOnly { parameters.append(("default_transaction_read_only", "on")) }
            return parameters
        }
    }

    public let dialect = SQLDialect.postgres
    public let client: PostgresClient
    let settings: LeadStoreURL.PostgresSettings
    let configuration: Configuration
    let logger = Logger(label: "leadrouter.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    public init(settings: LeadStoreURL.PostgresSettings, configuration: Configuration = .init()) {
        self.settings = settings
        self.configuration = configuration
        var clientConfiguration: PostgresClient.Configuration
        if let socket = settings.socketPath {
            clientConfiguration = .init(
                unixSocketPath: socket,
                username: settings.username,
                password: settings.password,
                database: settings.database
            )
        } else {
            clientConfiguration = .init(
                host: settings.host,
                port: settings.port,
                username: settings.username,
                password: settings.password,
                database: settings.database,
                tls: .disable
            )
        }
        clientConfiguration.options.connectTimeout = configuration.connectTimeout
        clientConfiguration.options.maximumConnections = configuration.maximumConnections
        clientConfiguration.options.additionalStartupParameters = configuration.startupParameters
        self.client = PostgresClient(configuration: clientConfiguration, backgroundLogger: self.logger)
    }

    /// Runs the connection pool until cancelled or shut down gracefully.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.client.run()
        }
    }

    /// Opens one direct connection and runs `SELECT 1`, with the connect timeout: turns "connection refused",
    /// "password authentication failed" or "database does not exist" into one clear line, quickly. A refused login
    /// is ``LeadStoreError/Kind/authenticationFailed``, anything else ``LeadStoreError/Kind/unavailable``.
    public func ping() async throws {
        try await self.ping(within: self.configuration.connectTimeout)
    }

    /// The settings of one direct connection (outside the pool): the store URL's server, credentials and startup
    /// parameters, with `connectTimeout` (at least 100 ms).
    func directConnectionConfiguration(connectTimeout timeout: Duration) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = self.settings.socketPath {
            configuration = .init(
                unixSocketPath: socket,
                username: self.settings.username,
                password: self.settings.password,
                database: self.settings.database
            )
        } else {
            configuration = .init(
                host: self.settings.host,
                port: self.settings.port,
                username: self.settings.username,
                password: self.settings.password,
                database: self.settings.database,
                tls: .disable
            )
        }
        let millis = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        configuration.options.connectTimeout = .milliseconds(max(100, millis))
        configuration.options.additionalStartupParameters = self.configuration.startupParameters
        return configuration
    }

    private func ping(within timeout: Duration) async throws {
        let connectionConfiguration = self.directConnectionConfiguration(connectTimeout: timeout)
        let target = self.settings.socketPath ?? "\(self.settings.host):\(self.settings.port)"
        do {
            try await withDeadline(timeout, what: "connecting to Postgres at \(target)") {
                let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: self.logger)
                do {
                    try await connection.query("SELECT 1", logger: self.logger)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            }
        } catch let error as LeadStoreError {
            throw error
        } catch let error as PSQLError where Self.isAuthenticationFailure(error) {
            throw LeadStoreError(
                .authenticationFailed,
                "Postgres at \(target) refused the login of user \(self.settings.username): \(Self.describe(error)); check the user name and password of the store URL"
            )
        } catch {
            throw LeadStoreError(.unavailable, "cannot reach Postgres at \(target): \(Self.describe(error))")
        }
    }

    /// SQLSTATE class 28 (invalid authorization: wrong password, unknown role, no pg_hba entry).
    static func isAuthenticationFailure(_ error: PSQLError) -> Bool {
        error.serverInfo?[.sqlState]?.hasPrefix("28") == true
    }

    /// Runs one store call within ``Configuration/operationTimeout``. A call still waiting after the connect
    /// timeout (at most half the deadline) checks the server with ``ping()``: unreachable or refusing the login, the
    /// call fails at once with that reason; otherwise it keeps its deadline.
    func withCallDeadline<T: Sendable>(
        _ what: String,
        deadline: Duration? = nil,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let deadline = deadline ?? self.configuration.operationTimeout
        let diagnoseAfter = min(self.configuration.connectTimeout, deadline / 2)
        let clock = ContinuousClock()
        let start = clock.now
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: start + diagnoseAfter, clock: clock)
                try await self.ping(within: max(.milliseconds(100), deadline - diagnoseAfter))
                try await Task.sleep(until: start + deadline, clock: clock)
                return nil
            }
            defer { group.cancelAll() }
            do {
                guard let first = try await group.next(), let value = first else {
                    throw LeadStoreError(.unavailable, "timed out after \(deadline) waiting for \(what)")
                }
                return value
            } catch let error as LeadStoreError where error.kind == .unavailable && clock.now - start >= deadline {
                throw LeadStoreError(.unavailable, "timed out after \(deadline) waiting for \(what)")
            }
        }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.transaction(deadline: self.configuration.operationTimeout, body)
    }

    public func migrationTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.transaction(deadline: self.configuration.migrationTimeout, body)
    }

    private func transaction<T: Sendable>(
        deadline: Duration,
        _ body: @escaping @Sendable (any SQLConnection) async throws -> T
    ) async throws -> T {
        try await self.withCallDeadline("a Postgres transaction", deadline: deadline) {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    return try await self.client.withConnection { connection in
                        try await connection.query("BEGIN", logger: self.logger)
                        do {
                            let result = try await body(PostgresSession(connection: connection, logger: self.logger))
                            try await connection.query("COMMIT", logger: self.logger)
                            return result
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: self.logger)
                            throw error
                        }
                    }
                } catch let error as PSQLError where Self.isTransient(error) && attempt < self.configuration.maximumAttempts {
                    try await Task.sleep(for: .milliseconds(Int64.random(in: 1...(5 * Int64(attempt)))))
                    continue
                } catch {
                    throw Self.mapped(error)
                }
            }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.withCallDeadline("a Postgres read") {
            do {
                return try await self.client.withConnection { connection in
                    try await body(PostgresSession(connection: connection, logger: self.logger))
                }
            } catch {
                throw Self.mapped(error)
            }
        }
    }

    public func autocommit(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await self.withCallDeadline("a Postgres statement") {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    return try await self.client.withConnection { connection in
                        try await PostgresSession(connection: connection, logger: self.logger).query(sql, binds)
                    }
                } catch let error as PSQLError where Self.isTransient(error) && attempt < self.configuration.maximumAttempts {
                    try await Task.sleep(for: .milliseconds(Int64.random(in: 1...(5 * Int64(attempt)))))
                    continue
                } catch {
                    throw Self.mapped(error)
                }
            }
        }
    }

    public func shutdown() async throws {}

    static func isTransient(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    static func mapped(_ error: any Error) -> any Error {
        if error is LeadStoreError { return error }
        if let error = error as? PSQLError {
            if Self.isAuthenticationFailure(error) {
                return LeadStoreError(.authenticationFailed, "Postgres refused the login: \(Self.describe(error))")
            }
            if error.code == .server { return LeadStoreError(.unavailable, "Postgres: \(Self.describe(error))") }
            return LeadStoreError(.unavailable, "Postgres unavailable: \(Self.describe(error))")
        }
        return error
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// Runs `body` with a deadline: past it, `body` is cancelled and ``LeadStoreError/Kind/unavailable`` thrown.
func withDeadline<T: Sendable>(
    _ timeout: Duration,
    what: String,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw LeadStoreError(.unavailable, "timed out after \(timeout) \(what)")
        }
        return value
    }
}

/// The connection handed to transaction bodies.
struct PostgresSession: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .int(let v): bindings.append(v)
            case .double(let v): bindings.append(v)
            case .text(let v): bindings.append(v)
            }
        }
        do {
            return try await self.rows(PostgresQuery(unsafeSQL: sql, binds: bindings))
        } catch let error as PSQLError {
            // The decision-commit program declined (raised; its statement, or the transaction, rolls back).
            if let state = error.serverInfo?[.sqlState], let declined = SQLStatementDeclined(postgresState: state) { throw declined }
            throw error
        }
    }

    private func rows(_ query: PostgresQuery) async throws -> [SQLRow] {
        let rows = try await self.connection.query(query, logger: self.logger)
        var result: [SQLRow] = []
        for try await row in rows {
            var values: [SQLValue] = []
            for cell in row {
                guard cell.bytes != nil else {
                    values.append(.null)
                    continue
                }
                switch cell.dataType {
                case .int8, .int4, .int2: values.append(.int(try cell.decode(Int64.self)))
                case .float8, .float4, .numeric: values.append(.double(try cell.decode(Double.self)))
                case .bool: values.append(.int(try cell.decode(Bool.self) ? 1 : 0))
                default: values.append(.text(try cell.decode(String.self)))
                }
            }
            result.append(SQLRow(values))
        }
        return result
    }
}

/// The Postgres lead store.
public typealias PostgresLeadStore = SQLLeadStore<PostgresDatabase>

/// Connects (checking reachability within the connect timeout), runs the pool for the duration of `body`, then
/// stops it. Structured: nothing outlives the call.
public func withPostgresLeadStore<T: Sendable>(
    _ settings: LeadStoreURL.PostgresSettings,
    configuration: PostgresDatabase.Configuration = .init(),
    _ body: @Sendable (PostgresLeadStore) async throws -> T
) async throws -> T {
    let database = PostgresDatabase(settings: settings, configuration: configuration)
    try await database.ping()
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await database.client.run() }
        defer { group.cancelAll() }
        return try await body(PostgresLeadStore(database: database))
    }
}
