public import LeadRoutingCore

/// A value bound to or read from SQL. Booleans are stored as 0/1 integers so both databases read the same.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

/// One result row, columns in the order of the SELECT list.
public struct SQLRow: Sendable {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) { self.values = values }

    public func int(_ column: Int) throws -> Int64 {
        switch self.values[column] {
        case .int(let value): return value
        case .double(let value): return Int64(value)
        case .text(let text): if let value = Int64(text) { return value }
        case .null: break
        }
        throw SQLRowError(column: column, expected: "integer")
    }

    public func double(_ column: Int) throws -> Double {
        switch self.values[column] {
        case .double(let value): return value
        case .int(let value): return Double(value)
        case .text(let text): if let value = Double(text) { return value }
        case .null: break
        }
        throw SQLRowError(column: column, expected: "number")
    }

    public func text(_ column: Int) throws -> String {
        if case .text(let value) = self.values[column] { return value }
        throw SQLRowError(column: column, expected: "text")
    }

    public func optionalText(_ column: Int) throws -> String? {
        if case .null = self.values[column] { return nil }
        return try self.text(column)
    }

    public func optionalInt(_ column: Int) throws -> Int64? {
        if case .null = self.values[column] { return nil }
        return try self.int(column)
    }

    public func optionalDouble(_ column: Int) throws -> Double? {
        if case .null = self.values[column] { return nil }
        return try self.double(column)
    }
}

/// A stored value of an unexpected type.
public struct SQLRowError: Error, CustomStringConvertible {
    public var column: Int
    public var expected: String
    public var description: String { "column \(self.column): expected \(self.expected)" }
}

/// A connection inside a transaction (or a plain connection for reads). SQL uses `$1`, `$2`, … placeholders;
/// every value is bound, never spliced into the text.
public protocol SQLConnection: Sendable {
    /// The rows the statement returns (none for most writes, so the result may be ignored).
    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

extension SQLConnection {
    @discardableResult
    public func query(_ sql: String) async throws -> [SQLRow] { try await self.query(sql, []) }
}

/// What differs between the databases: DDL spellings, locking, the outbox id and error classification.
public struct SQLDialect: Sendable {
    public enum Kind: Sendable { case sqlite, postgres }
    public var kind: Kind

    public static let sqlite = SQLDialect(kind: .sqlite)
    public static let postgres = SQLDialect(kind: .postgres)

    /// An auto-increment 64-bit primary key column.
    var serialPrimaryKey: String {
        switch self.kind {
        case .sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT"
        case .postgres: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        }
    }

    /// Row lock suffix for a SELECT inside a transaction (SQLite's `BEGIN IMMEDIATE` already locks the database).
    var forUpdate: String {
        switch self.kind {
        case .sqlite: ""
        case .postgres: " FOR UPDATE"
        }
    }
}

/// A database the store runs transactions on.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in one transaction: commits when it returns, rolls back when it throws. Implementations retry
    /// the whole body on transient conflicts (deadlock, serialization failure), so `body` must only touch the
    /// database. Connection failures surface as ``LeadStoreError`` `.unavailable`.
    @discardableResult
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T
    /// ``transaction(_:)`` for schema migrations, which wait for another process's migration (a database-wide lock):
    /// an adapter with per-call deadlines gives them a longer one. Default: ``transaction(_:)``.
    @discardableResult
    func migrationTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T
    /// Runs reads outside an explicit transaction.
    @discardableResult
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T
    /// Runs one statement as its own (implicit) transaction: one round trip on Postgres, one hop to SQLite's thread.
    /// The statement is atomic by itself. A statement the decision-commit program declines surfaces as
    /// ``SQLStatementDeclined`` (as it does from ``SQLConnection/query(_:_:)`` in a transaction); other failures as
    /// in ``transaction(_:)``, including the retry of transient conflicts.
    func autocommit(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Releases connections.
    func shutdown() async throws
}

extension SQLDatabase {
    @discardableResult
    public func migrationTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await self.transaction(body)
    }
}

/// The decision-commit program (``LeadStoreSchema`` migration 3) declined by raising: its statement was backed out,
/// nothing was written.
public struct SQLStatementDeclined: Error, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// A new lead's id is recorded already.
        case leadExists
        /// The candidate's capacity could not be reserved.
        case candidateRefused(CandidateRefusal)
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }
}
