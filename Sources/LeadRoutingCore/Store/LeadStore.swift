/// The transactional record of leads: leads (the lead id is the idempotency key), assignments and their states,
/// per-agent load and capacity (the authority, not the router's in-memory counts), an append-only audit log and
/// an outbox. Implemented by `SQLiteLeadStore` (embedded default) and `PostgresLeadStore` (production); both pass
/// the same conformance suite.
///
/// Every mutating call is one transaction: it either happens whole (with its audit and outbox rows) or not at all.
/// Failures are ``LeadStoreError``s.
public protocol LeadStore: OutboxSource, ParkedEventStore {
    /// Applies pending migrations (forward-only, idempotent). Throws ``LeadStoreError/Kind/schemaTooNew`` when the
    /// database is newer than this binary.
    @discardableResult
    func migrate() async throws -> MigrationReport

    /// The database's schema version (0 when empty).
    func schemaVersion() async throws -> Int

    /// Inserts or updates agents' capacity and baseline; the store's open counts are kept (adjusted by a baseline
    /// change).
    func upsertAgents(_ agents: [AgentCapacity]) async throws

    /// Every agent's load, capacity and pause flag.
    func agentLoads() async throws -> [AgentLoadRecord]

    /// The agents whose load or pause flag changed since `horizon` (a value an earlier call returned; 0 at first:
    /// every agent), with the horizon to pass next. Lets a long-running process keep its load view in step with
    /// changes other processes commit (``AgentLoadFeed``): may report an unchanged agent again, never misses a change.
    func agentLoadChanges(after horizon: Int64) async throws -> AgentLoadChanges

    /// The closes of referred leads per (source agent, agent) pair: what the router's referral edge estimates learn
    /// from (moved by every close, reopen and correction in the same transaction as the agent's own counts).
    func referralOutcomes() async throws -> [ReferralOutcomeRecord]

    /// Pauses (no new reservations) or resumes an agent.
    func setAgentPaused(_ agentId: String, paused: Bool, atMillis: Int64) async throws

    /// Records a lead and its decision in one transaction, reserving capacity on the ranked candidates in order.
    /// Same id and same canonical payload again: the first decision, unchanged (or, if the lead was unroutable and
    /// the new decision routes it, the retry). Same id, different payload: ``LeadStoreError/Kind/conflict``,
    /// nothing written.
    func commit(_ commit: DecisionCommit) async throws -> CommitOutcome

    /// Ends the agent's offer (decline or expiry) and commits the new decision in the same transaction.
    /// Idempotent: if that offer already ended that way, returns the lead's current decision (`replayed`).
    func reroute(_ reroute: RerouteCommit) async throws -> CommitOutcome

    /// Accepts or closes the agent's assignment. Idempotent (a repeat returns the assignment unchanged); other
    /// moves not allowed by ``AssignmentState/canTransition(to:)`` throw ``LeadStoreError/Kind/invalidTransition``.
    func transition(_ transition: AssignmentTransition) async throws -> AssignmentRecord

    /// The lead with its assignments and audit trail, or nil.
    func lead(_ leadId: String) async throws -> LeadRecord?

    /// Active (offered or accepted) assignments ordered by lead id, at most `limit`.
    func activeAssignments(limit: Int) async throws -> [AssignmentRecord]

    /// Offers still unaccepted that were decided before `decidedBeforeMillis`, oldest first.
    func overdueOffers(decidedBeforeMillis: Int64, limit: Int) async throws -> [AssignmentRecord]

    /// Ids of leads recorded as unroutable (kept for retry), oldest first.
    func unroutableLeadIds(limit: Int) async throws -> [String]

    /// One page of leads matching `query`, in lead-id order.
    func listLeads(_ query: LeadListQuery) async throws -> [LeadSummary]

    /// Unroutable leads the retry queue does not hold yet, oldest first, with their payloads (the queue needs their
    /// urgency).
    func unqueuedUnroutableLeads(limit: Int) async throws -> [(leadId: String, payload: String, receivedAtMillis: Int64)]

    /// Puts leads into the retry queue; a lead already there is left as it is.
    func enqueueRetries(_ entries: [RetryQueueEntry], atMillis: Int64) async throws

    /// Queued leads still unroutable and not dead-lettered whose next attempt is due at `atMillis`: the most urgent
    /// first, then the oldest.
    func dueRetries(atMillis: Int64, limit: Int) async throws -> [RetryQueueEntry]

    /// Records a failed attempt: the new count, when to try next and why it failed; `deadLetter` gives up (audited,
    /// with a `lead.dead_lettered` outbox event) so the lead waits as `needs_attention`.
    func recordFailedRetry(
        leadId: String,
        attempts: Int,
        nextAttemptAtMillis: Int64,
        reason: String,
        deadLetter: Bool,
        atMillis: Int64
    )
        async throws

    /// Puts a dead-lettered lead back into the retry queue with its attempts reset (audited). Throws
    /// ``LeadStoreError/Kind/notFound`` for an unknown lead and ``LeadStoreError/Kind/invalidTransition`` when the lead
    /// is not waiting as `needs_attention`.
    func requeue(leadId: String, atMillis: Int64) async throws

    /// The queue's depth, its oldest lead and the dead letters.
    func retryQueueStats() async throws -> RetryQueueStats

    /// Releases connections; the store is unusable afterwards.
    func shutdown() async throws
}
