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
        return Self.graph(for: Router(projection: projection, policy: policy), source: path, leads: loaded.dataset.leads)
    }

    /// A graph around a router built elsewhere (for example on a projection from the Neo4j graph store).
    static func graph(for router: Router, source: String, leads: [Lead] = []) -> LoadedGraph {
        let projection = router.projection
        let order = projection.agentIds.indices.sorted { projection.agentIds[$0] < projection.agentIds[$1] }.map { Int32($0) }
        return LoadedGraph(router: router, loadedAt: .now, source: source, agentsById: order, leads: leads)
    }
}

/// Routes leads on the loaded graph: holds the in-process load view and a small pool of routing workspaces so
/// concurrent requests do not allocate per call.
final class RoutingEngine: Sendable {
    let graph: LoadedGraph
    private let load: Mutex<AgentLoadTable>
    private let workspaces = Mutex<[RoutingWorkspace]>([])
    /// Workspaces kept for reuse (about one per core plus some slack).
    static let poolSize = 8

    init(graph: LoadedGraph) {
        self.graph = graph
        self.load = Mutex(AgentLoadTable(projection: graph.router.projection))
    }

    var projection: GraphProjection { self.graph.router.projection }

    /// The current load view (copy-on-write: cheap unless it is changed meanwhile).
    var loadTable: AgentLoadTable { self.load.withLock { $0 } }

    /// Replaces the load view (for example with open counts and availability from the lead store).
    func updateLoad(_ body: (inout AgentLoadTable) -> Void) {
        self.load.withLock { body(&$0) }
    }

    /// Ranks the lead against `load` (default: the current load view) without committing anything.
    func decide(_ lead: Lead, excluding: Set<String> = [], load: AgentLoadTable? = nil) -> RoutingDecision {
        var workspace = self.workspaces.withLock { $0.popLast() } ?? self.graph.router.makeWorkspace()
        let decision = self.graph.router.route(lead, load: load ?? self.loadTable, excluding: excluding, workspace: &workspace)
        self.workspaces.withLock { pool in
            if pool.count < Self.poolSize { pool.append(workspace) }
        }
        return decision
    }
}
