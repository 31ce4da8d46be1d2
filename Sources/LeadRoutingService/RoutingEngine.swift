import LeadRoutingCore
import Synchronization

/// Ranks leads on the current graph without committing (preview): reads the one load view (the lead lifecycle's,
/// or the projection's when the service runs without a store) and keeps a small pool of routing workspaces so
/// concurrent requests do not allocate per call. A newer graph is installed with its load view in one step
/// (``install(_:loads:)``); a request reads both at once (``current``), so their agent indices always agree.
final class RoutingEngine: Sendable {
    /// The graph in use and the load view sized to its projection.
    struct Current: Sendable {
        var graph: LoadedGraph
        /// Open leads and availability per agent; written only by the lead lifecycle.
        var loads: AgentLoadView
    }

    private struct State {
        var current: Current
        /// Counts installs: a workspace is pooled only for the graph it was made for.
        var generation: Int
        var workspaces: [RoutingWorkspace]
    }

    private let state: Mutex<State>
    /// Workspaces kept for reuse (about one per core plus some slack).
    static let poolSize = 8

    init(graph: LoadedGraph, loads: AgentLoadView) {
        self.state = Mutex(State(current: Current(graph: graph, loads: loads), generation: 0, workspaces: []))
    }

    /// The graph and its load view, read together.
    var current: Current { self.state.withLock { $0.current } }

    /// The graph in use.
    var graph: LoadedGraph { self.current.graph }

    /// Routes on `graph` from now on, reading `loads` (sized to its projection).
    func install(_ graph: LoadedGraph, loads: AgentLoadView) {
        self.state.withLock {
            $0.current = Current(graph: graph, loads: loads)
            $0.generation += 1
            $0.workspaces = []
        }
    }

    /// Ranks the lead against the current load view without committing anything.
    func decide(_ lead: Lead) -> RoutingDecision {
        let (current, generation, pooled) = self.state.withLock { ($0.current, $0.generation, $0.workspaces.popLast()) }
        var workspace = pooled ?? current.graph.router.makeWorkspace()
        let decision = current.graph.router.route(lead, load: current.loads.snapshot, workspace: &workspace)
        self.state.withLock { state in
            if state.generation == generation && state.workspaces.count < Self.poolSize { state.workspaces.append(workspace) }
        }
        return decision
    }
}
