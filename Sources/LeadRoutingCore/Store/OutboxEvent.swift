/// An event the lead store records in the same transaction as the state change it describes, for delivery to
/// downstream consumers (Neo4j lineage, webhooks). Delivery is at least once; consumers are idempotent by
/// ``leadId`` and ``id``.
public struct OutboxEvent: Sendable, Hashable, Codable {
    /// Increases with every event a store records; consumers acknowledge "everything through this id".
    public var id: Int64
    /// What happened, e.g. `lead.routed`, `lead.accepted`, `lead.reassigned`, `lead.closed`.
    public var kind: String
    public var leadId: String
    /// The agent the lead is assigned to after the event, if any.
    public var agentId: String?
    /// The decision's score, for routing events.
    public var score: Double?
    /// When the change was committed, Unix epoch milliseconds (UTC).
    public var occurredAtMillis: Int64
    /// The event as JSON (for example the decision), for consumers that need more than the fields above.
    public var payload: String

    public init(
        id: Int64,
        kind: String,
        leadId: String,
        agentId: String? = nil,
        score: Double? = nil,
        occurredAtMillis: Int64,
        payload: String = "{}"
    ) {
        self.id = id
        self.kind = kind
        self.leadId = leadId
        self.agentId = agentId
        self.score = score
        self.occurredAtMillis = occurredAtMillis
        self.payload = payload
    }
}
