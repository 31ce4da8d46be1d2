/// Per-agent open-lead counts and availability the router checks capacity against.
///
/// Starts from the projection's `open_leads`; batch routing assigns into it so each decision counts against
/// capacity for the following leads. With a lead store, the store's counts are loaded into it instead
/// (the store stays the authority: it re-checks capacity when it commits).
public struct AgentLoadTable: Sendable, Hashable {
    /// Open leads per dense agent index.
    public private(set) var openLeads: [Int32]
    /// False when the agent is paused.
    public private(set) var available: [Bool]
    /// Leads closed won and lost in the lead store (outcomes after the dataset's history): what the router's
    /// conversion-rate posterior learns from. Zero without a store.
    public private(set) var closedWon: [Int32]
    public private(set) var closedLost: [Int32]
    /// Offers accepted in the lead store and the sum of their offer→accept latencies in milliseconds: what the
    /// router's response-time estimate learns from. Zero without a store.
    public private(set) var acceptedOffers: [Int32]
    public private(set) var acceptLatencyMillis: [Int64]
    /// Closes won and lost of referred leads per referral edge (CSR position of the projection's `referralsOut`),
    /// learned from the lead store: what the router's edge strength learns from. Empty until the first edge learns an
    /// outcome (the router then reads its precomputed strengths, unchanged), then one entry per edge — a dense array,
    /// so the referral search reads it by position with no lookup. Batch routing's per-chunk copies never write it,
    /// so they share it (copy-on-write) instead of copying it.
    public private(set) var referralOutcomes: [ReferralOutcome]
    /// The projection's referral edge count: the size ``referralOutcomes`` takes once allocated.
    let referralEdgeCount: Int

    /// The load recorded in the projection, everybody available.
    public init(projection: GraphProjection) {
        self.openLeads = projection.agentOpenLeads
        self.available = [Bool](repeating: true, count: projection.agentCount)
        self.closedWon = [Int32](repeating: 0, count: projection.agentCount)
        self.closedLost = [Int32](repeating: 0, count: projection.agentCount)
        self.acceptedOffers = [Int32](repeating: 0, count: projection.agentCount)
        self.acceptLatencyMillis = [Int64](repeating: 0, count: projection.agentCount)
        self.referralOutcomes = []
        self.referralEdgeCount = projection.referralCount
    }

    /// Counts one more close of the agent at `index`.
    public mutating func recordClose(_ index: Int32, won: Bool) {
        if won { self.closedWon[Int(index)] += 1 } else { self.closedLost[Int(index)] += 1 }
    }

    /// Sets an agent's closed counts (for example from the lead store).
    public mutating func setOutcomes(won: Int, lost: Int, for index: Int32) {
        self.closedWon[Int(index)] = Int32(clamping: won)
        self.closedLost[Int(index)] = Int32(clamping: lost)
    }

    /// Counts one more accepted offer of the agent at `index`, answered after `latencyMillis` (negative counts as 0).
    public mutating func recordAccept(_ index: Int32, latencyMillis: Int64) {
        self.acceptedOffers[Int(index)] += 1
        self.acceptLatencyMillis[Int(index)] += max(0, latencyMillis)
    }

    /// Sets an agent's accepted offers and their total offer→accept milliseconds (for example from the lead store).
    public mutating func setResponses(accepted: Int, latencyMillis: Int64, for index: Int32) {
        self.acceptedOffers[Int(index)] = Int32(clamping: accepted)
        self.acceptLatencyMillis[Int(index)] = max(0, latencyMillis)
    }

    /// Counts one more open lead for the agent at `index`.
    public mutating func assign(_ index: Int32) {
        self.openLeads[Int(index)] += 1
    }

    /// Counts one open lead fewer (closed or reassigned), never below zero.
    public mutating func release(_ index: Int32) {
        self.openLeads[Int(index)] = max(0, self.openLeads[Int(index)] - 1)
    }

    /// Sets an agent's open-lead count (for example from the lead store).
    public mutating func setOpenLeads(_ count: Int, for index: Int32) {
        self.openLeads[Int(index)] = Int32(clamping: count)
    }

    /// Pauses or resumes an agent.
    public mutating func setAvailable(_ isAvailable: Bool, for index: Int32) {
        self.available[Int(index)] = isAvailable
    }

    /// Counts one more close of a lead referred along the edge at CSR position `edge` of the projection's
    /// `referralsOut`.
    public mutating func recordReferralClose(edge: Int, won: Bool) {
        self.allocateReferralOutcomes()
        if won { self.referralOutcomes[edge].won += 1 } else { self.referralOutcomes[edge].lost += 1 }
    }

    /// Sets the edge's learned closes (for example from the lead store). Setting none before any edge learned
    /// anything allocates nothing.
    public mutating func setReferralOutcome(won: Int, lost: Int, edge: Int) {
        let outcome = ReferralOutcome(won: Int32(clamping: max(0, won)), lost: Int32(clamping: max(0, lost)))
        if self.referralOutcomes.isEmpty && outcome.isEmpty { return }
        self.allocateReferralOutcomes()
        self.referralOutcomes[edge] = outcome
    }

    /// The edge's learned closes (none before the first).
    public func referralOutcome(edge: Int) -> ReferralOutcome {
        self.referralOutcomes.isEmpty ? ReferralOutcome() : self.referralOutcomes[edge]
    }

    private mutating func allocateReferralOutcomes() {
        if self.referralOutcomes.isEmpty {
            self.referralOutcomes = [ReferralOutcome](repeating: ReferralOutcome(), count: self.referralEdgeCount)
        }
    }
}
