import Foundation
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingTestSupport
import Synchronization

/// A store under test plus raw SQL access to it (for invariant and row-count checks).
struct StoreUnderTest: Sendable {
    let store: any CheckableLeadStore
    /// The same database with a new lead's program calls inside an explicit transaction (not one statement each).
    let general: any CheckableLeadStore
    let dialect: SQLDialect
    let sql: @Sendable (String) async throws -> [SQLRow]
    /// The same database as another process would open it (SQLite: a second connection to the file; Postgres:
    /// another store on the database), for changes made "elsewhere". Closed by the caller.
    var openAnother: @Sendable () async throws -> any CheckableLeadStore = { throw LeadStoreError(.unavailable, "not available") }
    /// A transaction on the database (raw SQL), for interleaving writers.
    var transaction: @Sendable (@escaping @Sendable (any SQLConnection) async throws -> Void) async throws -> Void = { _ in
        throw LeadStoreError(.unavailable, "not available")
    }

    func count(_ table: String) async throws -> Int {
        Int(try await self.sql("SELECT count(*) FROM \(table)").first?.int(0) ?? -1)
    }

    /// Pending outbox events, polling (up to 10 s) until at least `count` are visible.
    func pending(_ consumer: String, atLeast count: Int) async throws -> [OutboxEvent] {
        var events: [OutboxEvent] = []
        for _ in 0..<200 {
            events = try await self.store.pendingOutboxEvents(consumer: consumer, limit: 100)
            if events.count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return events
    }

    /// Every invariant holds.
    func violations() async throws -> [String] {
        try await self.store.checkInvariants().filter { $0.violations != 0 }.map { "\($0.name): \($0.violations)" }
    }
}

/// The two stores the conformance suite runs against.
enum Backend: String, Sendable {
    case sqlite
    case postgres

    static var postgresURL: String? { TestEnvironment.postgresURL }

    /// A fresh, migrated store for one test: a new SQLite file, or a new schema in the Postgres test database.
    func with(migrate: Bool = true, _ body: @Sendable (StoreUnderTest) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadstore-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try await SQLiteLeadStore.openSQLite(path: directory.appendingPathComponent("leads.sqlite").path)
            if migrate { try await store.migrate() }
            var under = StoreUnderTest(store: store, general: SQLiteLeadStore(database: store.database, oneStatementCommit: false), dialect: .sqlite)
            { sql in
                try await store.database.read { try await $0.query(sql, []) }
            }
            let path = directory.appendingPathComponent("leads.sqlite").path
            under.openAnother = { try await SQLiteLeadStore.openSQLite(path: path) }
            do {
                try await body(under)
            } catch {
                try? await store.shutdown()
                throw error
            }
            try await store.shutdown()
        case .postgres:
            guard let url = Self.postgresURL, case .postgres(let settings) = try LeadStoreURL(parsing: url) else {
                throw LeadStoreError(.invalidURL, "POSTGRES_URL is not a postgres:// URL")
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await withPostgresLeadStore(settings, configuration: .init(schema: String(schema))) { store in
                _ = try await store.database.read { try await $0.query("CREATE SCHEMA \(schema)", []) }
                if migrate { try await store.migrate() }
                var under = StoreUnderTest(
                    store: store,
                    general: PostgresLeadStore(database: store.database, oneStatementCommit: false),
                    dialect: .postgres
                ) { sql in
                    try await store.database.read { try await $0.query(sql, []) }
                }
                under.openAnother = { PostgresLeadStore(database: store.database) }
                under.transaction = { body in try await store.database.transaction(body) }
                do {
                    try await body(under)
                } catch {
                    _ = try? await store.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
                    throw error
                }
                _ = try await store.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
            }
        }
    }
}

/// A wall clock the test moves by hand.
final class ManualClock: WallClock {
    private let millis: Mutex<Int64>

    init(_ start: Int64 = 1_800_000_000_000) { self.millis = Mutex(start) }

    func nowMillis() -> Int64 { self.millis.withLock { $0 } }

    func advance(byMillis delta: Int64) { self.millis.withLock { $0 += delta } }
}

/// A small network: one territory covered by `agents` agents of the given capacity.
enum TestNetwork {
    static func router(agents: Int, capacity: Int) throws -> Router {
        let dataset = Dataset(
            agents: (0..<agents).map { Agent(id: "A\($0 + 1)", states: ["CA"], capacity: capacity) },
            territories: [Territory(id: "T1", state: "CA", latitude: 34.0, longitude: -118.0)],
            coverage: (0..<agents).map { Coverage(agent: Int32($0), territory: 0, weight: 1 - Double($0) * 0.01) }
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: "test-1"))
    }

    static func lead(_ id: String) -> Lead { Lead(id: id, territoryId: "T1", kind: .buy) }

    static func candidate(_ agentId: String, score: Double) -> CandidateExplanation {
        CandidateExplanation(
            agentId: agentId,
            score: score,
            features: FeatureScores(),
            path: [PathStep(from: "L", to: agentId, via: .coveredBy)]
        )
    }

    /// A hand-made routed decision over `agents` in rank order.
    static func commit(_ leadId: String, agents: [String], at millis: Int64 = 1_000, payload: String? = nil) -> DecisionCommit {
        let ranking = agents.enumerated().map { candidate($0.element, score: 0.9 - Double($0.offset) * 0.1) }
        let canonical = payload ?? lead(leadId).canonicalJSON()
        let decision =
            ranking.isEmpty
            ? RoutingDecision(leadId: leadId, status: .unroutable, policy: "p", graphVersion: "g", reason: .noEligibleAgent)
            : RoutingDecision(
                leadId: leadId,
                status: .routed,
                agentId: ranking[0].agentId,
                score: ranking[0].score,
                path: ranking[0].path,
                candidates: ranking,
                policy: "p",
                graphVersion: "g",
                rule: .bestScore,
                eligibleCount: ranking.count
            )
        return DecisionCommit(
            leadId: leadId,
            payload: canonical,
            canonicalPayload: canonical,
            decision: decision,
            ranking: ranking,
            atMillis: millis
        )
    }
}
