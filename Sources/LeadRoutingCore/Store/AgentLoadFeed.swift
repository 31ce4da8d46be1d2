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
    /// Agents a poll read but did not apply (a local write of theirs was under way), with the horizon to read them
    /// again from.
    private var skipped: [String: Int64] = [:]

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
        /// Agents left for the next poll because this process was changing them while the poll read.
        public var deferredAgents: Int = 0
    }

    /// What one read of the store returned, and where it started.
    struct Read {
        var changes: AgentLoadChanges
        var from: Int64
        var epoch: UInt64
        var view: AgentLoadView
    }

    /// Reads the changes since the last poll (every agent at the first) and applies them to the load view.
    public func poll() async throws -> Poll {
        self.apply(try await self.read())
    }

    /// Reads the store's changes since the horizon (or since the oldest horizon of an agent left for later).
    func read() async throws -> Read {
        let view = self.lifecycle.loads
        let epoch = view.epoch
        let from = self.skipped.values.reduce(self.horizon, min)
        return Read(changes: try await self.lifecycle.store.agentLoadChanges(after: from), from: from, epoch: epoch, view: view)
    }

    /// Writes a read into the view, except the agents this process changed meanwhile: their local update already
    /// counts their own write, and an older row would undo it, so they are read again next time.
    func apply(_ read: Read) -> Poll {
        let projection = self.lifecycle.router.projection
        var changed = 0
        var changedEdges = 0
        var freed = false
        var deferred: Set<String> = []
        guard read.view === self.lifecycle.loads else {
            // The graph was replaced while reading: the new view was built from the store after it.
            self.horizon = read.changes.horizon
            self.skipped = [:]
            return Poll(changedAgents: 0, capacityFreed: false)
        }
        read.view.applyRead(startedAt: read.epoch) { table, settled in
            for record in read.changes.referralOutcomes {
                if let index = projection.agent(record.agentId), !settled(index) {
                    deferred.insert(record.agentId)
                    continue
                }
                if table.setReferralOutcome(record, projection: projection) { changedEdges += 1 }
            }
            for record in read.changes.records {
                guard let index = projection.agent(record.agentId) else { continue }
                guard settled(index) else {
                    deferred.insert(record.agentId)
                    continue
                }
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
                table.setRecord(record, for: index)
            }
        }
        // An agent read again is settled now unless it was deferred again, from no later than this read's start.
        self.skipped = self.skipped.filter { deferred.contains($0.key) }
        for agentId in deferred where self.skipped[agentId] == nil { self.skipped[agentId] = read.from }
        self.horizon = read.changes.horizon
        return Poll(changedAgents: changed, changedReferralEdges: changedEdges, capacityFreed: freed, deferredAgents: deferred.count)
    }
}
