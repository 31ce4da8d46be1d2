import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingNeo4j

/// The dataset-directory graph store, the snapshot cache and the holder, without a server.
@Suite struct GraphStoreTests {
    @Test func datasetDirectoryStoreLoadsAndWatchesModificationTimes() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path
        let tiny = try DatasetDirectory.load(from: RepositoryPaths.tinyFixture)
        try DatasetDirectory.write(tiny.dataset, to: directory)
        let store = DatasetDirectoryGraphStore(path: directory)
        let snapshot = try await store.loadSnapshot()
        #expect(snapshot.dataset.agents == tiny.dataset.agents)
        #expect(snapshot.version == (try DatasetDirectory.load(from: directory)).fingerprint)
        #expect(try await store.changes(since: snapshot.watermark).changed == 0)
        let later = Date(timeIntervalSince1970: Double(snapshot.watermark) / 1000 + 5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: directory + "/agents.csv")
        let changes = try await store.changes(since: snapshot.watermark)
        #expect(changes.changed == 1)
        #expect(changes.watermark > snapshot.watermark)
    }

    @Test func snapshotCacheRoundTripsAndHolderReportsHealth() async throws {
        let tiny = try DatasetDirectory.load(from: RepositoryPaths.tinyFixture)
        let cache = SnapshotCache(directory: try TemporaryDirectory.make(prefix: "leadrouter-neo4j").path, clock: FixedClock(millis: 5_000))
        #expect(try cache.load() == nil)
        try cache.save(GraphSnapshot(dataset: tiny.dataset, version: "neo4j-42", watermark: 42))
        let entry = try #require(try cache.load())
        #expect(entry.snapshot.version == "neo4j-42")
        #expect(entry.snapshot.watermark == 42)
        #expect(entry.snapshot.dataset.referrals == tiny.dataset.referrals)
        #expect(entry.savedAtMillis == 5_000, "saved at the injected clock's time")

        let router = Router(projection: try GraphProjection(dataset: entry.snapshot.dataset, version: entry.snapshot.version))
        let holder = ProjectionHolder(router: router, watermark: 42, source: .cache, syncedAtMillis: 1000, clock: FixedClock(millis: 61_000))
        let health = holder.health()
        #expect(health.stale)
        #expect(health.secondsSinceSync == 60)
        #expect(health.graphVersion == "neo4j-42")
    }
}

/// A clock that always says the same time.
private struct FixedClock: WallClock {
    let millis: Int64
    func nowMillis() -> Int64 { self.millis }
}
