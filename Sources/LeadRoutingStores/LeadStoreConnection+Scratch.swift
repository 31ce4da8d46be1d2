import Foundation
public import LeadRoutingCore
import LeadRoutingPostgres
public import LeadRoutingSQL
import LeadRoutingSQLite

extension LeadStoreConnection {
    /// Where a scratch store lives.
    public enum ScratchArea: Sendable, Hashable {
        /// A temporary SQLite file, never the one the URL names (or SQLite in memory for `sqlite::memory:`).
        case temporarySQLiteFile
        case sqliteInMemory
        /// A new schema in the Postgres database the URL names, first on the search path of every connection.
        case postgresSchema(String)

        /// One line for reports.
        public var description: String {
            switch self {
            case .temporarySQLiteFile: "a temporary SQLite file"
            case .sqliteInMemory: "SQLite in memory"
            case .postgresSchema(let name): "the scratch schema \(name)"
            }
        }
    }

    /// Runs `body` on an empty, migrated store of the same kind as `url` that is made for it and dropped afterwards
    /// (also when `body` throws), so a benchmark never touches the data at `url`: SQLite in a temporary file (its
    /// directory removed), Postgres in a new schema `leadrouter_bench_<random>` (dropped with everything in it).
    /// Throws, writing nothing, when the scratch area cannot be made (for example no right to create a schema).
    public static func withScratchStore<T: Sendable>(
        _ url: String,
        clock: any WallClock = SystemWallClock(),
        _ body: @Sendable (any CheckableLeadStore, ScratchArea) async throws -> T
    ) async throws -> T {
        switch try LeadStoreURL(parsing: url) {
        case .sqliteMemory:
            return try await Self.withStore(url, clock: clock) { try await body($0, .sqliteInMemory) }
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadrouter-scratch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let scratch = "sqlite:" + directory.appendingPathComponent("scratch.sqlite").path
            return try await Self.withStore(scratch, clock: clock) { try await body($0, .temporarySQLiteFile) }
        case .postgres(let settings):
            var random = SystemRandomNumberGenerator()
            // Lower-case hex only: safe as an identifier without quoting.
            let schema = "leadrouter_bench_" + String(random.next() as UInt64, radix: 16)
            let redacted = LeadStoreURL.redacted(url)
            return try await withPostgresLeadStore(settings, configuration: .init(settings: settings)) { admin in
                do {
                    _ = try await admin.database.read { try await $0.query("CREATE SCHEMA \(schema)") }
                } catch {
                    throw LeadStoreError(
                        .unavailable,
                        "cannot create a scratch schema in \(redacted) (\(error)); refusing to run in the database itself"
                    )
                }
                do {
                    var configuration = PostgresDatabase.Configuration(settings: settings)
                    configuration.schema = schema
                    let result = try await withPostgresLeadStore(settings, configuration: configuration) { store in
                        try await store.migrate()
                        return try await body(store, .postgresSchema(schema))
                    }
                    _ = try await admin.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE") }
                    return result
                } catch {
                    _ = try? await admin.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE") }
                    throw error
                }
            }
        }
    }
}
