import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingNeo4j

/// `--snapshot-cache` from the CLI without a server: a cache written beforehand, and a `--neo4j` URL where nothing
/// listens. The command must route from the cache, say so on stderr, and fail without a usable cache.
@Suite struct SnapshotCacheCLITests {
    static let unreachable = "http://127.0.0.1:1"

    @Test func routeFallsBackToTheSnapshotCacheAndSaysSo() throws {
        let tiny = try DatasetDirectory.load(from: RepositoryPaths.tinyFixture)
        let cacheDirectory = try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        try SnapshotCache(directory: cacheDirectory).save(GraphSnapshot(dataset: tiny.dataset, version: tiny.fingerprint, watermark: 7))

        let fromDataset = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--leads", "fixtures/tiny/leads.csv"])
        #expect(fromDataset.status == 0, "\(fromDataset.stderr)")
        let auth = Neo4jTestEnvironment.cliAuthArguments()
        let fromCache = try CLIProcess.run(
            ["route", "--leads", "fixtures/tiny/leads.csv", "--neo4j", Self.unreachable, "--snapshot-cache", cacheDirectory] + auth
        )
        #expect(fromCache.status == 0, "\(fromCache.stderr)")
        #expect(fromCache.stdout == fromDataset.stdout)
        #expect(fromCache.stderr.hasPrefix("warning: "), "\(fromCache.stderr)")
        #expect(fromCache.stderr.contains("connection failed"), "\(fromCache.stderr)")
        #expect(
            fromCache.stderr.contains("started from the snapshot cache \(cacheDirectory) (graph version \(tiny.fingerprint))"),
            "\(fromCache.stderr)"
        )

        // No cache, or an empty one: an unreachable server is an error, and nothing is routed.
        let emptyDirectory = try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path
        defer { try? FileManager.default.removeItem(atPath: emptyDirectory) }
        for cache in [[], ["--snapshot-cache", emptyDirectory]] {
            let failed = try CLIProcess.run(["route", "--leads", "fixtures/tiny/leads.csv", "--neo4j", Self.unreachable] + cache + auth)
            #expect(failed.status != 0)
            #expect(failed.stderr.contains("connection failed"), "\(failed.stderr)")
            #expect(failed.stdout.isEmpty)
        }
    }
}
