/// A consistent view of the graph of record, as the router's projection is built from it.
public struct GraphSnapshot: Sendable {
    public var dataset: Dataset
    /// The graph version decisions made on this snapshot carry.
    public var version: String
    /// The newest change included, Unix epoch milliseconds (UTC); pass it to ``GraphStore/changes(since:)``.
    public var watermark: Int64

    public init(dataset: Dataset, version: String, watermark: Int64) {
        self.dataset = dataset
        self.version = version
        self.watermark = watermark
    }
}

/// What changed in the graph of record after a watermark.
public struct GraphChanges: Sendable, Hashable {
    /// Elements (nodes or relationships) changed after the watermark; 0 means the snapshot is current.
    public var changed: Int
    /// The newest change seen (the old watermark when nothing changed).
    public var watermark: Int64

    public init(changed: Int, watermark: Int64) {
        self.changed = changed
        self.watermark = watermark
    }
}

/// Where the routing graph comes from: a dataset directory (embedded default) or Neo4j. Implementations live in
/// the adapter modules; the core only builds projections from snapshots.
public protocol GraphStore: Sendable {
    /// Loads the whole graph (paged underneath where the backend needs it).
    func loadSnapshot() async throws -> GraphSnapshot
    /// Counts changes after `watermark` (cheap; the refresher polls it).
    func changes(since watermark: Int64) async throws -> GraphChanges
}
