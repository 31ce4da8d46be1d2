import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingNeo4j

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `serve --neo4j` follows the graph: a change made in Neo4j through Cypher reaches a running server's decisions
/// within a few poll intervals, with the new graph version. Part of the serialized integration suite.
extension Neo4jIntegrationTests {
    private struct Ready: Decodable {
        struct Graph: Decodable {
            var version: String
            var source: String
            var stale: Bool
            var fromSnapshotCache: Bool
        }
        var graph: Graph
    }

    private static func post(_ server: ServerProcess, _ path: String, _ body: String) async throws -> (Int, Data) {
        var request = URLRequest(url: try #require(URL(string: server.baseURL + path)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    private static func get(_ server: ServerProcess, _ path: String) async throws -> Data {
        try await URLSession.shared.data(from: try #require(URL(string: server.baseURL + path))).0
    }

    @Test func aChangeMadeInNeo4jReachesARunningServerWithinSeconds() async throws {
        let neo4j = try self.importTinyWithTheCLI()
        let server = try await ServerProcess.start(
            ["serve", "--insecure-no-auth", "--port", "0", "--store", "sqlite::memory:", "--log-level", "notice", "--graph-poll-interval", "200ms"]
                + neo4j
        )
        let lead = #"{"id":"N1","territoryId":"T1","kind":"buy"}"#
        let (status, first) = try await Self.post(server, "/api/v1/leads:preview", lead)
        #expect(status == 200)
        let before = try JSONDecoder().decode(RoutingDecision.self, from: first)
        #expect(before.agentId == "A1" && before.graphVersion == Self.tinyDataset.fingerprint)

        // What a user does in Neo4j Browser: Ann goes inactive, Dan (inactive in the dataset) becomes active,
        // each with `updatedAt` touched so the change shows after the watermark.
        let store = try Neo4jTestEnvironment.store()
        try await Task.sleep(for: .milliseconds(5))
        _ = try await store.client.run(
            CypherQuery(
                name: "test/live-change",
                text: "MATCH (a:Agent) WHERE a.id IN $ids SET a.active = (a.id = $activated), a.updatedAt = $now"
            ),
            ["ids": .list([.string("A1"), .string("A4")]), "activated": .string("A4"), "now": .int(SystemWallClock().nowMillis() + 1)],
            mode: .write
        )

        var after = before
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            after = try JSONDecoder().decode(RoutingDecision.self, from: try await Self.post(server, "/api/v1/leads:preview", lead).1)
            if after.graphVersion != before.graphVersion { break }
        }
        #expect(after.graphVersion != before.graphVersion, "the change never reached the running server")
        #expect(after.graphVersion.hasPrefix("neo4j-"))
        #expect(after.agentId != "A1", "Ann is inactive in Neo4j now: \(after)")

        // A committed decision (the lead lifecycle) routes on the new graph too, and so does /ready.
        let (created, committed) = try await Self.post(server, "/api/v1/leads", #"{"id":"N2","territoryId":"T1","kind":"buy"}"#)
        #expect(created == 201)
        let decision = try JSONDecoder().decode(RoutingDecision.self, from: committed)
        #expect(decision.graphVersion == after.graphVersion && decision.agentId != "A1", "\(decision)")
        let ready = try JSONDecoder().decode(Ready.self, from: try await Self.get(server, "/api/v1/ready"))
        #expect(ready.graph.version == after.graphVersion && ready.graph.source == "neo4j")
        #expect(!ready.graph.stale && !ready.graph.fromSnapshotCache)
        let metrics = String(decoding: try await Self.get(server, "/metrics"), as: UTF8.self)
        #expect(metrics.contains(#"leadrouter_graph_refreshes_total{source="neo4j",outcome="reloaded"}"#), "\(metrics)")

        // The committed decision reaches Neo4j lineage through the outbox relay `serve --neo4j` runs.
        var lineage: LineageAssignment?
        let lineageDeadline = ContinuousClock.now + .seconds(10)
        while lineage == nil && ContinuousClock.now < lineageDeadline {
            try await Task.sleep(for: .milliseconds(200))
            lineage = try await store.lineage(of: "N2")
        }
        #expect(lineage?.agentId == decision.agentId, "no ROUTED_TO lineage for N2 in Neo4j: \(String(describing: lineage))")

        let stopped = server.stop()
        #expect(stopped.reason == .exit)
        #expect(stopped.status == 0, "\(stopped.log)")
    }

    @Test func serveStartsFromTheSnapshotCacheWhenNeo4jIsUnreachableAndSaysSo() async throws {
        let neo4j = try self.importTinyWithTheCLI()
        let cacheDirectory = try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let live = try await ServerProcess.start(
            ["serve", "--insecure-no-auth", "--port", "0", "--store", "sqlite::memory:", "--snapshot-cache", cacheDirectory] + neo4j
        )
        #expect(live.stop().status == 0)
        let down = try await ServerProcess.start(
            [
                "serve", "--insecure-no-auth", "--port", "0", "--store", "sqlite::memory:", "--snapshot-cache", cacheDirectory,
                "--neo4j", "http://127.0.0.1:1", "--graph-poll-interval", "200ms",
            ] + Neo4jTestEnvironment.cliAuthArguments()
        )
        let ready = try JSONDecoder().decode(Ready.self, from: try await Self.get(down, "/api/v1/ready"))
        #expect(ready.graph.fromSnapshotCache && ready.graph.stale)
        #expect(ready.graph.version == Self.tinyDataset.fingerprint)
        let (status, body) = try await Self.post(down, "/api/v1/leads:preview", #"{"id":"N1","territoryId":"T1","kind":"buy"}"#)
        #expect(status == 200, "routing goes on from the cache")
        #expect(try JSONDecoder().decode(RoutingDecision.self, from: body).agentId == "A1")
        let stopped = down.stop()
        #expect(stopped.status == 0, "\(stopped.log)")
    }
}
