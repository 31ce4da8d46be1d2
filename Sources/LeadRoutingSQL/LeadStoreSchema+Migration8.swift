import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 8: the closes of referred leads per (source agent, agent) pair, what the router's referral edge
    /// estimates learn from (as `closed_won`/`closed_lost` feed the agent's conversion estimate). A lead's source
    /// agent is the `sourceAgentId` of its stored payload (the lead's JSON); no column is added to `leads`, so the
    /// decision commit writes nothing more. Back-filled from the history by ``referralOutcomeHistory(_:)``, the same
    /// query the `referral-outcomes` invariant checks the table against.
    static func migration8(_ dialect: SQLDialect) -> Migration {
        Migration(
            version: 8,
            name: "closes of referred leads per referral pair",
            statements: [
                """
                CREATE TABLE referral_outcomes (
                    source_agent_id TEXT NOT NULL,
                    agent_id TEXT NOT NULL,
                    won BIGINT NOT NULL DEFAULT 0,
                    lost BIGINT NOT NULL DEFAULT 0,
                    PRIMARY KEY (source_agent_id, agent_id)
                )
                """,
                """
                INSERT INTO referral_outcomes (source_agent_id, agent_id, won, lost)
                SELECT h.source_agent_id, h.agent_id, h.won, h.lost FROM (\(Self.referralOutcomeHistory(dialect))) h
                """,
            ]
        )
    }

    /// The referring agent of the lead whose stored payload is the column `payload`: its JSON `sourceAgentId`, NULL
    /// when it has none.
    static func leadSourceAgent(_ payload: String, _ dialect: SQLDialect) -> String {
        switch dialect.kind {
        case .sqlite: "json_extract(\(payload), '$.sourceAgentId')"
        case .postgres: "(\(payload)::jsonb ->> 'sourceAgentId')"
        }
    }

    /// Per (source agent, agent) pair with closes: the closed assignments won (`won`) and lost (`lost`) of leads
    /// whose payload names that source agent, read from the history. A lead its own source agent closed is no
    /// referral and is not counted.
    static func referralOutcomeHistory(_ dialect: SQLDialect) -> String {
        """
        SELECT r.source_agent_id, r.agent_id,
            SUM(CASE WHEN r.state = 'closed_won' THEN 1 ELSE 0 END) AS won,
            SUM(CASE WHEN r.state = 'closed_lost' THEN 1 ELSE 0 END) AS lost
        FROM (SELECT \(Self.leadSourceAgent("l.payload", dialect)) AS source_agent_id, a.agent_id, a.state
            FROM assignments a JOIN leads l ON l.lead_id = a.lead_id
            WHERE a.state IN ('closed_won', 'closed_lost')) r
        WHERE r.source_agent_id IS NOT NULL AND r.source_agent_id <> r.agent_id
        GROUP BY r.source_agent_id, r.agent_id
        """
    }
}
