public import LeadRoutingCore
import LeadRoutingPostgres
public import LeadRoutingSQL
import LeadRoutingSQLite
public import ServiceLifecycle

/// A lead store opened from its URL: the one way the CLI and the HTTP service open one, whichever adapter the URL
/// names (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`).
///
/// Two lifetimes: a long-running process adds it to its ServiceLifecycle group (Postgres runs its connection pool
/// in ``run()``; SQLite waits for shutdown; both then close the store), a one-shot command uses
/// ``withStore(_:migrate:readOnly:clock:_:)``, which runs the pool only while its body runs.
public struct LeadStoreConnection: Service {
    /// The opened store; both SQL stores can check their invariants.
    public let store: any CheckableLeadStore
    private let postgres: PostgresDatabase?
    /// The URL (password redacted), for messages.
    private let location: String
    /// Opened only to read: nothing is created or migrated.
    private let readOnly: Bool

    /// A store opened elsewhere (tests); closed when ``run()`` ends.
    public init(store: any CheckableLeadStore) {
        self.init(store: store, postgres: nil, location: "the injected store", readOnly: false)
    }

    private init(store: any CheckableLeadStore, postgres: PostgresDatabase?, location: String, readOnly: Bool) {
        self.store = store
        self.postgres = postgres
        self.location = location
        self.readOnly = readOnly
    }

    /// Opens the store `url` names: the SQLite file now, Postgres without I/O until ``prepare(migrate:)`` (its
    /// pool must be running, see ``run()``). Throws ``LeadStoreError/Kind/invalidURL`` for an unknown URL. `clock`
    /// stamps what the store records by itself (migrations, outbox cursors). `readOnly` (the commands that only
    /// read): SQLite opens the file read-only and a missing file is ``LeadStoreError/Kind/missingStore``, never
    /// created; Postgres runs read-only transactions.
    public static func open(
        _ url: String,
        clock: any WallClock = SystemWallClock(),
        readOnly: Bool = false
    ) async throws
        -> LeadStoreConnection
    {
        let location = LeadStoreURL.redacted(url)
        switch try LeadStoreURL(parsing: url) {
        case .sqlite(let path):
            let store = try await SQLiteLeadStore.openSQLite(path: path, configuration: .init(readOnly: readOnly), clock: clock)
            return LeadStoreConnection(store: store, postgres: nil, location: location, readOnly: readOnly)
        case .sqliteMemory:
            let store = try await SQLiteLeadStore.openSQLite(path: nil, clock: clock)
            return LeadStoreConnection(store: store, postgres: nil, location: location, readOnly: readOnly)
        case .postgres(let settings):
            let database = PostgresDatabase(settings: settings, configuration: .init(settings: settings, readOnly: readOnly))
            return LeadStoreConnection(
                store: PostgresLeadStore(database: database, clock: clock),
                postgres: database,
                location: location,
                readOnly: readOnly
            )
        }
    }

    /// Checks that the database answers, then applies pending migrations (`migrate`) or only checks that its
    /// schema is not newer than this binary (throws ``LeadStoreError/Kind/schemaTooNew``). Run before first use.
    /// Opened read-only, a database without the lead-store schema is ``LeadStoreError/Kind/missingStore``.
    public func prepare(migrate: Bool = true) async throws {
        if let postgres { try await postgres.ping() }
        if migrate && !self.readOnly {
            try await self.store.migrate()
            return
        }
        let version = try await self.store.schemaVersion()
        if version > LeadStoreSchema.currentVersion {
            throw LeadStoreError.schemaTooNew(databaseVersion: version, binaryVersion: LeadStoreSchema.currentVersion)
        }
        if self.readOnly && version == 0 {
            throw LeadStoreError(
                .missingStore,
                "\(self.location) holds no lead store (schema version 0; `leadrouter migrate --store URL` creates one)"
            )
        }
    }

    /// The lease of a singleton job on this store: a Postgres advisory lock (one holder among every process on the
    /// database), or, on SQLite (one process), a lease that is always held.
    public func jobLease(_ job: String) -> any JobLease {
        if let postgres { return PostgresJobLease(job: job, database: postgres) }
        return ProcessJobLease(job: job)
    }

    /// Runs until graceful shutdown (Postgres: the connection pool), then closes the store.
    public func run() async throws {
        if let postgres {
            try await postgres.run()
        } else {
            try? await gracefulShutdown()
        }
        try? await self.store.shutdown()
    }

    /// Opens the store `url` names, prepares it (``prepare(migrate:)``), runs `body` on it and closes it; nothing
    /// outlives the call.
    public static func withStore<T: Sendable>(
        _ url: String,
        migrate: Bool = true,
        readOnly: Bool = false,
        clock: any WallClock = SystemWallClock(),
        _ body: @Sendable (any CheckableLeadStore) async throws -> T
    ) async throws -> T {
        let connection = try await Self.open(url, clock: clock, readOnly: readOnly)
        do {
            let result = try await connection.whileRunning {
                try await connection.prepare(migrate: migrate)
                return try await body(connection.store)
            }
            try await connection.store.shutdown()
            return result
        } catch {
            try? await connection.store.shutdown()
            throw error
        }
    }

    /// Runs `body` while the Postgres pool runs (SQLite needs nothing running).
    private func whileRunning<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard let postgres else { return try await body() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await postgres.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
