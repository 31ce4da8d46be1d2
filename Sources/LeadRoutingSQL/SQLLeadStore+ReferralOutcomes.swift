public import LeadRoutingCore

extension SQLLeadStore {
    public func referralOutcomes() async throws -> [ReferralOutcomeRecord] {
        try await self.database.read { connection in
            try await connection.query(
                "SELECT \(Self.referralOutcomeColumns) FROM referral_outcomes ORDER BY source_agent_id, agent_id"
            ).map { try Self.referralOutcomeRecord($0, from: 0) }
        }
    }

    /// The columns ``referralOutcomeRecord(_:from:)`` reads, in its order.
    static var referralOutcomeColumns: String { "source_agent_id, agent_id, won, lost" }

    /// The columns ``referralOutcomeColumns`` names, in its order, of `referral_outcomes`, starting at column `first`.
    static func referralOutcomeRecord(_ row: SQLRow, from first: Int) throws -> ReferralOutcomeRecord {
        ReferralOutcomeRecord(
            sourceAgentId: try row.text(first),
            agentId: try row.text(first + 1),
            won: Int(try row.int(first + 2)),
            lost: Int(try row.int(first + 3))
        )
    }

    /// Moves the closes of the pair (the lead's source agent, `agentId`) by `won` and `lost` (−1, 0 or +1 each: a close,
    /// a reopen, a correction), in the transaction that moves the agent's own counts. One statement: the source agent
    /// is read from the lead's payload (nothing happens when the lead has none, or its source is the agent itself) and
    /// the pair's row is created or updated.
    static func applyReferralOutcomeChange(
        leadId: String,
        agentId: String,
        won: Int64,
        lost: Int64,
        dialect: SQLDialect,
        connection: any SQLConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO referral_outcomes (source_agent_id, agent_id, won, lost)
            SELECT s.source_agent_id, $2, $3, $4
            FROM (SELECT \(LeadStoreSchema.leadSourceAgent("payload", dialect)) AS source_agent_id FROM leads WHERE lead_id = $1) s
            WHERE s.source_agent_id IS NOT NULL AND s.source_agent_id <> $2
            ON CONFLICT (source_agent_id, agent_id) DO UPDATE
                SET won = referral_outcomes.won + excluded.won, lost = referral_outcomes.lost + excluded.lost
            """,
            [.text(leadId), .text(agentId), .int(won), .int(lost)]
        )
    }
}
