/// The lead store's schema: versioned, forward-only migrations recorded in `schema_migrations`, one file per
/// migration (`LeadStoreSchema+MigrationN.swift`), and the invariants (`LeadStoreSchema+Invariants.swift`).
public enum LeadStoreSchema {
    /// One migration: its version, name and statements (in the dialect).
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var statements: [String]
    }

    /// The newest schema version this binary knows.
    public static var currentVersion: Int { 8 }

    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at_ms BIGINT NOT NULL
        )
        """

    /// Every migration, oldest first. Append new ones; never change what a released one leaves behind.
    public static func migrations(_ dialect: SQLDialect) -> [Migration] {
        [
            Self.migration1(dialect),
            // Migration 2 created the first one-statement commit (of a new lead on its best candidate only).
            // Migration 3 drops it and creates the program every commit now goes through. ``SQLLeadStore/migrate()``
            // applies every pending migration in one transaction, so a new database never shows version 2's
            // objects: version 2 is recorded with no statements, and databases migrated to 2 by an older binary
            // lose its objects in migration 3.
            Migration(version: 2, name: "decision commit of a new lead in one statement", statements: []),
            Self.migration3(dialect),
            Self.migration4(dialect),
            Self.migration5(dialect),
            Self.migration6(dialect),
            Self.migration7(dialect),
            Self.migration8(dialect),
        ]
    }
}
