import ArgumentParser
import LeadRoutingCore
import LeadRoutingSQL

/// `leadrouter store`: lead-store maintenance.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Lead-store maintenance.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store's invariants in SQL; exits non-zero when any is violated."
        )
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Print the counts as JSON.") var json = false

        func run() async throws {
            let results = try await self.store.withStoreReadOnly { store in
                try await store.checkInvariants().map { VerifyResult(invariant: $0.name, violations: $0.violations) }
            }
            if self.json {
                print(try JSONOutput.string(results, pretty: false))
            } else {
                for result in results { print("\(result.violations == 0 ? "ok  " : "FAIL") \(result.invariant) (\(result.violations))") }
            }
            if results.contains(where: { $0.violations != 0 }) { throw ExitCode(1) }
        }
    }
}

struct VerifyResult: Codable {
    var invariant: String
    var violations: Int
}
