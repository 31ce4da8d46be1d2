public import LeadRoutingCore

extension SQLLeadStore {
    /// How each database finds the agents changed since a horizon, without a schema change or any work in the commit:
    ///
    /// - Postgres: the horizon is a transaction id. Every committed change to an agent's row leaves the id of its
    ///   transaction in the row's `xmin`. One statement reads, in one snapshot, the rows whose `xmin` is at or after
    ///   the horizon and that snapshot's `xmin` (the oldest transaction still running), which becomes the next
    ///   horizon: every transaction older than it has finished and was seen, every later one is looked at again next
    ///   time, so a change committed out of order is never missed. Row ids are 32-bit and wrap around: compared
    ///   modulo 2³², a row untouched for 2³¹ transactions may be reported again (harmless), a changed one never
    ///   missed. The read scans `agent_load` (one row per agent), which adds no index to the hot commit path.
    /// - SQLite: one process owns the file in service; another process (the CLI) may still write to it. The
    ///   horizon is `PRAGMA data_version`, which moves when another connection commits: then every agent is read.
    ///
    /// Referral pairs (`referral_outcomes`) the same way: on Postgres a second statement reads the pairs whose `xmin`
    /// is at or after the same horizon. Its snapshot is taken after the first one's, so it sees every transaction the
    /// next horizon counts as finished (and maybe later ones, reported again next time): none is missed. On SQLite
    /// every pair is read when the version moved.
    public func agentLoadChanges(after horizon: Int64) async throws -> AgentLoadChanges {
        switch self.dialect.kind {
        case .postgres:
            let rows = try await self.database.read { connection in
                try await connection.query(
                    """
                    WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS next)
                    SELECT horizon.next, \(Self.agentLoadColumns.split(separator: ", ").map { "a.\($0)" }.joined(separator: ", "))
                    FROM horizon LEFT JOIN agent_load a
                      ON $1 = 0 OR ((a.xmin::text::bigint - ($1 % 4294967296)) & 4294967295) < 2147483648
                    """,
                    [.int(horizon)]
                )
            }
            let next = try rows.first?.int(0) ?? horizon
            let records = try rows.filter { $0.values[1] != .null }.map { try Self.agentLoadRecord($0, from: 1) }
            let referrals = try await self.database.read { connection in
                try await connection.query(
                    """
                    SELECT \(Self.referralOutcomeColumns) FROM referral_outcomes
                    WHERE $1 = 0 OR ((xmin::text::bigint - ($1 % 4294967296)) & 4294967295) < 2147483648
                    """,
                    [.int(horizon)]
                )
            }.map { try Self.referralOutcomeRecord($0, from: 0) }
            return AgentLoadChanges(records: records, referralOutcomes: referrals, horizon: next)
        case .sqlite:
            let version = try await self.database.read { try await $0.query("PRAGMA data_version").first?.int(0) ?? 0 }
            guard version != horizon else { return AgentLoadChanges(records: [], horizon: horizon) }
            return AgentLoadChanges(records: try await self.agentLoads(), referralOutcomes: try await self.referralOutcomes(), horizon: version)
        }
    }
}
