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
