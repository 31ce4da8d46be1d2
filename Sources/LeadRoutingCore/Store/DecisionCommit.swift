/// What a router hands the store to commit one decision: the lead, its payload, the decision and the ranked
/// candidates the store may fall back through when the best one is full by the time the transaction runs.
public struct DecisionCommit: Sendable, Hashable {
    public var leadId: String
    /// The lead as received (JSON text); kept verbatim.
    public var payload: String
    /// The lead re-encoded canonically (sorted keys, no absent fields): the idempotency comparison, so the same
    /// lead sent with different whitespace or key order is the same lead.
    public var canonicalPayload: String
    /// The router's decision (candidates trimmed to the policy's `explainTopK`).
    public var decision: RoutingDecision
    /// Every ranked eligible candidate the store may try, best first (the winner is first). Empty when unroutable.
    public var ranking: [CandidateExplanation]
    public var atMillis: Int64

    public init(
        leadId: String,
        payload: String,
        canonicalPayload: String,
        decision: RoutingDecision,
        ranking: [CandidateExplanation],
        atMillis: Int64
    ) {
        self.leadId = leadId
        self.payload = payload
        self.canonicalPayload = canonicalPayload
        self.decision = decision
        self.ranking = ranking
        self.atMillis = atMillis
    }
}

/// Ends an offer (decline or expiry) and re-routes the lead in the same transaction.
public struct RerouteCommit: Sendable, Hashable {
    public var leadId: String
    /// The agent whose offer ends.
    public var agentId: String
    /// `declined` or `expired`.
    public var endState: AssignmentState
    /// The new decision (made excluding every agent whose offer for the lead ended) and its ranking.
    public var decision: RoutingDecision
    public var ranking: [CandidateExplanation]
    public var atMillis: Int64

    public init(
        leadId: String,
        agentId: String,
        endState: AssignmentState,
        decision: RoutingDecision,
        ranking: [CandidateExplanation],
        atMillis: Int64
    ) {
        self.leadId = leadId
        self.agentId = agentId
        self.endState = endState
        self.decision = decision
        self.ranking = ranking
        self.atMillis = atMillis
    }
}

/// Accept or close an agent's assignment of a lead.
public struct AssignmentTransition: Sendable, Hashable {
    public var leadId: String
    public var agentId: String
    /// `accepted`, `closed_won` or `closed_lost`.
    public var to: AssignmentState
    public var atMillis: Int64

    public init(leadId: String, agentId: String, to: AssignmentState, atMillis: Int64) {
        self.leadId = leadId
        self.agentId = agentId
        self.to = to
        self.atMillis = atMillis
    }
}

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

/// Pure rules the stores share for turning a router's decision into the committed one.
public enum CommitPlan {
    /// The decision as committed when the capacity reservation landed on `ranking[taken]` (nil: every ranked
    /// candidate was full or paused by commit time). Falling down the ranking is said in ``RoutingDecision/notes``.
    public static func committedDecision(
        _ decision: RoutingDecision,
        ranking: [CandidateExplanation],
        taken: Int?
    ) -> RoutingDecision {
        guard decision.status == .routed, !ranking.isEmpty else { return decision }
        var result = decision
        guard let taken else {
            result.status = .unroutable
            result.reason = .noEligibleAgent
            result.agentId = nil
            result.score = nil
            result.path = []
            result.rule = nil
            result.excluded[ExclusionReason.atCapacity.rawValue, default: 0] += ranking.count
            result.notes.append(
                "all \(ranking.count) ranked candidates were at capacity or paused when the decision was committed; kept for retry"
            )
            return result
        }
        guard taken > 0 else { return result }
        let chosen = ranking[taken]
        result.agentId = chosen.agentId
        result.score = chosen.score
        result.path = chosen.path
        result.rule = .bestScore
        result.notes.append(Self.fallbackNote(ranking: ranking, taken: taken))
        if !result.candidates.contains(where: { $0.agentId == chosen.agentId }) { result.candidates.append(chosen) }
        return result
    }

    /// The human explanation of a fallback to `ranking[taken]` (decision notes, audit detail). For display only:
    /// ``CommitOutcome/reservedRank`` and ``CommitOutcome/refused`` say the same in structure.
    public static func fallbackNote(ranking: [CandidateExplanation], taken: Int) -> String {
        let skipped = ranking[..<taken].map(\.agentId).joined(separator: ", ")
        return "capacity taken by another router before commit: \(skipped); fell back to candidate #\(taken + 1) \(ranking[taken].agentId)"
    }
}
