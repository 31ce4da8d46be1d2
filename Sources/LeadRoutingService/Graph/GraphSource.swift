import LeadRoutingNeo4j

/// Where the service's graph comes from, as ``GraphLoader/start(_:clock:environment:)`` opened it.
enum GraphSource: Sendable {
    /// A dataset directory, reloaded on request (`SIGHUP`, `POST /api/v1/admin/graph:reload`).
    case dataset(path: String)
    /// Neo4j, polled for changes after the watermark by the refresher (which keeps the snapshot cache written).
    case neo4j(ProjectionRefresher, url: String)

    /// The name in `/ready`, logs and metrics labels.
    var name: String {
        switch self {
        case .dataset: "dataset"
        case .neo4j: "neo4j"
        }
    }
}
