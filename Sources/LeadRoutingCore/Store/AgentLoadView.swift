import Synchronization

/// The one in-memory view of agent load (open leads and availability) that routing, previews and agent listings
/// read. Lock-protected so readers on any thread take a consistent snapshot while the owner changes it.
///
/// Only ``LeadLifecycle`` writes it (after each commit, close, decline, expiry, pause or refresh from the store), and
/// its ``AgentLoadFeed`` (changes other processes committed); without a lead store the view stays at the projection's
/// load. The store remains the authority: a stale view only costs a fallback in the store, never an overfilled agent.
///
/// The lifecycle's own writes and the feed's must not undo each other. A local write first commits to the store and
/// then changes the view; a poll first reads the store and then writes what it read. So the view keeps, per agent,
/// whether a local write is under way and when the last one ended (an epoch counter). A poll applies an agent's
/// stored row only when no local write of that agent was under way or ended since the poll began reading; the
/// others it reads again at its next poll.
public final class AgentLoadView: Sendable {
    struct State {
        var table: AgentLoadTable
        /// Moves at every start and end of a local write.
        var epoch: UInt64 = 0
        /// Per agent: the epoch at which its last local write started or ended.
        var touchedAt: [UInt64]
        /// Per agent: local writes under way.
        var writing: [UInt32]
    }

    private let state: Mutex<State>

    /// The load recorded in the projection, everybody available.
    public init(projection: GraphProjection) {
        let count = projection.agentCount
        self.state = Mutex(
            State(
                table: AgentLoadTable(projection: projection),
                touchedAt: [UInt64](repeating: 0, count: count),
                writing: [UInt32](repeating: 0, count: count)
            )
        )
    }

    /// The current load (copy-on-write: cheap unless the view changes while the copy is held).
    public var snapshot: AgentLoadTable { self.state.withLock { $0.table } }

    /// Changes the view under the lock. Internal: the lifecycle and its load feed are the only writers.
    func update(_ body: (inout AgentLoadTable) -> Void) {
        self.state.withLock { body(&$0.table) }
    }

    /// Marks the start of a local write that may change `agents` (before its store call).
    func beginLocalWrite(_ agents: [Int32]) {
        self.state.withLock { state in
            state.epoch &+= 1
            for agent in agents {
                state.writing[Int(agent)] += 1
                state.touchedAt[Int(agent)] = state.epoch
            }
        }
    }

    /// Marks the end of a local write begun with the same `agents` (after its view update).
    func endLocalWrite(_ agents: [Int32]) {
        self.state.withLock { state in
            state.epoch &+= 1
            for agent in agents {
                state.writing[Int(agent)] -= 1
                state.touchedAt[Int(agent)] = state.epoch
            }
        }
    }

    /// Where a store read starts: pass it to ``applyRead(startedAt:_:)`` with what was read.
    var epoch: UInt64 { self.state.withLock { $0.epoch } }

    /// Applies what a store read that started at `epoch` returned: `body` changes the table and may write an
    /// agent's row only where `settled` says so (no local write of that agent under way or ended since). A read made
    /// inside local writes (`within`, begun before the read) is fresh for their agents: only other writes count.
    func applyRead(
        startedAt epoch: UInt64,
        within ownWrites: [[Int32]] = [],
        _ body: (inout AgentLoadTable, _ settled: (Int32) -> Bool) -> Void
    ) {
        var own: [Int32: UInt32] = [:]
        for agents in ownWrites { for agent in agents { own[agent, default: 0] += 1 } }
        self.state.withLock { state in
            let writing = state.writing
            let touchedAt = state.touchedAt
            body(&state.table) { agent in
                writing[Int(agent)] <= own[agent, default: 0] && touchedAt[Int(agent)] <= epoch
            }
        }
    }
}
