import LeadRoutingCore
import LeadRoutingFiles
import Synchronization

/// The graph projection the service routes on, with when and from where it was loaded.
struct LoadedGraph: Sendable {
    var router: Router
    var loadedAt: ContinuousClock.Instant
    /// Dataset directory (or, later, graph store) it came from.
    var source: String
    /// Agent dense indices sorted by id, for cursor pagination.
    var agentsById: [Int32]
    /// The dataset's leads (the demand of the coverage-gaps analysis); empty when the graph came without them.
    var leads: [Lead] = []
    /// Repeated dataset rows merged while loading (for the startup log).
    var merges = DatasetMerges()
}

/// Loads the graph projection and policy: the one place that knows where the graph comes from (the Neo4j graph
/// store plugs in here).
enum GraphLoader {
    static func load(_ configuration: ServiceConfiguration) throws(ServiceConfigurationError) -> LoadedGraph {
        guard let path = configuration.dataset else { throw ServiceConfigurationError(setting: "dataset", message: "no dataset directory given") }
        let projection: GraphProjection
        let loaded: LoadedDataset
        do {
            loaded = try DatasetDirectory.load(from: path)
            projection = try GraphProjection(dataset: loaded.dataset, version: loaded.fingerprint)
        } catch {
            throw ServiceConfigurationError(setting: "dataset", message: "\(error)")
        }
        let policy: RoutingPolicy
        do {
            policy = try PolicyFile.loadOrDefault(configuration.policy)
        } catch {
            throw ServiceConfigurationError(setting: "policy", message: "\(error)")
        }
        var graph = Self.graph(for: Router(projection: projection, policy: policy), source: path, leads: loaded.dataset.leads)
        graph.merges = loaded.merges
        return graph
    }

    /// A graph around a router built elsewhere (for example on a projection from the Neo4j graph store).
    static func graph(for router: Router, source: String, leads: [Lead] = []) -> LoadedGraph {
        let projection = router.projection
        let order = projection.agentIds.indices.sorted { projection.agentIds[$0] < projection.agentIds[$1] }.map { Int32($0) }
        return LoadedGraph(router: router, loadedAt: .now, source: source, agentsById: order, leads: leads)
    }
}

/// Ranks leads on the loaded graph without committing (preview): reads the one load view (the lead lifecycle's,
/// or the projection's when the service runs without a store) and keeps a small pool of routing workspaces so
/// concurrent requests do not allocate per call.
final class RoutingEngine: Sendable {
    let graph: LoadedGraph
    /// Open leads and availability per agent; written only by the lead lifecycle.
    let loads: AgentLoadView
    private let workspaces = Mutex<[RoutingWorkspace]>([])
    /// Workspaces kept for reuse (about one per core plus some slack).
    static let poolSize = 8

    init(graph: LoadedGraph, loads: AgentLoadView) {
        self.graph = graph
        self.loads = loads
    }

    var projection: GraphProjection { self.graph.router.projection }

    /// Ranks the lead against the current load view without committing anything.
    func decide(_ lead: Lead) -> RoutingDecision {
        var workspace = self.workspaces.withLock { $0.popLast() } ?? self.graph.router.makeWorkspace()
        let decision = self.graph.router.route(lead, load: self.loads.snapshot, workspace: &workspace)
        self.workspaces.withLock { pool in
            if pool.count < Self.poolSize { pool.append(workspace) }
        }
        return decision
    }
}
