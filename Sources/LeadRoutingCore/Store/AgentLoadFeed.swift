/// Keeps a lifecycle's load view in step with the store when other processes change it (another replica, the CLI's
/// `lead expire`, a rebalance): each ``poll()`` asks the store for the agents changed since the last one and writes
/// their stored load, pause flag and learned counts (closes won and lost, accepted offers and their latency) into the
/// view, and the closes of the referral pairs changed since then into the view's referral edges, so every replica's
/// router learns from every replica's outcomes. The store is the authority; between polls the view may be
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
        /// Agents whose view changed (load, availability or learned counts).
        public var changedAgents: Int
        /// Referral edges whose learned closes changed.
        public var changedReferralEdges: Int = 0
        /// Whether some agent has room it did not have in the view (fewer open leads, or resumed): a queued
        /// lead may now route.
        public var capacityFreed: Bool
    }

    /// Reads the changes since the last poll (every agent at the first) and applies them to the load view.
    public func poll() async throws -> Poll {
        let changes = try await self.lifecycle.store.agentLoadChanges(after: self.horizon)
        let projection = self.lifecycle.router.projection
        var changed = 0
        var changedEdges = 0
        var freed = false
        self.lifecycle.loads.update { table in
            for record in changes.referralOutcomes {
                if table.setReferralOutcome(record, projection: projection) { changedEdges += 1 }
            }
            for record in changes.records {
                guard let index = projection.agent(record.agentId) else { continue }
                let open = Int32(clamping: record.open)
                let available = !record.paused
                let before = (open: table.openLeads[Int(index)], available: table.available[Int(index)])
                // What the router learns (closes, accepts and their latency) follows the store too.
                let learned =
                    table.closedWon[Int(index)] != Int32(clamping: record.closedWon)
                    || table.closedLost[Int(index)] != Int32(clamping: record.closedLost)
                    || table.acceptedOffers[Int(index)] != Int32(clamping: record.acceptedOffers)
                    || table.acceptLatencyMillis[Int(index)] != max(0, record.acceptLatencyMillis)
                guard before.open != open || before.available != available || learned else { continue }
                changed += 1
                if open < before.open || (available && !before.available) { freed = true }
                table.setOpenLeads(record.open, for: index)
                table.setAvailable(available, for: index)
                table.setOutcomes(won: record.closedWon, lost: record.closedLost, for: index)
                table.setResponses(accepted: record.acceptedOffers, latencyMillis: record.acceptLatencyMillis, for: index)
            }
        }
        self.horizon = changes.horizon
        return Poll(changedAgents: changed, changedReferralEdges: changedEdges, capacityFreed: freed)
    }
}
