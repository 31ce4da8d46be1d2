import ArgumentParser
import Foundation
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

@Suite struct StoreVerifyCommandTests {
    @Test func parsesTheStoreAndJSONFlag() throws {
        let command = try LeadRouterCommand.parseAsRoot(["store", "verify", "--store", "sqlite:/tmp/x.sqlite", "--json"])
        let verify = try #require(command as? StoreCommand.Verify)
        #expect(verify.store.store == "sqlite:/tmp/x.sqlite")
        #expect(verify.json)
        #expect(throws: (any Error).self) { try LeadRouterCommand.parseAsRoot(["store", "verify", "--json"]) }
    }

    /// The binary end to end: a store written by `route --store` verifies clean (exit 0); the same store with its
    /// outbox events deleted fails (exit 1), naming that invariant only.
    @Test func exitsOneOnADamagedStoreAndZeroOnAGoodOne() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let leads = directory.appendingPathComponent("leads.csv")
        try ("id,territory_id\n" + (1...6).map { "V\($0),T7\n" }.joined()).write(to: leads, atomically: true, encoding: .utf8)
        let path = directory.appendingPathComponent("leads.sqlite").path
        let routed = try CLIProcess.run([
            "route", "--dataset", "fixtures/tiny", "--leads", leads.path, "--out", directory.appendingPathComponent("d.jsonl").path,
            "--store", "sqlite:\(path)",
        ])
        #expect(routed.status == 0, "\(routed.stderr)")

        let good = try CLIProcess.run(["store", "verify", "--store", "sqlite:\(path)"])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let lines = good.stdout.split(separator: "\n")
        #expect(lines.count == LeadStoreSchema.invariants.count)
        #expect(lines.allSatisfy { $0.hasPrefix("ok ") })

        let store = try await SQLiteLeadStore.openSQLite(path: path)
        _ = try await store.database.read { try await $0.query("DELETE FROM outbox", []) }
        try await store.shutdown()

        let bad = try CLIProcess.run(["store", "verify", "--store", "sqlite:\(path)", "--json"])
        #expect(bad.status == 1, "\(bad.stdout)\(bad.stderr)")
        let results = try JSONDecoder().decode([VerifyResult].self, from: Data(bad.stdout.utf8))
        let outbox = try #require(LeadStoreSchema.invariants.first { $0.id == "assignment-event" })
        #expect(results.filter { $0.violations > 0 }.map(\.invariant) == [outbox.name])
        #expect(results.count == LeadStoreSchema.invariants.count)
    }
}
