/// Aggregate figures over many decisions: what `leadrouter demo` and `route --leads` report.
public struct BatchSummary: Sendable, Codable, Equatable {
    public var leads = 0
    public var routed = 0
    public var unroutable = 0
    /// Unroutable leads by ``RoutingDecision/UnroutableReason`` raw value.
    public var unroutableReasons: [String: Int] = [:]
    /// Excluded candidates summed over all decisions, by ``ExclusionReason`` raw value.
    public var exclusions: [String: Int] = [:]
    /// Leads that went back to a returning client's previous agent.
    public var returningClients = 0
    /// Leads whose winner was reached along a referral chain from the lead's source agent (referral feature > 0).
    public var referralWins = 0
    /// Leads assigned per agent id.
    public var assignmentsByAgent: [String: Int] = [:]

    public init() {}

    /// Adds one decision.
    public mutating func add(_ decision: RoutingDecision) {
        self.leads += 1
        switch decision.status {
        case .routed:
            self.routed += 1
            if let agent = decision.agentId { self.assignmentsByAgent[agent, default: 0] += 1 }
            if decision.rule == .returningClient { self.returningClients += 1 }
            if let winner = decision.candidates.first, winner.features.referral > 0 { self.referralWins += 1 }
        case .unroutable:
            self.unroutable += 1
            if let reason = decision.reason { self.unroutableReasons[reason.rawValue, default: 0] += 1 }
        }
        for (reason, count) in decision.excluded { self.exclusions[reason, default: 0] += count }
    }

    /// Exclusion reasons, most frequent first (ties by name).
    public var topExclusions: [(reason: String, count: Int)] {
        self.exclusions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Distribution of leads per agent among agents that received at least one: (leads, number of agents), ascending.
    public var loadHistogram: [(leads: Int, agents: Int)] {
        var histogram: [Int: Int] = [:]
        for count in self.assignmentsByAgent.values { histogram[count, default: 0] += 1 }
        return histogram.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
