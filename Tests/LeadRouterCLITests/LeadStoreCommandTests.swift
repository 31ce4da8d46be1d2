import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingStores
import LeadRoutingTestSupport
import Testing

/// The lead-store verbs run as users run them (the built binary on a temporary SQLite store), checked against
/// what the store holds afterwards.
@Suite struct LeadStoreCommandTests {
    /// A fresh store file in a temporary directory, removed afterwards.
    static func withStoreURL(_ body: (String) async throws -> Void) async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body("sqlite:" + directory.appendingPathComponent("leads.sqlite").path)
    }

    /// Runs the binary; expects exit 0 and returns standard output.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> String {
        let result = try CLIProcess.run(arguments, stdin: stdin)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    static func record(_ url: String, _ leadId: String) async throws -> LeadRecord {
        let record = try await LeadStoreConnection.withStore(url, migrate: false) { try await $0.lead(leadId) }
        return try #require(record, "no lead \(leadId) in the store")
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// An assignment as `assignments --json` and the lead views print it (the HTTP shape).
    struct AssignmentBody: Decodable {
        var leadId: String
        var agentId: String
        var state: String
        var path: [PathStep]
        var decidedAt: String
        var updatedAt: String
    }

    /// A lead as `lead show|accept|decline|close --json` print it (the shape of GET /api/v1/leads/{id}).
    struct LeadBody: Decodable {
        struct Event: Decodable {
            var action: String
            var agentId: String?
            var at: String
            var detail: String
        }

        var leadId: String
        var status: String
        var agentId: String?
        var assignmentState: String?
        var decision: RoutingDecision
        var assignments: [AssignmentBody]
        var history: [Event]
    }

    /// ISO-8601 in UTC with milliseconds, as every instant is printed.
    static func isTimestamp(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#, options: .regularExpression) != nil
    }

    @Test func migrateCreatesTheSchemaOnceThenIsUpToDate() async throws {
        try await Self.withStoreURL { url in
            let first = try Self.decode(MigrationReport.self, try Self.run(["migrate", "--store", url, "--json"]))
            #expect(first.fromVersion == 0)
            #expect(first.toVersion == LeadStoreSchema.currentVersion)
            #expect(first.applied == LeadStoreSchema.migrations(.sqlite).map(\.version))
            #expect(try Self.run(["migrate", "--store", url]) == "schema version \(LeadStoreSchema.currentVersion): up to date\n")
            let version = try await LeadStoreConnection.withStore(url, migrate: false) { try await $0.schemaVersion() }
            #expect(version == LeadStoreSchema.currentVersion)
        }
    }

    @Test func leadLifecycleVerbsChangeTheStore() async throws {
        try await Self.withStoreURL { url in
            let graph = ["--store", url, "--dataset", "fixtures/tiny"]
            // E1 goes to A1 (the best for T1); E2 to one of the twins A12 and A13 (T7).
            let e1 = try Self.decode(
                RoutingDecision.self,
                try Self.run(["route", "--lead", "-", "--json"] + graph, stdin: #"{"id":"E1","territoryId":"T1"}"#)
            )
            #expect(e1.agentId == "A1")
            let e2 = try Self.decode(
                RoutingDecision.self,
                try Self.run(["route", "--lead", "-", "--json"] + graph, stdin: #"{"id":"E2","territoryId":"T7"}"#)
            )
            let twin = try #require(e2.agentId)
            let otherTwin = twin == "A12" ? "A13" : "A12"

            // The path is a JSON array (not JSON text inside a string), instants are ISO-8601.
            let offeredText = try Self.run(["assignments", "--store", url, "--json"])
            let offered = try Self.decode([AssignmentBody].self, offeredText)
            #expect(offered.map(\.leadId) == ["E1", "E2"])
            #expect(offered.map(\.state) == ["offered", "offered"])
            #expect(offered[0].path.map(\.via) == ["located_in", "covered_by"])
            #expect(offered.allSatisfy { Self.isTimestamp($0.decidedAt) && Self.isTimestamp($0.updatedAt) })
            #expect(try Self.run(["assignments", "--store", url]).split(separator: "\n").count == 3)

            // Each lifecycle verb prints the lead as the HTTP route answers it.
            let accepted = try Self.decode(LeadBody.self, try Self.run(["lead", "accept", "E1", "--agent", "A1"] + graph))
            #expect(accepted.assignmentState == "accepted")
            let closed = try Self.decode(LeadBody.self, try Self.run(["lead", "close", "E1", "--agent", "A1", "--won"] + graph))
            #expect(closed.status == "closed")
            let declined = try Self.decode(
                LeadBody.self,
                try Self.run(["lead", "decline", "E2", "--agent", twin, "--reason", "on holiday until May"] + graph)
            )
            #expect(declined.agentId == otherTwin)
            #expect(declined.history.contains { $0.action == "declined" && $0.agentId == twin && $0.detail == "on holiday until May" })
            // Every offer is overdue with a zero SLA: E2's second offer expires; nobody is left for it.
            let expired = try Self.run(["lead", "expire", "--sla-minutes", "0"] + graph)
            #expect(expired == "expired and re-routed 1 offers; routed 0 previously unroutable leads\n")

            let shownText = try Self.run(["lead", "show", "E1", "--json", "--store", url])
            let shown = try Self.decode(LeadBody.self, shownText)
            #expect(shown.status == "closed")
            #expect(shown.history.map(\.action) == ["received", "routed", "accepted", "closed_won"])
            #expect(shown.history.allSatisfy { Self.isTimestamp($0.at) })
            #expect(!shownText.contains("\"audit\"") && !shownText.contains("atMillis"))
            let text = try Self.run(["lead", "show", "E2", "--store", url])
            #expect(text.hasPrefix("lead E2: unroutable"), "\(text)")
            #expect(text.contains("declined"))

            let first = try await Self.record(url, "E1")
            #expect(first.status == .closed)
            #expect(first.audit.map(\.action) == ["received", "routed", "accepted", "closed_won"])
            let second = try await Self.record(url, "E2")
            #expect(second.status == .unroutable)
            #expect(second.assignments.map(\.agentId) == [twin, otherTwin])
            #expect(second.assignments.map(\.state) == [.declined, .expired])
            let (loads, violations) = try await LeadStoreConnection.withStore(url, migrate: false) { store in
                (try await store.agentLoads(), try await store.checkInvariants().filter { $0.violations != 0 }.map(\.name))
            }
            #expect(violations.isEmpty)
            let a1 = try #require(loads.first { $0.agentId == "A1" })
            #expect(a1.open == a1.baselineOpen)
            #expect(a1.closedWon == 1)
            #expect(loads.filter { $0.agentId == "A12" || $0.agentId == "A13" }.allSatisfy { $0.open == 0 })
            #expect(try Self.decode([AssignmentBody].self, try Self.run(["assignments", "--store", url, "--json"])).isEmpty)
        }
    }

    @Test func badLeadVerbFailsAndChangesNothing() async throws {
        try await Self.withStoreURL { url in
            let graph = ["--store", url, "--dataset", "fixtures/tiny"]
            _ = try Self.run(["route", "--lead", "-"] + graph, stdin: #"{"id":"B1","territoryId":"T1"}"#)
            let unknown = try CLIProcess.run(["lead", "accept", "NOPE", "--agent", "A1"] + graph)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("no lead NOPE"), "\(unknown.stderr)")
            let wrongAgent = try CLIProcess.run(["lead", "accept", "B1", "--agent", "A2"] + graph)
            #expect(wrongAgent.status != 0)
            #expect(wrongAgent.stdout.isEmpty)
            let missing = try CLIProcess.run(["lead", "show", "NOPE", "--store", url])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("no lead NOPE in the store"), "\(missing.stderr)")
            let record = try await Self.record(url, "B1")
            #expect(record.assignments.map(\.state) == [.offered])
            #expect(record.audit.map(\.action) == ["received", "routed"])
        }
    }

    @Test func aStoreFromANewerBinaryIsRefusedWithOneMessage() async throws {
        try await Self.withStoreURL { url in
            _ = try Self.run(["migrate", "--store", url])
            let store = try await SQLiteLeadStore.openSQLite(path: String(url.dropFirst("sqlite:".count)))
            _ = try await store.database.read {
                try await $0.query("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (999, 'from the future', 0)", [])
            }
            try await store.shutdown()
            let expected = LeadStoreError.schemaTooNew(databaseVersion: 999, binaryVersion: LeadStoreSchema.currentVersion).message
            // Reading (version check only) and migrating both refuse, with the same message.
            for arguments in [["assignments", "--store", url], ["migrate", "--store", url], ["lead", "show", "X", "--store", url]] {
                let result = try CLIProcess.run(arguments)
                #expect(result.status != 0)
                #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
                #expect(result.stdout.isEmpty)
            }
        }
    }
}
