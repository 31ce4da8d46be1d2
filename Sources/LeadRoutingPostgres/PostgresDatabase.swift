public import LeadRoutingCore
public import LeadRoutingSQL
import Logging
import NIOCore
public import PostgresNIO
public import ServiceLifecycle

/// Postgres through PostgresNIO's pooled ``PostgresClient``. A ServiceLifecycle `Service`: `run()` runs the pool
/// and must be running while the store is used (``withPostgresLeadStore(_:configuration:_:)`` does that in a task
/// group). Transactions retry on deadlock and serialization failures; every call has a deadline, so an
/// unreachable server gives ``LeadStoreError/Kind/unavailable`` instead of a hang.
public final class PostgresDatabase: SQLDatabase, Service {
    /// Settings, each with a documented default.
    public struct Configuration: Sendable {
        /// How long to wait for the first connection (and each new pooled one). Default 5 s.
        public var connectTimeout: Duration
        /// Deadline for one store call, including waiting for a pooled connection. Default 30 s.
        public var operationTimeout: Duration
        /// Pool size. Default 16.
        public var maximumConnections: Int
        /// Attempts of a transaction that hits a deadlock or serialization failure. Default 8.
        public var maximumAttempts: Int
        /// A schema to put first on the `search_path` (tables are created there). Default nil: the server's default.
        public var schema: String?

        public init(
            connectTimeout: Duration = .seconds(5),
            operationTimeout: Duration = .seconds(30),
            maximumConnections: Int = 16,
            maximumAttempts: Int = 8,
            schema: String? = nil
        ) {
            self.schema = schema
            self.connectTimeout = connectTimeout
            self.operationTimeout = operationTimeout
            self.maximumConnections = maximumConnections
            self.maximumAttempts = maximumAttempts
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
        if let schema = configuration.schema {
            clientConfiguration.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.client = PostgresClient(configuration: clientConfiguration, backgroundLogger: self.logger)
    }

    /// Runs the connection pool until cancelled or shut down gracefully.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.client.run()
        }
    }

    /// Opens one direct connection and runs `SELECT 1`, with the connect timeout: turns "connection refused",
    /// "password authentication failed" or "database does not exist" into one clear line, quickly.
    public func ping() async throws {
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
        let seconds = self.configuration.connectTimeout.components.seconds
        configuration.options.connectTimeout = .seconds(max(1, seconds))
        if let schema = self.configuration.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let connectionConfiguration = configuration
        let target = self.settings.socketPath ?? "\(self.settings.host):\(self.settings.port)"
        do {
            try await withDeadline(self.configuration.connectTimeout, what: "connecting to Postgres at \(target)") {
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
        } catch {
            throw LeadStoreError(.unavailable, "cannot reach Postgres at \(target): \(Self.describe(error))")
        }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await withDeadline(self.configuration.operationTimeout, what: "a Postgres transaction") {
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
        try await withDeadline(self.configuration.operationTimeout, what: "a Postgres read") {
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
        try await withDeadline(self.configuration.operationTimeout, what: "a Postgres statement") {
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
