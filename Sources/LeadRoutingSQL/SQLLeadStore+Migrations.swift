import Foundation
public import LeadRoutingCore

extension SQLLeadStore {
    /// Reads the recorded version without creating anything (0 when the database holds no lead-store schema), so it
    /// also works on a read-only connection.
    public func schemaVersion() async throws -> Int {
        let dialect = self.dialect
        return try await self.database.read { connection in
            let probe =
                dialect.kind == .sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                : "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END"
            guard try await connection.query(probe).first?.int(0) == 1 else { return 0 }
            let rows = try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            return Int(try rows.first?.int(0) ?? 0)
        }
    }

    static func version(_ connection: any SQLConnection) async throws -> Int {
        try await connection.query(LeadStoreSchema.createMigrationsTable)
        let rows = try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return Int(try rows.first?.int(0) ?? 0)
    }

    /// Applies every pending migration in one transaction.
    @discardableResult
    public func migrate() async throws -> MigrationReport {
        let migrations = LeadStoreSchema.migrations(self.dialect)
        let dialect = self.dialect
        return try await self.database.migrationTransaction { connection in
            if dialect.kind == .postgres {
                // Two processes migrating at once: the second waits, then finds nothing to do.
                try await connection.query("SELECT pg_advisory_xact_lock(7263517)")
            }
            let from = try await Self.version(connection)
            guard from <= LeadStoreSchema.currentVersion else {
                throw LeadStoreError.schemaTooNew(databaseVersion: from, binaryVersion: LeadStoreSchema.currentVersion)
            }
            var applied: [Int] = []
            let now = self.clock.nowMillis()
            for migration in migrations where migration.version > from {
                for statement in migration.statements { try await connection.query(statement) }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
                    [.int(Int64(migration.version)), .text(migration.name), .int(now)]
                )
                applied.append(migration.version)
            }
            return MigrationReport(fromVersion: from, toVersion: max(from, applied.last ?? from), applied: applied)
        }
    }
}
