import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 7: each agent's accepted offers and the sum of their offer→accept latencies in milliseconds, what the
    /// router's response-time estimate learns from (as `closed_won`/`closed_lost` feed the conversion estimate).
    /// Back-filled from the history by ``acceptedOfferHistory``, the same query the `accept-latency` invariant checks
    /// the columns against.
    static func migration7(_ dialect: SQLDialect) -> Migration {
        Migration(
            version: 7,
            name: "accepted offers and offer-to-accept latency per agent",
            statements: [
                "ALTER TABLE agent_load ADD COLUMN accepted_offers BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE agent_load ADD COLUMN accept_latency_ms BIGINT NOT NULL DEFAULT 0",
                """
                UPDATE agent_load SET accepted_offers = h.accepted, accept_latency_ms = h.latency_ms
                FROM (\(Self.acceptedOfferHistory)) h WHERE h.agent_id = agent_load.agent_id
                """,
            ]
        )
    }

    /// Per agent with accepted offers: how many (`accepted`) and the sum of their offer→accept milliseconds
    /// (`latency_ms`), read from the history. An offer is the assignment (`decided_at_ms`, when the decision offered
    /// it); its accept is the audit row of its move from `offered` to `accepted` (`at_ms`). The audit row and not the
    /// assignment's `updated_at_ms`: that is overwritten by every later move (close, reopen, correction, rebalance),
    /// while the audit row is written once, in the accept's transaction, with the accept's own time. A reopen also
    /// moves to `accepted`, but from a closed state, so it is not an accept. A latency below zero (clocks of two
    /// replicas apart) counts as zero, as the accept itself counts it.
    static let acceptedOfferHistory = """
        SELECT a.agent_id, count(*) AS accepted,
            SUM(CASE WHEN u.at_ms > a.decided_at_ms THEN u.at_ms - a.decided_at_ms ELSE 0 END) AS latency_ms
        FROM assignments a JOIN audit_log u ON u.assignment_id = a.assignment_id
            AND u.from_state = 'offered' AND u.to_state = 'accepted'
        GROUP BY a.agent_id
        """
}
