/// Keeps a lifecycle's load view in step with the store when other processes change it (another replica, the CLI's
/// `lead expire`, a rebalance): each ``poll()`` asks the store for the agents changed since the last one and writes
/// their stored load and pause flag into the view. The store is the authority; between polls the view may be
/// behind by what others committed, which only costs a fallback in the store, never an overfilled agent.
///
/// Why polling and not Postgres `LISTEN/NOTIFY`: a poll cannot lose a change (a notification sent while the
/// listening connection is down is gone, so a listener still needs a full refresh after every reconnect), needs no
/// connection of its own, works through connection poolers, and adds nothing to the commit (a `NOTIFY` takes a
/// database-wide lock at every commit that sends one). Its lag is the poll interval; its cost one cheap read per
/// interval per process. See ``LeadStore/agentLoadChanges(after:)`` for how each store finds the changes.
public actor AgentLoadFeed {
    public let lifecycle: LeadLifecycle
    private var horizon: Int64 = 0

    public init(lifecycle: LeadLifecycle) {
        self.lifecycle = lifecycle
    }

    /// What one poll did.
    public struct Poll: Sendable, Hashable {
        /// Agents whose view changed.
        public var changedAgents: Int
        /// Whether some agent has room it did not have in the view (fewer open leads, or resumed): a queued
        /// lead may now route.
        public var capacityFreed: Bool
    }

    /// Reads the changes since the last poll (every agent at the first) and applies them to the load view.
    public func poll() async throws -> Poll {
        let changes = try await self.lifecycle.store.agentLoadChanges(after: self.horizon)
        let projection = self.lifecycle.router.projection
        var changed = 0
        var freed = false
        self.lifecycle.loads.update { table in
            for record in changes.records {
                guard let index = projection.agent(record.agentId) else { continue }
                let open = Int32(clamping: record.open)
                let available = !record.paused
                let before = (open: table.openLeads[Int(index)], available: table.available[Int(index)])
                guard before.open != open || before.available != available else { continue }
                changed += 1
                if open < before.open || (available && !before.available) { freed = true }
                table.setOpenLeads(record.open, for: index)
                table.setAvailable(available, for: index)
            }
        }
        self.horizon = changes.horizon
        return Poll(changedAgents: changed, capacityFreed: freed)
    }
}
