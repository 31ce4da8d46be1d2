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
