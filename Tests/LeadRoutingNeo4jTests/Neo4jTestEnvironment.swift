import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingGenerator
import LeadRoutingNeo4j
import LeadRoutingTestSupport
import Synchronization

/// Connection settings for the integration suite: `NEO4J_URL` (set by scripts/services/neo4j, or pointing at a
/// real Neo4j), `NEO4J_USER` (default neo4j), `NEO4J_PASSWORD` or `NEO4J_PASSWORD_FILE`, `NEO4J_DATABASE`.
enum Neo4jTestEnvironment {
    static var url: String? { TestEnvironment.neo4jURL }
    static var isEnabled: Bool { url != nil }

    static func configuration(api: Neo4jConfiguration.API = .automatic, url override: String? = nil) -> Neo4jConfiguration {
        let credentials: Neo4jConfiguration.Credentials =
            TestEnvironment.neo4jPassword.map { .basic(user: TestEnvironment.neo4jUser ?? "neo4j", password: $0) } ?? .none
        return Neo4jConfiguration(
            url: override ?? url ?? "http://127.0.0.1:7474",
            database: TestEnvironment.neo4jDatabase,
            credentials: credentials,
            api: api,
            connectTimeout: .seconds(2),
            requestTimeout: .seconds(60),
            retry: .init(maxAttempts: 2, initialBackoff: .milliseconds(10))
        )
    }

    /// The `--neo4j-user` / `--neo4j-password-file` arguments for running the CLI against the test server.
    static func cliAuthArguments() -> [String] {
        var arguments: [String] = []
        if let user = TestEnvironment.neo4jUser { arguments += ["--neo4j-user", user] }
        if let file = TestEnvironment.neo4jPasswordFile { arguments += ["--neo4j-password-file", file] }
        return arguments
    }

    static func store(
        api: Neo4jConfiguration.API = .automatic,
        url: String? = nil,
        transport: any Neo4jTransport = AsyncHTTPClientTransport()
    )
        throws -> Neo4jGraphStore
    {
        Neo4jGraphStore(
            client: Neo4jClient(configuration: configuration(api: api, url: url), transport: transport),
            library: try CypherLibrary.load(from: RepositoryPaths.cypherDirectory),
            options: .init(importBatchSize: 500, pageSize: 100)
        )
    }

    /// A generated dataset written to a temporary directory and loaded back (so it carries its fingerprint).
    static func generated(agents: Int, territories: Int, referrals: Int, leads: Int, seed: UInt64) throws -> LoadedDataset {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path
        var writer = try GeneratedDatasetWriter(directory: directory)
        let generator = try DatasetGenerator(
            configuration: GeneratorConfiguration(agents: agents, territories: territories, referrals: referrals, leads: leads, seed: seed)
        )
        _ = try generator.generate(into: &writer)
        return try DatasetDirectory.load(from: directory)
    }
}

/// A transport that can be switched off to simulate an outage (connection refused), then on again.
final class SwitchableTransport: Neo4jTransport {
    let inner: any Neo4jTransport
    private let down = Mutex(false)

    init(_ inner: any Neo4jTransport = AsyncHTTPClientTransport()) { self.inner = inner }

    func setDown(_ isDown: Bool) { self.down.withLock { $0 = isDown } }

    func send(_ request: Neo4jHTTPRequest) async throws(Neo4jError) -> Neo4jHTTPResponse {
        if self.down.withLock({ $0 }) { throw Neo4jError(kind: .connectionFailed, context: "switched off", detail: "simulated outage") }
        return try await self.inner.send(request)
    }
}

/// An in-memory outbox with one cursor per consumer.
actor MemoryOutbox: OutboxSource {
    private var events: [OutboxEvent] = []
    private var cursors: [String: Int64] = [:]

    func append(_ event: OutboxEvent) { self.events.append(event) }

    func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent] {
        let after = self.cursors[consumer] ?? 0
        return Array(self.events.filter { $0.id > after }.prefix(limit))
    }

    func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws {
        self.cursors[consumer] = max(self.cursors[consumer] ?? 0, id)
    }

    func pendingCount(_ consumer: String) -> Int {
        let after = self.cursors[consumer] ?? 0
        return self.events.filter { $0.id > after }.count
    }
}
