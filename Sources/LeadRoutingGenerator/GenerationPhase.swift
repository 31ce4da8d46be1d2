import LeadRoutingCore

/// A step of dataset generation, reported to the progress callback with rows done out of a total.
public enum GenerationPhase: String, Sendable, Hashable, CaseIterable {
    case territories
    case adjacency
    case brokerages
    case agents
    case referrals
    case leads
}
