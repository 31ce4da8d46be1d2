/// What the client wants to do with a property; agents list the kinds they handle in `specialties`.
public enum LeadKind: String, Sendable, Hashable, Codable, CaseIterable {
    case buy
    case sell
    case rent
}
