import Foundation
public import LeadRoutingCore

/// The graph of record in Neo4j: import, paged snapshot loads, the change watermark, the per-lead neighbourhood
/// for the cypher candidate mode, and lineage writes. Every statement comes from ``CypherLibrary``.
public struct Neo4jGraphStore: GraphStore {
    /// Tuning with documented defaults.
    public struct Options: Sendable {
        /// Rows per `UNWIND` batch on import. Default 2,000.
        public var importBatchSize: Int
        /// Nodes per snapshot page (keyset paging by id). Default 5,000.
        public var pageSize: Int

        public init(importBatchSize: Int = 2000, pageSize: Int = 5000) {
            self.importBatchSize = max(1, importBatchSize)
            self.pageSize = max(1, pageSize)
        }
    }

    public let client: Neo4jClient
    public let library: CypherLibrary
    public let options: Options
    /// The clock of the `updatedAt` stamps an import writes (the refresh watermarks compare them).
    public let clock: any WallClock

    public init(client: Neo4jClient, library: CypherLibrary, options: Options = Options(), clock: any WallClock = SystemWallClock()) {
        self.clock = clock
        self.client = client
        self.library = library
        self.options = options
    }

    /// Progress of a long operation: `phase` (e.g. `agents`), rows done of `total`.
    public typealias Progress = (_ phase: String, _ done: Int, _ total: Int) -> Void
}
