import Foundation
public import LeadRoutingCore

/// The ``LeadStore`` written once over ``SQLDatabase``: every transaction, the schema and the migrations. The
/// SQLite and Postgres adapters supply the database; behaviour is identical by construction (and by the shared
/// conformance suite). One file per concern: `+Migrations`, `+Agents`, `+Commit` (the ranking loop),
/// `+CommitProgram` (one call of the decision-commit program), `+Lifecycle`, `+Reads`, `+Outbox`, `+Rows`,
/// `+Rebalance` (plans and their moves).
public struct SQLLeadStore<Database: SQLDatabase>: LeadStore {
    public let database: Database
    /// Whether each call of the decision-commit program runs as its own statement (one round trip; default true),
    /// or a new lead's calls run inside an explicit transaction (false; benchmarks compare the two, and the
    /// conformance suite checks that both write the same rows).
    public let oneStatementCommit: Bool
    /// Time for what the store stamps itself (migrations applied, outbox cursors moved); decisions and transitions
    /// carry the lifecycle's time.
    public let clock: any WallClock
    var dialect: SQLDialect { self.database.dialect }

    public init(database: Database, oneStatementCommit: Bool = true, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.oneStatementCommit = oneStatementCommit
        self.clock = clock
    }

    public func shutdown() async throws {
        try await self.database.shutdown()
    }
}

/// A lead store that can check its own invariants in SQL and apply rebalance plans (both SQL stores).
public protocol CheckableLeadStore: RebalanceStore {
    /// Violations per invariant of ``LeadStoreSchema/invariants`` (all zero when consistent).
    func checkInvariants() async throws -> [(name: String, violations: Int)]
}

extension SQLLeadStore: CheckableLeadStore {}

/// A store whose one-statement commit can be switched off (benchmarks compare it with an explicit transaction).
public protocol GeneralCommitSwitchable {
    /// The same database, every new lead's commit inside an explicit transaction.
    func withGeneralCommitOnly() -> any CheckableLeadStore
}

extension SQLLeadStore: GeneralCommitSwitchable {
    public func withGeneralCommitOnly() -> any CheckableLeadStore {
        Self(database: self.database, oneStatementCommit: false, clock: self.clock)
    }
}
