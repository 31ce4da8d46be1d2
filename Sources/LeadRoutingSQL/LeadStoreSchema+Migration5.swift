import LeadRoutingCore

extension LeadStoreSchema {
    /// Migration 5: rebalance plans kept by id, and each planned move's outcome recorded by (plan id, lead id), the
    /// key that makes applying a plan idempotent and resumable.
    static func migration5(_ dialect: SQLDialect) -> Migration {
        let outcomes = [RebalanceMoveRecord.Outcome.applied, .skipped].map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return Migration(
            version: 5,
            name: "rebalance plans and their applied moves",
            statements: [
                """
                CREATE TABLE rebalance_plans (
                    plan_id TEXT PRIMARY KEY,
                    scope TEXT NOT NULL,
                    watermark_ms BIGINT NOT NULL,
                    move_count BIGINT NOT NULL,
                    plan TEXT NOT NULL,
                    created_at_ms BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE rebalance_moves (
                    plan_id TEXT NOT NULL REFERENCES rebalance_plans (plan_id),
                    lead_id TEXT NOT NULL,
                    from_agent_id TEXT,
                    to_agent_id TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN (\(outcomes))),
                    reason TEXT,
                    assignment_id BIGINT,
                    at_ms BIGINT NOT NULL,
                    PRIMARY KEY (plan_id, lead_id)
                )
                """,
            ]
        )
    }
}
