import ArgumentParser
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingStores

/// `--store URL`, shared by the commands that read or write lead records.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Lead store: sqlite:PATH, sqlite::memory: or postgres://user:password@host:port/database[?host=/socket/dir].",
            valueName: "url"
        )
    )
    var store: String

    func validate() throws {
        do {
            _ = try LeadStoreURL(parsing: self.store)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Opens the store, migrates it (unless `migrate` is false: then it only checks the schema version), runs
    /// `body`, and closes it.
    func withStore<T: Sendable>(
        migrate: Bool = true,
        _ body: @Sendable (any CheckableLeadStore) async throws -> T
    ) async throws -> T {
        try await StoreConnector.withStore(self.store, migrate: migrate, body)
    }

    /// Opens the store read-only (a missing SQLite file is reported, never created), runs `body`, and closes it.
    func withStoreReadOnly<T: Sendable>(_ body: @Sendable (any CheckableLeadStore) async throws -> T) async throws -> T {
        try await StoreConnector.withStore(self.store, migrate: false, readOnly: true, body)
    }

    /// Opens and migrates the store and runs `body` on a lead lifecycle over it (see
    /// ``StoreConnector/withLifecycle(_:router:configuration:start:_:)``).
    func withLifecycle<T: Sendable>(
        router: Router,
        configuration: LeadLifecycle.Configuration = .init(),
        start: Bool = true,
        _ body: @Sendable (LeadLifecycle) async throws -> T
    ) async throws -> T {
        try await StoreConnector.withLifecycle(self.store, router: router, configuration: configuration, start: start, body)
    }
}

/// Opens a lead store from its URL for the CLI (through ``LeadStoreConnection``, as the service does), with errors
/// as one-line ``CLIError``s; every write goes through a ``LeadLifecycle`` on the CLI's one clock.
enum StoreConnector {
    static func withStore<T: Sendable>(
        _ url: String,
        migrate: Bool = true,
        readOnly: Bool = false,
        _ body: @Sendable (any CheckableLeadStore) async throws -> T
    ) async throws -> T {
        do {
            return try await LeadStoreConnection.withStore(url, migrate: migrate, readOnly: readOnly, clock: LeadRouterCommand.clock, body)
        } catch let error as LeadStoreError {
            throw CLIError(error.message)
        } catch let error as GraphMismatchError {
            let hint = error.onlyVersionDiffers ? "; pass --allow-graph-change to re-route on this graph anyway" : ""
            throw CLIError(error.description + hint)
        } catch let error as LeadValidationError {
            throw CLIError(error.description)
        }
    }

    /// A scratch store of the kind `url` names, made for `body` and dropped afterwards; the store at `url` is never
    /// touched (see ``LeadStoreConnection/withScratchStore(_:clock:_:)``).
    static func withScratchStore<T: Sendable>(
        _ url: String,
        _ body: @Sendable (any CheckableLeadStore, LeadStoreConnection.ScratchArea) async throws -> T
    ) async throws -> T {
        do {
            return try await LeadStoreConnection.withScratchStore(url, clock: LeadRouterCommand.clock, body)
        } catch let error as LeadStoreError {
            throw CLIError(error.message)
        }
    }

    /// Opens and migrates the store, builds the lead lifecycle on ``LeadRouterCommand/clock`` and runs `body`.
    /// `start` seeds the store's agents from the graph and loads their counts first: needed before routing, not
    /// for accept and close.
    static func withLifecycle<T: Sendable>(
        _ url: String,
        router: Router,
        configuration: LeadLifecycle.Configuration = .init(),
        start: Bool = true,
        _ body: @Sendable (LeadLifecycle) async throws -> T
    ) async throws -> T {
        try await Self.withStore(url) { store in
            let lifecycle = LeadLifecycle(router: router, store: store, clock: LeadRouterCommand.clock, configuration: configuration)
            if start { try await lifecycle.start() }
            return try await body(lifecycle)
        }
    }
}
