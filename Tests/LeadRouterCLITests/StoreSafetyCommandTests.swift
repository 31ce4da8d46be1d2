import Foundation
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingStores
import LeadRoutingTestSupport
import Testing

/// No command damages a store by surprise: each runs as users run it (the built binary) against a populated store,
/// and the store is compared row by row (and, for SQLite, byte by byte) before and after.
enum StoreSnapshot {
    static let tables = ["schema_migrations", "agent_load", "leads", "assignments", "audit_log", "outbox"]

    /// Every row of every table, read through a read-only connection.
    static func rows(_ url: String) async throws -> [String] {
        try await LeadStoreConnection.withStore(url, migrate: false, readOnly: true) { store in
            var rows: [String] = []
            for table in Self.tables {
                let sql = "SELECT * FROM \(table) ORDER BY 1"
                let result: [SQLRow]
                if let sqlite = store as? SQLiteLeadStore {
                    result = try await sqlite.database.read { try await $0.query(sql) }
                } else if let postgres = store as? PostgresLeadStore {
                    result = try await postgres.database.read { try await $0.query(sql) }
                } else {
                    throw LeadStoreError(.corrupt, "unexpected store type")
                }
                rows += result.map { "\(table): \($0.values)" }
            }
            return rows
        }
    }

    /// The files of an SQLite store (the database and any -wal/-shm beside it) with their bytes.
    static func files(_ path: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { files[suffix] = data }
        }
        return files
    }

    /// Runs the binary, expecting success.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> String {
        let result = try CLIProcess.run(arguments, stdin: stdin)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// A store with routed, accepted, closed and unroutable leads of the tiny fixture.
    static func populate(_ url: String, in directory: URL) throws {
        let leads = directory.appendingPathComponent("seed.csv")
        try ("id,territory_id,kind\n" + (1...8).map { "P\($0),T\($0 % 7 + 1),buy\n" }.joined()).write(to: leads, atomically: true, encoding: .utf8)
        let graph = ["--dataset", "fixtures/tiny", "--store", url]
        try Self.run(["route", "--leads", leads.path, "--out", directory.appendingPathComponent("seed.jsonl").path] + graph)
        struct Listed: Decodable {
            var leadId: String
            var agentId: String
        }
        let assignments = try JSONDecoder().decode([Listed].self, from: Data(try Self.run(["assignments", "--json", "--store", url]).utf8))
        let first = try #require(assignments.first)
        try Self.run(["lead", "accept", first.leadId, "--agent", first.agentId] + graph)
        try Self.run(["lead", "close", first.leadId, "--agent", first.agentId, "--won"] + graph)
    }

    static func verifiesClean(_ url: String) throws {
        let verify = try CLIProcess.run(["store", "verify", "--store", url])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}

@Suite struct StoreSafetyCommandTests {
    typealias S = StoreSnapshot

    /// `bench store` against a populated SQLite store runs in a temporary scratch file: the given store is the same
    /// byte for byte afterwards, and still verifies.
    @Test func benchStoreLeavesTheSQLiteStoreUntouched() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("leads.sqlite").path
        let url = "sqlite:" + path
        try S.populate(url, in: directory)
        let rows = try await S.rows(url)
        let files = S.files(path)
        #expect(rows.contains { $0.hasPrefix("outbox:") })

        let output = try S.run(["bench", "store", "--store", url, "--dataset", "fixtures/tiny", "--leads", "40", "--concurrency", "2"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(report["leads"] as? Int == 40)
        #expect(report["scratch"] as? String == "a temporary SQLite file")

        #expect(S.files(path) == files)
        #expect(try await S.rows(url) == rows)
        try S.verifiesClean(url)
    }

    /// The same on Postgres: the bench runs in a scratch schema it drops; the populated database is unchanged.
    @Test(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run (scripts/test starts a throwaway cluster)"))
    func benchStoreLeavesThePostgresStoreUntouched() async throws {
        try await PostgresScratchDatabase.with { url in
            let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
            defer { try? FileManager.default.removeItem(at: directory) }
            try S.populate(url, in: directory)
            let rows = try await S.rows(url)
            let output = try S.run(["bench", "store", "--store", url, "--dataset", "fixtures/tiny", "--leads", "40", "--concurrency", "2"])
            #expect(output.contains(#""scratch":"the scratch schema leadrouter_bench_"#), "\(output)")
            #expect(try await S.rows(url) == rows)
            try S.verifiesClean(url)
            let leftovers = try await PostgresScratchDatabase.count(
                url,
                "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'leadrouter_bench_%'"
            )
            #expect(leftovers == 0)
        }
    }

    /// The reported scenario: a store routed on a generated graph, then `lead expire --dataset fixtures/tiny`.
    /// Refused (the leads' territories are not in that graph, whatever --allow-graph-change says), non-zero exit,
    /// store unchanged. On a changed copy of the right graph the version check refuses until it is allowed.
    @Test func expireOnAnotherGraphIsRefusedAndChangesNothing() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = directory.appendingPathComponent("gen")
        try S.run([
            "generate", "--agents", "60", "--territories", "12", "--referrals", "120", "--leads", "30", "--seed", "5", "--out", generated.path,
        ])
        let path = directory.appendingPathComponent("leads.sqlite").path
        let url = "sqlite:" + path
        try S.run([
            "route", "--leads", generated.appendingPathComponent("leads.csv").path, "--dataset", generated.path, "--store", url,
            "--out", directory.appendingPathComponent("d.jsonl").path,
        ])
        let rows = try await S.rows(url)
        let files = S.files(path)

        for extra in [[], ["--allow-graph-change"]] {
            let expire = try CLIProcess.run(["lead", "expire", "--sla-minutes", "0", "--dataset", "fixtures/tiny", "--store", url] + extra)
            #expect(expire.status != 0)
            #expect(expire.stdout.isEmpty)
            #expect(expire.stderr.contains("refusing to re-route"), "\(expire.stderr)")
            #expect(expire.stderr.contains("is not in graph ds-"), "\(expire.stderr)")
            #expect(try await S.rows(url) == rows)
            #expect(S.files(path) == files)
        }

        // The right territories, another version (one more territory row): refused, naming both versions, unless allowed.
        let changed = directory.appendingPathComponent("gen-changed")
        try FileManager.default.copyItem(at: generated, to: changed)
        let territories = changed.appendingPathComponent("territories.csv")
        let handle = try FileHandle(forWritingTo: territories)
        handle.seekToEndOfFile()
        handle.write(Data("TEXTRA,Extra,NY,40.7,-74.0\n".utf8))
        try handle.close()
        let refused = try CLIProcess.run(["lead", "expire", "--sla-minutes", "0", "--dataset", changed.path, "--store", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("routed on graph ds-"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-graph-change"), "\(refused.stderr)")
        #expect(try await S.rows(url) == rows)
        let allowed = try S.run(["lead", "expire", "--sla-minutes", "0", "--dataset", changed.path, "--store", url, "--allow-graph-change"])
        #expect(allowed.hasPrefix("expired and re-routed "), "\(allowed)")
        #expect(try await S.rows(url) != rows)
        try S.verifiesClean(url)
    }

    /// Read-only commands on a missing SQLite path say the store does not exist, naming it, and create nothing; on an
    /// empty file they say it holds no lead store and leave it empty; on a real store they change no byte.
    @Test func readOnlyCommandsNeverCreateOrChangeAStore() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.sqlite").path
        let empty = directory.appendingPathComponent("empty.sqlite").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        for verb in [["store", "verify"], ["assignments"], ["lead", "show", "X"]] {
            let result = try CLIProcess.run(verb + ["--store", "sqlite:" + missing])
            #expect(result.status != 0)
            #expect(result.stderr.contains("the lead store \(missing) does not exist"), "\(verb): \(result.stderr)")
            #expect(!result.stderr.contains("no such table"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["empty.sqlite"])
            let blank = try CLIProcess.run(verb + ["--store", "sqlite:" + empty])
            #expect(blank.status != 0)
            #expect(blank.stderr.contains("holds no lead store"), "\(verb): \(blank.stderr)")
            #expect(S.files(empty) == ["": Data()])
        }
        let path = directory.appendingPathComponent("leads.sqlite").path
        try S.populate("sqlite:" + path, in: directory)
        let files = S.files(path)
        let lead = try #require(try await S.rows("sqlite:" + path).first { $0.hasPrefix("leads:") })
        #expect(!lead.isEmpty)
        try S.run(["assignments", "--store", "sqlite:" + path])
        try S.run(["lead", "show", "P1", "--store", "sqlite:" + path])
        try S.verifiesClean("sqlite:" + path)
        // The database file itself is untouched (a read-only reader of a WAL database may leave an empty -wal/-shm).
        #expect(S.files(path)[""] == files[""])
    }

    /// A lead of a territory the graph lacks is rejected at intake with the HTTP API's text; a batch names file and
    /// line and commits nothing; `--accept-unknown-territories` records it as unroutable instead.
    @Test func unknownTerritoryIsRejectedAtIntake() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fresh = directory.appendingPathComponent("fresh.sqlite").path
        let graph = ["--dataset", "fixtures/tiny"]
        let one = try CLIProcess.run(["route", "--lead", "-", "--store", "sqlite:" + fresh] + graph, stdin: #"{"id":"U1","territoryId":"NOWHERE"}"#)
        #expect(one.status != 0)
        let reason = LeadValidationError.unknownTerritory("NOWHERE", graphVersion: "").reason.prefix(while: { $0 != "(" })
        #expect(one.stderr.contains("stdin: invalid lead: territoryId: \(reason)"), "\(one.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))

        let path = directory.appendingPathComponent("leads.sqlite").path
        let url = "sqlite:" + path
        try S.populate(url, in: directory)
        let rows = try await S.rows(url)
        let batch = directory.appendingPathComponent("batch.csv")
        try "id,territory_id\nB1,T1\nB2,NOWHERE\nB3,T2\n".write(to: batch, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("batch.jsonl").path
        let rejected = try CLIProcess.run(["route", "--leads", batch.path, "--out", out, "--store", url] + graph)
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains("\(batch.path):3: invalid lead: territoryId: unknown territory NOWHERE"), "\(rejected.stderr)")
        #expect(try await S.rows(url) == rows)

        try S.run(["route", "--leads", batch.path, "--out", out, "--store", url, "--accept-unknown-territories"] + graph)
        let kept = try #require(try await LeadStoreConnection.withStore(url, migrate: false) { try await $0.lead("B2") })
        #expect(kept.status == .unroutable)
        #expect(kept.decision.reason == .unknownTerritory)
    }

    /// Unknown ids in flags are rejected naming the flag and the id, before anything is read or written.
    @Test func unknownIdsInFlagsAreRejected() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:" + directory.appendingPathComponent("leads.sqlite").path
        try S.populate(url, in: directory)
        let rows = try await S.rows(url)
        let exclude = try CLIProcess.run(
            ["route", "--lead", "-", "--dataset", "fixtures/tiny", "--exclude", "A1", "NOPE"],
            stdin: #"{"id":"X1","territoryId":"T1"}"#
        )
        #expect(exclude.status != 0)
        #expect(exclude.stderr.contains("--exclude NOPE: no agent NOPE in graph ds-"), "\(exclude.stderr)")
        for verb in [["accept"], ["decline"], ["close", "--won"], ["reopen"], ["correct", "--lost"]] {
            let result = try CLIProcess.run(["lead"] + verb + ["P1", "--agent", "NOPE", "--dataset", "fixtures/tiny", "--store", url])
            #expect(result.status != 0)
            #expect(result.stderr.contains("--agent NOPE: no agent NOPE in graph"), "\(verb): \(result.stderr)")
        }
        #expect(try await S.rows(url) == rows)
    }

    /// `close` needs --won or --lost; a mistaken close is corrected (won ⇄ lost) or reopened, audited, with the
    /// conversion counts fixed and the invariants holding.
    @Test func aMistakenCloseIsCorrectedAndReopened() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-safety")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:" + directory.appendingPathComponent("leads.sqlite").path
        let graph = ["--dataset", "fixtures/tiny", "--store", url]
        try S.run(["route", "--lead", "-"] + graph, stdin: #"{"id":"E1","territoryId":"T1"}"#)
        try S.run(["lead", "accept", "E1", "--agent", "A1"] + graph)
        let bare = try CLIProcess.run(["lead", "close", "E1", "--agent", "A1"] + graph)
        #expect(bare.status != 0)
        #expect(bare.stderr.contains("--won or --lost"), "\(bare.stderr)")
        try S.run(["lead", "close", "E1", "--agent", "A1", "--lost"] + graph)
        // The verbs print the lead as the HTTP lifecycle routes answer it.
        struct Shown: Decodable {
            struct Assignment: Decodable { var state: String }
            var status: String
            var assignmentState: String?
            var assignments: [Assignment]
        }
        let corrected = try JSONDecoder().decode(Shown.self, from: Data(try S.run(["lead", "correct", "E1", "--agent", "A1", "--won"] + graph).utf8))
        #expect(corrected.status == "closed" && corrected.assignments.last?.state == "closed_won")
        let reopened = try JSONDecoder().decode(Shown.self, from: Data(try S.run(["lead", "reopen", "E1", "--agent", "A1"] + graph).utf8))
        #expect(reopened.assignmentState == "accepted")
        let (record, loads) = try await LeadStoreConnection.withStore(url, migrate: false) { store in
            (try await store.lead("E1"), try await store.agentLoads())
        }
        #expect(record?.audit.map(\.action) == ["received", "routed", "accepted", "closed_lost", "close_corrected", "reopened"])
        let a1 = try #require(loads.first { $0.agentId == "A1" })
        #expect(a1.closedWon == 0 && a1.closedLost == 0)
        #expect(a1.open == a1.baselineOpen + 1)
        try S.verifiesClean(url)
    }
}

/// A fresh database of the test cluster (`POSTGRES_URL`), dropped afterwards.
enum PostgresScratchDatabase {
    static func with(_ body: (String) async throws -> Void) async throws {
        let base = try #require(TestEnvironment.postgresURL)
        guard case .postgres(let settings) = try LeadStoreURL(parsing: base) else { throw LeadStoreError(.invalidURL, "POSTGRES_URL") }
        let name = "lr_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try await withPostgresLeadStore(settings) { admin in _ = try await admin.database.read { try await $0.query("CREATE DATABASE \(name)") } }
        let url = String(base[..<base.lastIndex(of: "/")!]) + "/" + name
        do {
            try await body(url)
        } catch {
            try? await Self.drop(settings, name)
            throw error
        }
        try await Self.drop(settings, name)
    }

    private static func drop(_ settings: LeadStoreURL.PostgresSettings, _ name: String) async throws {
        try await withPostgresLeadStore(settings) { admin in
            _ = try await admin.database.read { try await $0.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }

    static func count(_ url: String, _ sql: String) async throws -> Int {
        guard case .postgres(let settings) = try LeadStoreURL(parsing: url) else { return -1 }
        return try await withPostgresLeadStore(settings) { store in
            Int(try await store.database.read { try await $0.query(sql) }.first?.int(0) ?? -1)
        }
    }
}
