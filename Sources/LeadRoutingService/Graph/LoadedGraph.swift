import LeadRoutingCore
import LeadRoutingFiles

/// The graph projection the service routes on, with when and from where it was loaded.
struct LoadedGraph: Sendable {
    var router: Router
    var loadedAt: ContinuousClock.Instant
    /// Dataset directory or Neo4j URL it came from.
    var source: String
    /// Agent dense indices sorted by id, for cursor pagination.
    var agentsById: [Int32]
    /// The dataset's leads (the demand of the coverage-gaps analysis); empty when the graph came without them.
    var leads: [Lead] = []
    /// Repeated dataset rows merged while loading (for the log).
    var merges = DatasetMerges()

    /// A graph around `router`, its agents indexed by id.
    init(router: Router, source: String, leads: [Lead] = [], merges: DatasetMerges = DatasetMerges()) {
        let projection = router.projection
        self.router = router
        self.loadedAt = .now
        self.source = source
        self.agentsById = projection.agentIds.indices.sorted { projection.agentIds[$0] < projection.agentIds[$1] }.map { Int32($0) }
        self.leads = leads
        self.merges = merges
    }
}
