import ArgumentParser
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingSQLite

/// `--store URL`, shared by the commands that read or write lead records.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Lead store: sqlite:PATH, sqlite::memory: or postgres://user:password@host:port/database[?host=/socket/dir].",
            valueName: "url"
        )
    )
    var store: String

    func validate() throws {
        do {
            _ = try LeadStoreURL(parsing: self.store)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Opens the store, migrates it (unless `migrate` is false: then it only checks the schema version), runs
    /// `body`, and closes it.
    func withStore<T: Sendable>(
        migrate: Bool = true,
        _ body: @Sendable (any CheckableLeadStore) async throws -> T
    ) async throws -> T {
        try await StoreConnector.withStore(self.store, migrate: migrate, body)
    }
}

/// Opens a lead store from its URL for the CLI, with errors as one-line ``CLIError``s.
enum StoreConnector {
    static func withStore<T: Sendable>(
        _ url: String,
        migrate: Bool = true,
        _ body: @Sendable (any CheckableLeadStore) async throws -> T
    ) async throws -> T {
        do {
            let parsed = try LeadStoreURL(parsing: url)
            switch parsed {
            case .sqlite(let path):
                let store = try await SQLiteLeadStore.openSQLite(path: path)
                return try await Self.run(store, migrate: migrate, body)
            case .sqliteMemory:
                let store = try await SQLiteLeadStore.openSQLite(path: nil)
                return try await Self.run(store, migrate: migrate, body)
            case .postgres(let settings):
                return try await withPostgresLeadStore(settings) { store in
                    try await Self.run(store, migrate: migrate, body)
                }
            }
        } catch let error as LeadStoreError {
            throw CLIError(error.message)
        }
    }

    private static func run<S: CheckableLeadStore, T: Sendable>(
        _ store: S,
        migrate: Bool,
        _ body: @Sendable (any CheckableLeadStore) async throws -> T
    ) async throws -> T {
        do {
            if migrate {
                try await store.migrate()
            } else {
                let version = try await store.schemaVersion()
                if version > LeadStoreSchema.currentVersion {
                    throw LeadStoreError(
                        .schemaTooNew,
                        "the database's schema version \(version) is newer than this binary's \(LeadStoreSchema.currentVersion); upgrade leadrouter"
                    )
                }
            }
            let result = try await body(store)
            try await store.shutdown()
            return result
        } catch {
            try? await store.shutdown()
            throw error
        }
    }
}
