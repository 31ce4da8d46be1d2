import Foundation
public import LeadRoutingCore
import LeadRoutingFiles

/// A local copy of the last snapshot loaded from Neo4j (a dataset directory plus `snapshot.json` with the
/// version and watermark), so a router can start while Neo4j is unreachable.
public struct SnapshotCache: Sendable {
    public let directory: String
    /// The clock of `savedAtMillis`.
    public let clock: any WallClock

    public init(directory: String, clock: any WallClock = SystemWallClock()) {
        self.directory = directory
        self.clock = clock
    }

    struct Meta: Codable {
        var version: String
        var watermark: Int64
        var savedAtMillis: Int64
    }

    /// What ``load()`` returns: the snapshot and when it was saved.
    public struct Entry: Sendable {
        public var snapshot: GraphSnapshot
        public var savedAtMillis: Int64
    }

    /// Writes the snapshot (replacing the previous one; the metadata file is written last, so a torn write is
    /// never mistaken for a complete cache).
    public func save(_ snapshot: GraphSnapshot) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        let metaURL = URL(fileURLWithPath: self.directory).appendingPathComponent("snapshot.json")
        try? fm.removeItem(at: metaURL)
        try DatasetDirectory.write(snapshot.dataset, to: self.directory)
        let meta = Meta(
            version: snapshot.version,
            watermark: snapshot.watermark,
            savedAtMillis: self.clock.nowMillis()
        )
        try JSONEncoder().encode(meta).write(to: metaURL, options: .atomic)
    }

    /// The cached snapshot, or nil when there is none.
    public func load() throws -> Entry? {
        let metaURL = URL(fileURLWithPath: self.directory).appendingPathComponent("snapshot.json")
        guard let data = FileManager.default.contents(atPath: metaURL.path) else { return nil }
        let meta = try JSONDecoder().decode(Meta.self, from: data)
        let loaded = try DatasetDirectory.load(from: self.directory)
        return Entry(
            snapshot: GraphSnapshot(dataset: loaded.dataset, version: meta.version, watermark: meta.watermark),
            savedAtMillis: meta.savedAtMillis
        )
    }
}
