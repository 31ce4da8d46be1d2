extension LeadLifecycle {
    /// What one round of the retry queue did.
    public struct RetryRound: Sendable {
        /// The outcome of every lead tried (routed or still unroutable).
        public var outcomes: [CommitOutcome]
        /// Leads that gave up in this round and now wait as `needs_attention`.
        public var deadLettered: [String]

        /// Leads that found an agent.
        public var routed: Int { self.outcomes.filter { $0.decision.status == .routed }.count }
    }

    /// One round of the retry queue the store keeps. First adopts unroutable leads the queue does not hold yet (each
    /// with its urgency), then routes again those whose next attempt is due — the most urgent first, then the
    /// oldest — at the store's current load. A lead that finds an agent is routed; one that does not is scheduled
    /// by `policy` for later, or dead-lettered (`needs_attention`, audited, a `lead.dead_lettered` event) after
    /// `policy.maximumAttempts`. With `ignoringSchedule` (capacity just freed, or a person asked) the head of the
    /// queue is tried now and a miss is not counted as an attempt.
    public func retryQueuedLeads(policy: RetryQueuePolicy = .init(), limit: Int = 100, ignoringSchedule: Bool = false) async throws -> RetryRound {
        let now = self.clock.nowMillis()
        let unqueued = try await self.store.unqueuedUnroutableLeads(limit: limit)
        if !unqueued.isEmpty {
            let entries = unqueued.map { lead in
                RetryQueueEntry(
                    leadId: lead.leadId,
                    urgency: (try? Lead.decode(json: Array(lead.payload.utf8)).urgency) ?? 0,
                    receivedAtMillis: lead.receivedAtMillis,
                    nextAttemptAtMillis: now
                )
            }
            try await self.store.enqueueRetries(entries, atMillis: now)
        }
        let due = try await self.store.dueRetries(atMillis: ignoringSchedule ? .max : now, limit: limit)
        guard !due.isEmpty else { return RetryRound(outcomes: [], deadLettered: []) }
        try await self.refreshLoad()
        var round = RetryRound(outcomes: [], deadLettered: [])
        for entry in due {
            guard let record = try await self.store.lead(entry.leadId), record.status == .unroutable else { continue }
            let lead = try Self.decodeStoredLead(record)
            // Waiting for its territory (accepted as unknown): nothing to try on this graph, and no attempt spent.
            if self.router.projection.territory(lead.territoryId) == nil { continue }
            let outcome = try await self.route(lead, payload: record.payload, excluding: record.endedAgents)
            round.outcomes.append(outcome)
            guard outcome.decision.status != .routed, !ignoringSchedule else { continue }
            let attempts = entry.attempts + 1
            let deadLetter = attempts >= policy.maximumAttempts
            try await self.store.recordFailedRetry(
                leadId: entry.leadId,
                attempts: attempts,
                nextAttemptAtMillis: policy.nextAttemptAt(afterFailedAttempts: attempts, nowMillis: now),
                reason: Self.unroutableReason(outcome.decision),
                deadLetter: deadLetter,
                atMillis: self.clock.nowMillis()
            )
            if deadLetter { round.deadLettered.append(entry.leadId) }
        }
        return round
    }

    /// `no_eligible_agent (capacity 5, language 2)`: the reason and the exclusions behind it, most frequent first.
    static func unroutableReason(_ decision: RoutingDecision) -> String {
        let reason = decision.reason?.rawValue ?? RoutingDecision.UnroutableReason.noEligibleAgent.rawValue
        let excluded = decision.excluded.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
        return excluded.isEmpty ? reason : "\(reason) (\(excluded.joined(separator: ", ")))"
    }

    /// Puts a `needs_attention` lead back into the retry queue with its attempts reset; it is tried at the next round.
    public func requeue(leadId: String) async throws {
        try await self.store.requeue(leadId: leadId, atMillis: self.clock.nowMillis())
    }
}
