import Foundation
public import LeadRoutingCore
public import LeadRoutingSQL
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization

/// SQLite through SQLiteNIO: one connection, transactions serialised in-process by an async lock and across
/// processes by `BEGIN IMMEDIATE` (with a busy timeout). WAL journal.
public final class SQLiteDatabase: SQLDatabase {
    /// Settings, each with a documented default.
    public struct Configuration: Sendable {
        /// `PRAGMA synchronous`. Default `NORMAL`: in WAL mode a committed transaction survives a crash of the
        /// process (SIGKILL); a power loss may lose the last few. `FULL` also survives power loss, slower.
        public var synchronous: String
        /// How long to wait for another process's write lock before failing, in milliseconds. Default 10 s.
        public var busyTimeoutMillis: Int
        /// Open the file read-only: a missing file is reported (``LeadStoreError/Kind/missingStore``), never
        /// created, and nothing can be written. For the commands that only read. Default false.
        public var readOnly: Bool
        /// Run statements that queue up for the connection in one transaction (see ``autocommit(_:_:)``).
        /// Default true.
        public var groupCommit: Bool

        public init(synchronous: String = "NORMAL", busyTimeoutMillis: Int = 10_000, readOnly: Bool = false, groupCommit: Bool = true) {
            self.synchronous = synchronous
            self.busyTimeoutMillis = busyTimeoutMillis
            self.readOnly = readOnly
            self.groupCommit = groupCommit
        }
    }

    public let dialect = SQLDialect.sqlite
    let connection: SQLiteConnection
    let lock = AsyncLock()
    let groupsCommits: Bool
    /// Statements waiting for the connection (group commit).
    let queued = Mutex<[QueuedStatement]>([])
    let grouping = Mutex(GroupCommitStatistics())

    private init(connection: SQLiteConnection, groupCommit: Bool) {
        self.connection = connection
        self.groupsCommits = groupCommit
    }

    /// Opens (creating when missing, unless read-only) the database file at `path`, or an in-memory database when
    /// nil.
    public static func open(path: String?, configuration: Configuration = .init()) async throws -> SQLiteDatabase {
        var storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        if configuration.readOnly, let path {
            guard FileManager.default.fileExists(atPath: path) else {
                throw LeadStoreError(
                    .missingStore,
                    "the lead store \(path) does not exist (nothing was created; `leadrouter migrate --store sqlite:\(path)` creates one)"
                )
            }
            storage = .file(path: Self.readOnlyURI(path))
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(
                storage: storage,
                logger: Logger(label: "leadrouter.sqlite", factory: { _ in SwiftLogNoOpLogHandler() })
            )
        } catch {
            throw LeadStoreError(.unavailable, "cannot open SQLite database \(path ?? ":memory:"): \(error)")
        }
        let database = SQLiteDatabase(connection: connection, groupCommit: configuration.groupCommit)
        let journal = path == nil ? "MEMORY" : "WAL"
        guard ["OFF", "NORMAL", "FULL", "EXTRA"].contains(configuration.synchronous.uppercased()) else {
            throw LeadStoreError(.invalidURL, "synchronous must be OFF, NORMAL, FULL or EXTRA")
        }
        let pragmas =
            configuration.readOnly
            ? ["PRAGMA busy_timeout = \(max(0, configuration.busyTimeoutMillis))", "PRAGMA query_only = ON"]
            : [
                "PRAGMA busy_timeout = \(max(0, configuration.busyTimeoutMillis))",
                "PRAGMA journal_mode = \(journal)",
                "PRAGMA synchronous = \(configuration.synchronous.uppercased())",
                "PRAGMA foreign_keys = ON",
            ]
        do {
            for pragma in pragmas {
                _ = try await database.run(pragma, [])
            }
        } catch {
            try? await connection.close()
            throw LeadStoreError(.unavailable, "cannot use SQLite database \(path ?? ":memory:"): \(error)")
        }
        return database
    }

    /// An SQLite URI opening `path` read-only (`mode=ro`: never created, never written).
    static func readOnlyURI(_ path: String) -> String {
        var escaped = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "file:\(escaped)?mode=ro"
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.lock.withLock { try await self.transactionLocked(body) }
    }

    private func transactionLocked<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.retryingWhileBusy { _ = try await self.run("BEGIN IMMEDIATE", []) }
        do {
            let result = try await body(SQLiteSession(database: self))
            _ = try await self.run("COMMIT", [])
            return result
        } catch {
            _ = try? await self.run("ROLLBACK", [])
            throw Self.mapped(error)
        }
    }

    /// Runs `body` (which must start nothing it leaves behind when it fails), again after a short sleep while
    /// another process holds the write lock past the busy timeout; up to 50 attempts.
    func retryingWhileBusy<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch let error as SQLiteError where error.reason == .busy && attempt < 50 {
                try await Task.sleep(for: .milliseconds(10 * attempt))
            } catch {
                throw Self.mapped(error)
            }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.lock.withLock {
            do {
                return try await body(SQLiteSession(database: self))
            } catch {
                throw Self.mapped(error)
            }
        }
    }

    public func shutdown() async throws {
        try await self.connection.close()
    }

    func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let data = binds.map { value -> SQLiteData in
            switch value {
            case .null: .null
            case .int(let v): .integer(Int(v))
            case .double(let v): .float(v)
            case .text(let v): .text(v)
            }
        }
        let rows: [SQLiteRow]
        do {
            rows = try await self.connection.query(Self.numberedPlaceholders(sql), data)
        } catch let error as SQLiteError {
            // The decision-commit program's RAISE(ABORT) backed out its statement; a transaction goes on.
            if let declined = SQLStatementDeclined(sqliteMessage: error.message) { throw declined }
            throw error
        }
        return rows.map { row in
            SQLRow(
                row.columns.map { column in
                    switch column.data {
                    case .integer(let v): .int(Int64(v))
                    case .float(let v): .double(v)
                    case .text(let v): .text(v)
                    case .blob(let buffer): .text(String(buffer: buffer))
                    case .null: .null
                    }
                }
            )
        }
    }

    /// `$1` → `?1` (SQLite's numbered parameters), so the SQL text is shared with Postgres.
    static func numberedPlaceholders(_ sql: String) -> String {
        var bytes = Array(sql.utf8)
        for i in bytes.indices.dropLast() where bytes[i] == UInt8(ascii: "$") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i + 1]) {
            bytes[i] = UInt8(ascii: "?")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func mapped(_ error: any Error) -> any Error {
        if let error = error as? SQLiteError {
            return LeadStoreError(.unavailable, "SQLite: \(error.message)")
        }
        return error
    }
}

/// The connection handed to transaction bodies.
struct SQLiteSession: SQLConnection {
    let database: SQLiteDatabase

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await self.database.run(sql, binds)
    }
}

/// A FIFO async mutex: one transaction at a time on the single connection.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !self.locked {
            self.locked = true
            return
        }
        await withCheckedContinuation { self.waiters.append($0) }
    }

    nonisolated func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await self.lock()
        do {
            let result = try await body()
            await self.unlock()
            return result
        } catch {
            await self.unlock()
            throw error
        }
    }

    func unlock() {
        if self.waiters.isEmpty {
            self.locked = false
        } else {
            self.waiters.removeFirst().resume()
        }
    }
}

/// The SQLite lead store.
public typealias SQLiteLeadStore = SQLLeadStore<SQLiteDatabase>

extension SQLLeadStore where Database == SQLiteDatabase {
    /// Opens the store at `path` (nil: in memory). Call ``SQLLeadStore/migrate()`` before use.
    public static func openSQLite(
        path: String?,
        configuration: SQLiteDatabase.Configuration = .init(),
        clock: any WallClock = SystemWallClock()
    ) async throws -> Self {
        Self(database: try await SQLiteDatabase.open(path: path, configuration: configuration), clock: clock)
    }
}
