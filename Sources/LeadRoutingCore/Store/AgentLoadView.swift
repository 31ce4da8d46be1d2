import Synchronization

/// The one in-memory view of agent load (open leads and availability) that routing, previews and agent listings
/// read. Lock-protected so readers on any thread take a consistent snapshot while the owner changes it.
///
/// Only ``LeadLifecycle`` writes it (after each commit, close, decline, expiry, pause or refresh from the store), and
/// its ``AgentLoadFeed`` (changes other processes committed); without a lead store the view stays at the projection's
/// load. The store remains the authority: a stale view only costs a fallback in the store, never an overfilled agent.
public final class AgentLoadView: Sendable {
    private let table: Mutex<AgentLoadTable>

    /// The load recorded in the projection, everybody available.
    public init(projection: GraphProjection) {
        self.table = Mutex(AgentLoadTable(projection: projection))
    }

    /// The current load (copy-on-write: cheap unless the view changes while the copy is held).
    public var snapshot: AgentLoadTable { self.table.withLock { $0 } }

    /// Changes the view under the lock. Internal: the lifecycle and its load feed are the only writers.
    func update(_ body: (inout AgentLoadTable) -> Void) {
        self.table.withLock { body(&$0) }
    }
}
