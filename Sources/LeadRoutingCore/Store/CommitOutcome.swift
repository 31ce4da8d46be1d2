/// Why the store could not reserve a ranked candidate when the decision was committed.
public enum CandidateRefusal: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every slot was taken (by another router, or another process, since the ranking was made).
    case atCapacity = "at_capacity"
    /// The agent was paused.
    case paused
    /// The store has no load row for the agent (it was never registered there).
    case notInStore = "not_in_store"
}

/// A ranked candidate the store tried and could not reserve.
public struct RefusedCandidate: Sendable, Hashable, Codable {
    /// Position in the commit's ranking, 0 for the router's choice.
    public var rank: Int
    public var agentId: String
    public var reason: CandidateRefusal

    public init(rank: Int, agentId: String, reason: CandidateRefusal) {
        self.rank = rank
        self.agentId = agentId
        self.reason = reason
    }
}

/// What a commit did.
public struct CommitOutcome: Sendable, Hashable {
    public enum Disposition: String, Sendable, Hashable, Codable {
        /// A new lead recorded (routed or unroutable).
        case committed
        /// The lead was already recorded with the same payload: the first decision, unchanged, nothing written.
        case replayed
        /// A lead recorded as unroutable was routed on retry.
        case retried
        /// An offer ended (decline, expiry) and the lead was re-routed.
        case rerouted
    }

    /// The decision as committed (after any fallback), or the stored one for a replay.
    public var decision: RoutingDecision
    public var disposition: Disposition
    /// The new active assignment, if the commit made one.
    public var assignment: AssignmentRecord?
    /// Position in the ranking of the candidate whose capacity was reserved (0: the router's choice); nil when
    /// nothing was reserved (unroutable, replayed).
    public var reservedRank: Int?
    /// The candidates tried before the reserved one (or all of them, when none could be reserved), best first,
    /// with the reason each was refused.
    public var refused: [RefusedCandidate]

    public init(
        decision: RoutingDecision,
        disposition: Disposition,
        assignment: AssignmentRecord? = nil,
        reservedRank: Int? = nil,
        refused: [RefusedCandidate] = []
    ) {
        self.decision = decision
        self.disposition = disposition
        self.assignment = assignment
        self.reservedRank = reservedRank
        self.refused = refused
    }

    /// Whether the commit reserved a lower-ranked candidate because better ones were refused.
    public var fellBack: Bool { (self.reservedRank ?? 0) > 0 }
}
