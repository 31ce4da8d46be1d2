/// Lineage: `ROUTED_TO` relationships written after routing, and their lookup.
extension Neo4jGraphStore {
    /// Writes `(:Lead)-[:ROUTED_TO {score, at}]->(:Agent)` for the assignments, idempotent by lead id (older events
    /// than the one applied are ignored). Returns the number of relationships written.
    public func writeLineage(_ assignments: [LineageAssignment]) async throws(Neo4jError) -> Int {
        guard !assignments.isEmpty else { return 0 }
        // One row per lead (the newest event), so one statement never races with itself.
        var newest: [String: LineageAssignment] = [:]
        for assignment in assignments where (newest[assignment.leadId]?.eventId ?? Int64.min) < assignment.eventId {
            newest[assignment.leadId] = assignment
        }
        let rows = newest.values.sorted { $0.eventId < $1.eventId }.map { assignment in
            CypherValue.map([
                "leadId": .string(assignment.leadId), "agentId": .string(assignment.agentId), "score": .from(assignment.score),
                "at": .int(assignment.atMillis), "eventId": .int(assignment.eventId),
            ])
        }
        let result = try await self.client.run(try self.library.query("lineage/routed-to"), ["rows": .list(rows)], mode: .idempotentWrite)
        return Int(result.records.first?["written"].intValue ?? 0)
    }

    /// The lineage of a lead, if written.
    public func lineage(of leadId: String) async throws(Neo4jError) -> LineageAssignment? {
        let result = try await self.client.run(try self.library.query("lineage/lookup"), ["leadId": .string(leadId)])
        guard let record = result.records.first, let agent = record["agentId"].stringValue else { return nil }
        return LineageAssignment(
            leadId: leadId,
            agentId: agent,
            score: record["score"].doubleValue,
            atMillis: record["at"].intValue ?? 0,
            eventId: record["eventId"].intValue ?? 0
        )
    }
}
