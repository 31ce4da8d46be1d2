import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingNeo4j

/// Runs against the server at `NEO4J_URL`: the FalkorDB-backed test server in CI (scripts/test starts it), or a
/// real Neo4j 5 (docker compose, the GitHub workflow). Serialized: every test owns the database while it runs.
@Suite(
    .serialized,
    .enabled(if: Neo4jTestEnvironment.isEnabled, "set NEO4J_URL (scripts/services/neo4j start, or a real Neo4j) to run")
)
struct Neo4jIntegrationTests {
    static let tinyDataset: LoadedDataset = try! DatasetDirectory.load(from: RepositoryPaths.tinyFixture)

    func freshImport(_ loaded: LoadedDataset, store: Neo4jGraphStore? = nil) async throws -> Neo4jGraphStore {
        let store = try store ?? Neo4jTestEnvironment.store()
        try await store.clear()
        _ = try await store.importDataset(loaded.dataset, fingerprint: loaded.fingerprint)
        return store
    }

    @Test(arguments: [Neo4jConfiguration.API.queryV2, .transactional])
    func bothAPIsRunStatementsAndExplicitTransactions(api: Neo4jConfiguration.API) async throws {
        let store = try Neo4jTestEnvironment.store(api: api)
        try await store.clear()
        let client = store.client
        let probe = CypherQuery(name: "test/probe", text: "RETURN $i AS i, $f AS f, $s AS s, $n AS n, $l AS l, $m AS m")
        let result = try await client.run(probe, ["i": 7, "f": 1.0, "s": "x'\"y", "n": nil, "l": [1, "a"], "m": ["k": 2.5]])
        #expect(result.columns == ["i", "f", "s", "n", "l", "m"])
        #expect(result.rows == [[.int(7), .double(1.0), .string("x'\"y"), .null, .list([.int(1), .string("a")]), .map(["k": .double(2.5)])]])

        let create = CypherQuery(name: "test/create", text: "CREATE (:Agent {id: $id})")
        let count = CypherQuery(name: "test/count", text: "MATCH (a:Agent {id: $id}) RETURN count(a) AS n")
        // Rolled back: invisible afterwards, visible inside.
        let transaction = try await client.begin()
        _ = try await transaction.run(create, ["id": "TX1"])
        #expect(try await transaction.run(count, ["id": "TX1"]).rows == [[.int(1)]])
        try await transaction.rollback()
        #expect(try await client.run(count, ["id": "TX1"]).rows == [[.int(0)]])
        // Committed: visible.
        try await client.withTransaction(mode: .write) { tx in _ = try await tx.run(create, ["id": "TX2"]) }
        #expect(try await client.run(count, ["id": "TX2"]).rows == [[.int(1)]])
        // A syntax error is a typed server error with Neo4j's code.
        do {
            _ = try await client.run(CypherQuery(name: "test/bad", text: "RETURN RETURN"), [:])
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.code == "Neo.ClientError.Statement.SyntaxError")
        }
        try await store.clear()
    }

    @Test func importIsIdempotentAndTheSnapshotIsTheDataset() async throws {
        let loaded = Self.tinyDataset
        let store = try await self.freshImport(loaded)
        let counts = CypherQuery(
            name: "test/counts",
            text: "MATCH (n) WHERE n:Agent OR n:Territory OR n:Lead WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
        )
        let first = try await store.client.run(counts).rows
        _ = try await store.importDataset(loaded.dataset, fingerprint: loaded.fingerprint)
        #expect(try await store.client.run(counts).rows == first)

        let snapshot = try await store.loadSnapshot(progress: nil)
        #expect(snapshot.version == loaded.fingerprint)
        #expect(snapshot.dataset.agents == loaded.dataset.agents)
        #expect(snapshot.dataset.territories == loaded.dataset.territories)
        #expect(snapshot.dataset.coverage == loaded.dataset.coverage)
        #expect(snapshot.dataset.adjacency == loaded.dataset.adjacency)
        #expect(snapshot.dataset.referrals == loaded.dataset.referrals)
        #expect(snapshot.dataset.leads.map(\.id) == loaded.dataset.leads.map(\.id))
        #expect(try await store.changedSince(snapshot.watermark).changed == 0)
    }

    /// Routes every lead in batch with both candidate modes; the decisions must be identical.
    func expectIdenticalDecisions(_ loaded: LoadedDataset, policy: RoutingPolicy = .default) async throws {
        let store = try await self.freshImport(loaded)
        let snapshot = try await store.loadSnapshot(progress: nil)
        // Projection mode on the dataset directory itself (the embedded default) …
        var projectionBatch = BatchRouter(
            router: Router(projection: try GraphProjection(dataset: loaded.dataset, version: loaded.fingerprint), policy: policy)
        )
        let expected = loaded.dataset.leads.map { projectionBatch.route($0) }
        // … projection mode on the Neo4j snapshot …
        var neo4jBatch = BatchRouter(
            router: Router(projection: try GraphProjection(dataset: snapshot.dataset, version: snapshot.version), policy: policy)
        )
        let fromNeo4j = snapshot.dataset.leads.map { neo4jBatch.route($0) }
        #expect(fromNeo4j == expected)
        // … and the cypher mode, asking Neo4j per lead.
        let cypher = try CypherCandidateRouter(store: store, snapshot: snapshot, policy: policy)
        var viaCypher: [RoutingDecision] = []
        try await cypher.routeBatch(snapshot.dataset.leads) { _, decision in viaCypher.append(decision) }
        #expect(viaCypher.count == expected.count)
        for (a, b) in zip(viaCypher, expected) where a != b {
            Issue.record("lead \(a.leadId): cypher chose \(a.agentId ?? "-") (\(a.score ?? 0)), projection \(b.agentId ?? "-") (\(b.score ?? 0))")
        }
    }

    @Test func cypherCandidatesMatchTheProjectionOnTiny() async throws {
        try await self.expectIdenticalDecisions(Self.tinyDataset)
        for name in ["referral-only", "referral-only-no-adjacency", "distance-only"] {
            let path = RepositoryPaths.tinyPolicy(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            try await self.expectIdenticalDecisions(Self.tinyDataset, policy: try PolicyFile.load(from: path))
        }
    }

    @Test func cypherCandidatesMatchTheProjectionOnAGeneratedDataset() async throws {
        let loaded = try Neo4jTestEnvironment.generated(agents: 300, territories: 40, referrals: 2500, leads: 250, seed: 11)
        try await self.expectIdenticalDecisions(loaded)
        var wide = RoutingPolicy.default
        wide.maxTerritoryHops = 2
        wide.maxReferralHops = 3
        wide.referralTerritoryHops = 2
        try await self.expectIdenticalDecisions(loaded, policy: wide)
    }

    @Test func refreshSwapsInTheChangedGraphWithANewVersion() async throws {
        let loaded = Self.tinyDataset
        let store = try await self.freshImport(loaded)
        let started = try await ProjectionRefresher.start(store: store, policy: .default, cache: nil, interval: .milliseconds(10))
        let refresher = started.refresher
        #expect(refresher.holder.router.projection.version == loaded.fingerprint)
        #expect(await refresher.refreshOnce() == .unchanged)

        let agent = loaded.dataset.agents[0].id
        try await Task.sleep(for: .milliseconds(5))
        _ = try await store.client.run(
            CypherQuery(name: "test/update", text: "MATCH (a:Agent {id: $id}) SET a.capacity = 99, a.updatedAt = $now"),
            ["id": .string(agent), "now": .int(SystemWallClock().nowMillis() + 1)],
            mode: .write
        )
        guard case .reloaded(let version) = await refresher.refreshOnce() else {
            Issue.record("expected a reload")
            return
        }
        #expect(version != loaded.fingerprint)
        #expect(version.hasPrefix("neo4j-"))
        let router = refresher.holder.router
        #expect(router.projection.version == version)
        #expect(router.projection.agentCapacity[Int(router.projection.agent(agent)!)] == 99)
        #expect(refresher.holder.health().stale == false)
    }

    @Test func routingContinuesOnTheLastProjectionWhileNeo4jIsDown() async throws {
        let loaded = Self.tinyDataset
        let transport = SwitchableTransport()
        let store = try await self.freshImport(loaded, store: Neo4jTestEnvironment.store(transport: transport))
        let cache = SnapshotCache(directory: try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path)
        let started = try await ProjectionRefresher.start(store: store, policy: .default, cache: cache)
        #expect(started.fellBackToCache == nil)
        let refresher = started.refresher
        let lead = loaded.dataset.leads[0]
        let before = refresher.holder.router.route(lead)

        // Down after start: refresh fails, the last projection keeps routing, health says stale.
        transport.setDown(true)
        guard case .failed = await refresher.refreshOnce() else {
            Issue.record("refresh should fail")
            return
        }
        let during = refresher.holder.router.route(lead)
        #expect(during == before)
        #expect(during.graphVersion == loaded.fingerprint)
        let health = refresher.holder.health()
        #expect(health.stale)
        #expect(health.consecutiveFailures == 1)
        #expect(health.lastError?.contains("connection failed") == true)

        // Unreachable at start (nothing listens there): start from the cache and say so.
        let unreachable = try Neo4jTestEnvironment.store(url: "http://127.0.0.1:1")
        let fromCache = try await ProjectionRefresher.start(store: unreachable, policy: .default, cache: cache)
        #expect(fromCache.fellBackToCache?.contains("snapshot cache") == true)
        #expect(fromCache.refresher.holder.health().source == .cache)
        #expect(fromCache.refresher.holder.health().stale)
        #expect(fromCache.refresher.holder.router.route(lead) == before)
        // Without a cache, an unreachable server is an error.
        await #expect(throws: Neo4jError.self) {
            _ = try await ProjectionRefresher.start(store: unreachable, policy: .default, cache: nil)
        }

        // Back up: the refresher recovers.
        transport.setDown(false)
        let outcome = await refresher.refreshOnce()
        #expect(outcome == .unchanged)
        #expect(refresher.holder.health().stale == false)
    }

    @Test func lineageDrainsIdempotentlyAndWaitsForAnOutage() async throws {
        let loaded = Self.tinyDataset
        let transport = SwitchableTransport()
        let store = try await self.freshImport(loaded, store: Neo4jTestEnvironment.store(transport: transport))
        let outbox = MemoryOutbox()
        let agents = loaded.dataset.agents.map(\.id)
        await outbox.append(OutboxEvent(id: 1, kind: "lead.routed", leadId: "LX1", agentId: agents[0], score: 0.5, occurredAtMillis: 1000))
        await outbox.append(OutboxEvent(id: 2, kind: "lead.routed", leadId: "LX2", agentId: agents[1], score: 0.25, occurredAtMillis: 1001))
        await outbox.append(OutboxEvent(id: 3, kind: "lead.reassigned", leadId: "LX1", agentId: agents[2], score: 0.75, occurredAtMillis: 1002))
        let writer = LineageWriter(store: store, outbox: outbox, batchSize: 2)

        // Outage: nothing acknowledged, everything waits.
        transport.setDown(true)
        await #expect(throws: Neo4jError.self) { try await writer.drain() }
        #expect(await outbox.pendingCount(LineageWriter.consumer) == 3)

        // Back: drains; the reassignment wins.
        transport.setDown(false)
        #expect(try await writer.drain() == 3)
        #expect(await outbox.pendingCount(LineageWriter.consumer) == 0)
        #expect(try await store.lineage(of: "LX1")?.agentId == agents[2])
        #expect(try await store.lineage(of: "LX1")?.score == 0.75)
        #expect(try await store.lineage(of: "LX2")?.agentId == agents[1])

        // Replaying old events (at-least-once delivery) changes nothing; one ROUTED_TO per lead.
        _ = try await store.writeLineage([LineageAssignment(leadId: "LX1", agentId: agents[0], score: 0.5, atMillis: 1000, eventId: 1)])
        #expect(try await store.lineage(of: "LX1")?.agentId == agents[2])
        let edges = try await store.client.run(
            CypherQuery(name: "test/lineage-count", text: "MATCH (:Lead {id: $id})-[r:ROUTED_TO]->(:Agent) RETURN count(r) AS n"),
            ["id": "LX1"]
        )
        #expect(edges.rows == [[.int(1)]])
    }

    @Test func analyticsQueriesRun() async throws {
        let store = try await self.freshImport(Self.tinyDataset)
        let names = store.library.names.filter { $0.hasPrefix("analytics/") && !$0.hasSuffix(".gds") }
        #expect(names.count >= 4)
        for name in names {
            let result = try await store.client.run(try store.library.query(name), ["limit": 10, "agentId": "A1"])
            #expect(!result.columns.isEmpty, "\(name)")
        }
    }

    @Test func cliImportThenRouteGivesTheDatasetsDecisions() async throws {
        let url = try #require(Neo4jTestEnvironment.url)
        let neo4j = ["--neo4j", url] + Neo4jTestEnvironment.cliAuthArguments()
        let imported = try CLIProcess.run(["import", "--dataset", "fixtures/tiny", "--replace", "--json"] + neo4j)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\"rows\""))
        let fromDataset = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--leads", "fixtures/tiny/leads.csv"])
        #expect(fromDataset.status == 0)
        for mode in ["projection", "cypher"] {
            let fromNeo4j = try CLIProcess.run(["route", "--leads", "fixtures/tiny/leads.csv", "--candidates", mode] + neo4j)
            #expect(fromNeo4j.status == 0, "\(fromNeo4j.stderr)")
            #expect(fromNeo4j.stdout == fromDataset.stdout, "--candidates \(mode)")
        }
        // Analysts get the same numbers whether the graph comes from the dataset or from Neo4j.
        for algorithm in ["pagerank", "components", "reciprocity"] {
            let files = try CLIProcess.run(["analyze", algorithm, "--dataset", "fixtures/tiny", "--csv", "--quiet"])
            let graph = try CLIProcess.run(["analyze", algorithm, "--csv", "--quiet"] + neo4j)
            #expect(files.status == 0 && graph.status == 0, "\(graph.stderr)")
            #expect(!files.stdout.isEmpty && graph.stdout == files.stdout, "analyze \(algorithm)")
        }
        let bad = try CLIProcess.run(
            ["route", "--leads", "fixtures/tiny/leads.csv", "--neo4j", "http://127.0.0.1:1"] + Neo4jTestEnvironment.cliAuthArguments()
        )
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("connection failed"))
    }
}
