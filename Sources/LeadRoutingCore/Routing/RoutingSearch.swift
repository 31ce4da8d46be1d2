/// How the router finds the best candidates. Both give the same decisions (winner, ranked candidates, scores,
/// explanations, exclusion counts); they differ only in how much work they skip.
public enum RoutingSearch: String, Sendable, Hashable, CaseIterable {
    /// Skips work that cannot change the decision: referral chains of two edges are completed backwards from the
    /// candidates when that is cheaper than expanding every referral of the source's partners (hubs), and the
    /// distance feature is computed only for candidates whose score bound (distance taken as its maximum) can
    /// still reach the ranked top. Constraints, utilisation and exclusion counts still visit every candidate:
    /// fairness and the decision's counts depend on all of them.
    case pruned
    /// Scores every candidate and expands every referral chain: the reference the pruned search is tested against.
    case exhaustive
}
