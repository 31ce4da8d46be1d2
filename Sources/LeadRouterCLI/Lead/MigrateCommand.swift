import ArgumentParser
import LeadRoutingCore
import LeadRoutingSQL

/// `leadrouter migrate`: applies pending lead-store migrations (forward-only, idempotent).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the lead store's schema (idempotent; refuses a database newer than this binary)."
    )

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Print the migration report as JSON.")
    var json = false

    func run() async throws {
        let report = try await self.store.withStore(migrate: false) { store in try await store.migrate() }
        if self.json {
            print(try JSONOutput.string(report, pretty: false))
        } else if report.applied.isEmpty {
            print("schema version \(report.toVersion): up to date")
        } else {
            let applied = report.applied.map(String.init).joined(separator: ", ")
            print("schema version \(report.fromVersion) → \(report.toVersion) (applied \(applied))")
        }
    }
}
