/// One lead's routing as lineage.
public struct LineageAssignment: Sendable, Hashable {
    public var leadId: String
    public var agentId: String
    public var score: Double?
    public var atMillis: Int64
    public var eventId: Int64

    public init(leadId: String, agentId: String, score: Double?, atMillis: Int64, eventId: Int64) {
        self.leadId = leadId
        self.agentId = agentId
        self.score = score
        self.atMillis = atMillis
        self.eventId = eventId
    }
}
