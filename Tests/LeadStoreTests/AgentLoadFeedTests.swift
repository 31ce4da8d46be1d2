import Foundation
import LeadRoutingCore
import LeadRoutingSQL
import Testing

/// A process's load view follows changes another process commits to the same store (another replica, the CLI),
/// through ``AgentLoadFeed``; without a poll the view stays stale (what the feed fixes). SQLite and (with
/// POSTGRES_URL) Postgres.
enum LoadFeedBehaviour {
    static func open(_ lifecycle: LeadLifecycle, _ agentId: String) throws -> Int32 {
        try LifecycleBehaviour.open(lifecycle, agentId)
    }

    static func available(_ lifecycle: LeadLifecycle, _ agentId: String) throws -> Bool {
        let index = try #require(lifecycle.router.projection.agent(agentId))
        return lifecycle.loads.snapshot.available[Int(index)]
    }

    static func changesElsewhereReachTheView(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 3, capacity: 2)
        let here = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await here.start()
        let feed = AgentLoadFeed(lifecycle: here)
        _ = try await feed.poll()
        #expect(try await feed.poll().changedAgents == 0, "nothing changed since the last poll")

        let otherStore = try await s.openAnother()
        let elsewhere = LeadLifecycle(router: router, store: otherStore, clock: ManualClock())
        try await elsewhere.start()
        #expect(try await elsewhere.route(TestNetwork.lead("L1")).decision.agentId == "A1")
        #expect(try Self.open(here, "A1") == 0, "without a poll the view has not heard of the other process's commit")
        let routed = try await feed.poll()
        #expect(routed.changedAgents == 1)
        #expect(!routed.capacityFreed)
        #expect(try Self.open(here, "A1") == 1)

        try await elsewhere.setAvailability(agentId: "A2", available: false)
        #expect(try await feed.poll().changedAgents == 1)
        #expect(try !Self.available(here, "A2"))

        _ = try await elsewhere.accept(leadId: "L1", agentId: "A1")
        _ = try await elsewhere.close(leadId: "L1", agentId: "A1", won: true)
        let closed = try await feed.poll()
        #expect(closed.capacityFreed, "a close elsewhere frees capacity here")
        #expect(try Self.open(here, "A1") == 0)
        try await LifecycleBehaviour.expectViewMatchesStore(here, s)
        try await otherStore.shutdown()
    }
}

@Suite("Load feed: SQLite")
struct SQLiteLoadFeedTests {
    @Test func changesElsewhereReachTheView() async throws { try await Backend.sqlite.with(LoadFeedBehaviour.changesElsewhereReachTheView) }
}

@Suite(
    "Load feed: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresLoadFeedTests {
    @Test func changesElsewhereReachTheView() async throws { try await Backend.postgres.with(LoadFeedBehaviour.changesElsewhereReachTheView) }

    /// A change committed after a later one (its transaction started first) is still reported: the horizon stays at
    /// the oldest transaction that was running.
    @Test func aChangeCommittedOutOfOrderIsNotMissed() async throws {
        try await Backend.postgres.with { s in
            try await s.store.upsertAgents([AgentCapacity(agentId: "A1", capacity: 5), AgentCapacity(agentId: "A2", capacity: 5)])
            var horizon = try await s.store.agentLoadChanges(after: 0).horizon
            let (release, releaser) = AsyncStream<Void>.makeStream()
            let (updated, updater) = AsyncStream<Void>.makeStream()
            // The slow transaction changes A1 first and commits last.
            let slow = Task {
                try await s.transaction { connection in
                    try await connection.query("UPDATE agent_load SET paused = 1 WHERE agent_id = 'A1'")
                    updater.yield()
                    for await _ in release { break }
                }
            }
            for await _ in updated { break }
            _ = try await s.sql("UPDATE agent_load SET paused = 1 WHERE agent_id = 'A2'")
            let first = try await s.store.agentLoadChanges(after: horizon)
            #expect(first.records.map(\.agentId).contains("A2"))
            #expect(!first.records.contains { $0.agentId == "A1" && $0.paused }, "A1's change is not committed yet")
            horizon = first.horizon
            releaser.yield()
            try await slow.value
            let second = try await s.store.agentLoadChanges(after: horizon)
            #expect(second.records.contains { $0.agentId == "A1" && $0.paused }, "the late commit is reported")
        }
    }
}
