extension CommitPlan {
    /// Why the lead was offered to the committed decision's agent, in words (the history's detail).
    public static func offerNote(_ decision: RoutingDecision) -> String {
        switch decision.rule {
        case .returningClient: "returning client: back to the agent who served them before"
        default: "best score of \(decision.eligibleCount) eligible \(decision.eligibleCount == 1 ? "agent" : "agents")"
        }
    }

    /// Why no agent got the lead, in words (the history's detail); the lead is kept for retry.
    public static func unroutableNote(_ reason: RoutingDecision.UnroutableReason?) -> String {
        switch reason {
        case .unknownTerritory: "its territory is not in the graph; kept for retry"
        case .noCoverage: "nobody covers its territory or one within reach; kept for retry"
        default: "no eligible agent with room; kept for retry"
        }
    }

    /// Why a lead was routed again after an offer ended, in words (the history's detail).
    public static func rerouteNote(agentId: String, endState: AssignmentState) -> String {
        endState == .expired ? "re-routed after \(agentId)'s offer expired" : "re-routed after \(agentId) declined"
    }
}
