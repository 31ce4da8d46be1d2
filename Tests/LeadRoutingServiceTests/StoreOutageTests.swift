import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingStores
import NIOCore
import Synchronization
import Testing

@testable import LeadRoutingService

/// A real SQLite store that can be switched "down": every call then fails the way a lost database connection
/// does (an error that is not a `LeadStoreError`), or, given an `outage` store (a Postgres that cannot be reached),
/// goes to that store instead.
final class SwitchableLeadStore: CheckableLeadStore {
    struct ConnectionLost: Error {}

    let working: any CheckableLeadStore
    let outage: (any CheckableLeadStore)?
    let down = Mutex(false)

    init(_ inner: any CheckableLeadStore, outage: (any CheckableLeadStore)? = nil) {
        self.working = inner
        self.outage = outage
    }

    /// The store calls go to now.
    private var inner: any CheckableLeadStore {
        get throws {
            guard self.down.withLock({ $0 }) else { return self.working }
            guard let outage else { throw ConnectionLost() }
            return outage
        }
    }

    func migrate() async throws -> MigrationReport {
        try await self.inner.migrate()
    }
    func schemaVersion() async throws -> Int {
        try await self.inner.schemaVersion()
    }
    func upsertAgents(_ agents: [AgentCapacity]) async throws {
        try await self.inner.upsertAgents(agents)
    }
    func agentLoads() async throws -> [AgentLoadRecord] {
        try await self.inner.agentLoads()
    }
    func agentLoadChanges(after horizon: Int64) async throws -> AgentLoadChanges {
        try await self.inner.agentLoadChanges(after: horizon)
    }
    func referralOutcomes() async throws -> [ReferralOutcomeRecord] {
        try await self.inner.referralOutcomes()
    }
    func setAgentPaused(_ agentId: String, paused: Bool, atMillis: Int64) async throws {
        try await self.inner.setAgentPaused(agentId, paused: paused, atMillis: atMillis)
    }
    func commit(_ commit: DecisionCommit) async throws -> CommitOutcome {
        try await self.inner.commit(commit)
    }
    func reroute(_ reroute: RerouteCommit) async throws -> CommitOutcome {
        try await self.inner.reroute(reroute)
    }
    func transition(_ transition: AssignmentTransition) async throws -> AssignmentRecord {
        try await self.inner.transition(transition)
    }
    func lead(_ leadId: String) async throws -> LeadRecord? {
        try await self.inner.lead(leadId)
    }
    func activeAssignments(limit: Int) async throws -> [AssignmentRecord] {
        try await self.inner.activeAssignments(limit: limit)
    }
    func overdueOffers(decidedBeforeMillis: Int64, limit: Int) async throws -> [AssignmentRecord] {
        try await self.inner.overdueOffers(decidedBeforeMillis: decidedBeforeMillis, limit: limit)
    }
    func unroutableLeadIds(limit: Int) async throws -> [String] {
        try await self.inner.unroutableLeadIds(limit: limit)
    }
    func listLeads(_ query: LeadListQuery) async throws -> [LeadSummary] {
        try await self.inner.listLeads(query)
    }
    func unqueuedUnroutableLeads(limit: Int) async throws -> [(leadId: String, payload: String, receivedAtMillis: Int64)] {
        try await self.inner.unqueuedUnroutableLeads(limit: limit)
    }
    func enqueueRetries(_ entries: [RetryQueueEntry], atMillis: Int64) async throws {
        try await self.inner.enqueueRetries(entries, atMillis: atMillis)
    }
    func dueRetries(atMillis: Int64, limit: Int) async throws -> [RetryQueueEntry] {
        try await self.inner.dueRetries(atMillis: atMillis, limit: limit)
    }
    func recordFailedRetry(
        leadId: String,
        attempts: Int,
        nextAttemptAtMillis: Int64,
        reason: String,
        deadLetter: Bool,
        atMillis: Int64
    )
        async throws
    {
        try await self.inner.recordFailedRetry(
            leadId: leadId,
            attempts: attempts,
            nextAttemptAtMillis: nextAttemptAtMillis,
            reason: reason,
            deadLetter: deadLetter,
            atMillis: atMillis
        )
    }
    func requeue(leadId: String, atMillis: Int64) async throws {
        try await self.inner.requeue(leadId: leadId, atMillis: atMillis)
    }
    func retryQueueStats() async throws -> RetryQueueStats {
        try await self.inner.retryQueueStats()
    }
    func shutdown() async throws { try await self.working.shutdown() }
    func checkInvariants() async throws -> [(name: String, violations: Int)] {
        try await self.inner.checkInvariants()
    }
    func saveRebalancePlan(_ plan: RebalancePlan, atMillis: Int64) async throws {
        try await self.inner.saveRebalancePlan(plan, atMillis: atMillis)
    }
    func rebalancePlan(_ planId: String) async throws -> RebalancePlan? { try await self.inner.rebalancePlan(planId) }
    func rebalanceMoveRecords(planId: String) async throws -> [RebalanceMoveRecord] {
        try await self.inner.rebalanceMoveRecords(planId: planId)
    }
    func rebalanceLeadRecords(_ leadIds: [String]) async throws -> [String: RebalanceLeadRecord] {
        try await self.inner.rebalanceLeadRecords(leadIds)
    }
    func rebalanceLeadStates(_ leadIds: [String]) async throws -> [String: RebalanceLeadState] {
        try await self.inner.rebalanceLeadStates(leadIds)
    }
    func applyRebalanceBatch(_ batch: RebalanceBatch) async throws -> RebalanceBatchResult {
        try await self.inner.applyRebalanceBatch(batch)
    }
    func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent] {
        try await self.inner.pendingOutboxEvents(consumer: consumer, limit: limit)
    }
    func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws {
        try await self.inner.acknowledgeOutboxEvents(consumer: consumer, through: id)
    }
    func parkEvent(_ event: OutboxEvent, consumer: String, body: String, attempts: Int, lastError: String, atMillis: Int64) async throws -> Int64 {
        try await self.inner.parkEvent(event, consumer: consumer, body: body, attempts: attempts, lastError: lastError, atMillis: atMillis)
    }
    func parkedEvents(afterId: Int64?, limit: Int) async throws -> [ParkedEvent] {
        try await self.inner.parkedEvents(afterId: afterId, limit: limit)
    }
    func parkedEvent(id: Int64) async throws -> ParkedEvent? {
        try await self.inner.parkedEvent(id: id)
    }
    func recordParkedEventFailure(id: Int64, lastError: String, atMillis: Int64) async throws {
        try await self.inner.recordParkedEventFailure(id: id, lastError: lastError, atMillis: atMillis)
    }
    func removeParkedEvent(id: Int64) async throws -> Bool {
        try await self.inner.removeParkedEvent(id: id)
    }
    func parkedEventCount() async throws -> Int {
        try await self.inner.parkedEventCount()
    }
}

@Suite("Lead store outage")
struct StoreOutageTests {
    typealias S = ServiceTestSupport

    @Test func storeDownIs503WithRetryAfterAndNothingAcknowledged() async throws {
        let store = SwitchableLeadStore(try await SQLiteLeadStore.openSQLite(path: nil))
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger, connection: LeadStoreConnection(store: store))
        try await app.test(.router) { client in
            let lead = S.body(#"{"id":"D1","territoryId":"T1"}"#)
            store.down.withLock { $0 = true }
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: lead) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.headers[.contentType] == "application/problem+json")
                let text = String(buffer: response.body)
                #expect(text.contains("lead store unavailable"))
                #expect(!text.contains("ConnectionLost"))
            }
            try await client.execute(uri: "/api/v1/leads/D1", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/api/v1/ready", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
                let store = try #require(try S.object(response.body)["store"] as? [String: Any])
                #expect(store["reachable"] as? Bool == false)
            }
            store.down.withLock { $0 = false }
            // Nothing was acknowledged during the outage: the lead is new now.
            try await client.execute(uri: "/api/v1/leads/D1", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: lead) { #expect($0.status == .created) }
        }
    }
}
