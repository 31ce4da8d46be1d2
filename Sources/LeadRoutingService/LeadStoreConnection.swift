import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingSQLite
import Logging
import ServiceLifecycle

/// The lead store the service runs on, opened from its URL, with its lifetime as a ServiceLifecycle service:
/// Postgres runs its connection pool in `run()`; SQLite waits for shutdown and closes the file. The server shuts
/// down first (services stop in reverse order), so in-flight requests still reach the store.
struct LeadStoreConnection: Service {
    let store: any LeadStore
    private let postgres: PostgresDatabase?

    /// A store opened elsewhere (tests); closed when the service stops.
    init(store: any LeadStore) {
        self.init(store: store, postgres: nil)
    }

    private init(store: any LeadStore, postgres: PostgresDatabase?) {
        self.store = store
        self.postgres = postgres
    }

    /// Opens the store (no I/O for Postgres until the service runs; ``prepare()`` connects and migrates).
    static func open(_ url: String) async throws -> LeadStoreConnection {
        switch try LeadStoreURL(parsing: url) {
        case .sqlite(let path):
            return LeadStoreConnection(store: try await SQLiteLeadStore.openSQLite(path: path), postgres: nil)
        case .sqliteMemory:
            return LeadStoreConnection(store: try await SQLiteLeadStore.openSQLite(path: nil), postgres: nil)
        case .postgres(let settings):
            let database = PostgresDatabase(settings: settings)
            return LeadStoreConnection(store: PostgresLeadStore(database: database), postgres: database)
        }
    }

    /// Checks reachability and applies migrations; run before the server accepts requests.
    func prepare() async throws {
        if let postgres { try await postgres.ping() }
        try await self.store.migrate()
    }

    func run() async throws {
        if let postgres {
            try await postgres.run()
        } else {
            try? await gracefulShutdown()
        }
        try? await self.store.shutdown()
    }
}
