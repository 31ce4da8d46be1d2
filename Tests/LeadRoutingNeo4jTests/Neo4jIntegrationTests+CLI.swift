import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingNeo4j

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The CLI against the Neo4j test server: both HTTP APIs, the snapshot cache written by a load, and `serve --neo4j`.
/// Part of the serialized integration suite, since each test replaces the database's contents.
extension Neo4jIntegrationTests {
    func importTinyWithTheCLI() throws -> [String] {
        let url = try #require(Neo4jTestEnvironment.url)
        let neo4j = ["--neo4j", url] + Neo4jTestEnvironment.cliAuthArguments()
        let imported = try CLIProcess.run(["import", "--dataset", "fixtures/tiny", "--replace", "--json"] + neo4j)
        #expect(imported.status == 0, "\(imported.stderr)")
        return neo4j
    }

    @Test(arguments: ["tx", "query"])
    func routeOverEitherHTTPAPIGivesTheDatasetsDecisions(api: String) throws {
        let neo4j = try self.importTinyWithTheCLI()
        let fromDataset = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--leads", "fixtures/tiny/leads.csv", "--json"])
        #expect(fromDataset.status == 0, "\(fromDataset.stderr)")
        let fromNeo4j = try CLIProcess.run(["route", "--leads", "fixtures/tiny/leads.csv", "--json", "--neo4j-api", api] + neo4j)
        #expect(fromNeo4j.status == 0, "\(fromNeo4j.stderr)")
        #expect(!fromNeo4j.stdout.isEmpty && fromNeo4j.stdout == fromDataset.stdout, "--neo4j-api \(api)")
    }

    @Test func aLoadWritesTheSnapshotCacheThatAnOutageFallsBackTo() throws {
        let neo4j = try self.importTinyWithTheCLI()
        let cacheDirectory = try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let live = try CLIProcess.run(["route", "--leads", "fixtures/tiny/leads.csv", "--snapshot-cache", cacheDirectory] + neo4j)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(!live.stderr.contains("snapshot cache"), "a reachable server needs no fallback: \(live.stderr)")
        let cached = try #require(try SnapshotCache(directory: cacheDirectory).load())
        #expect(cached.snapshot.dataset.agents == Self.tinyDataset.dataset.agents)

        let down = try CLIProcess.run(
            ["route", "--leads", "fixtures/tiny/leads.csv", "--neo4j", "http://127.0.0.1:1", "--snapshot-cache", cacheDirectory]
                + Neo4jTestEnvironment.cliAuthArguments()
        )
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stdout == live.stdout)
        #expect(down.stderr.contains("warning: "), "\(down.stderr)")
        #expect(down.stderr.contains("started from the snapshot cache \(cacheDirectory) (graph version \(cached.snapshot.version))"))
    }

    @Test func serveWithNeo4jRoutesFromTheImportedGraph() async throws {
        let neo4j = try self.importTinyWithTheCLI()
        let server = try await ServerProcess.start(
            ["serve", "--insecure-no-auth", "--port", "0", "--store", "sqlite::memory:", "--log-level", "notice"] + neo4j
        )
        let (readyData, ready) = try await URLSession.shared.data(from: try #require(URL(string: server.baseURL + "/api/v1/ready")))
        #expect((ready as? HTTPURLResponse)?.statusCode == 200)
        struct Ready: Decodable {
            struct Graph: Decodable {
                var loaded: Bool
                var agents: Int
                var version: String
            }
            var status: String
            var graph: Graph
        }
        let body = try JSONDecoder().decode(Ready.self, from: readyData)
        #expect(body.status == "ready" && body.graph.loaded)
        #expect(body.graph.agents == Self.tinyDataset.dataset.agents.count)
        #expect(body.graph.version == Self.tinyDataset.fingerprint)

        var request = URLRequest(url: try #require(URL(string: server.baseURL + "/api/v1/leads:preview")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"id":"N1","territoryId":"T1","kind":"buy"}"#.utf8)
        let (decisionData, previewed) = try await URLSession.shared.data(for: request)
        #expect((previewed as? HTTPURLResponse)?.statusCode == 200)
        // Ann wins a Downtown buy lead on the tiny network (fixtures/tiny/README.md, L1), on the graph from Neo4j.
        let decision = try JSONDecoder().decode(RoutingDecision.self, from: decisionData)
        #expect(decision.status == .routed)
        #expect(decision.agentId == "A1")
        #expect(decision.graphVersion == Self.tinyDataset.fingerprint)

        let stopped = server.stop()
        #expect(stopped.reason == .exit)
        #expect(stopped.status == 0, "\(stopped.log)")
    }
}
