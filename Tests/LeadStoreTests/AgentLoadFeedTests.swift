import Foundation
import LeadRoutingSQL
import Testing

@testable import LeadRoutingCore

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

    /// A poll reads the store, this process accepts an offer, then the poll writes what it read: the older row must
    /// not undo the accept. The agent is left for the next poll, which agrees with the store. Applied as if the read
    /// had started after the accept, the same rows do undo it: what the check prevents.
    static func aLocalWriteDuringAPollIsNotUndone(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 3, capacity: 3)
        let here = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await here.start()
        let feed = AgentLoadFeed(lifecycle: here)
        let a1 = try #require(router.projection.agent("A1"))
        func accepted() -> Int32 { here.loads.snapshot.acceptedOffers[Int(a1)] }
        #expect(try await here.route(TestNetwork.lead("L1")).decision.agentId == "A1")
        _ = try await feed.poll()

        // Another process writes A1's row, so the next read carries it (accepted 0).
        let otherStore = try await s.openAnother()
        let elsewhere = LeadLifecycle(router: router, store: otherStore, clock: ManualClock())
        try await elsewhere.start()
        try await elsewhere.setAvailability(agentId: "A1", available: true)
        let read = try await feed.read()
        #expect(read.changes.records.contains { $0.agentId == "A1" && $0.acceptedOffers == 0 })
        _ = try await here.accept(leadId: "L1", agentId: "A1")
        #expect(accepted() == 1)

        let applied = await feed.apply(read)
        #expect(accepted() == 1, "the row read before the accept does not undo it")
        #expect(applied.deferredAgents == 1)
        let next = try await feed.poll()
        #expect(next.deferredAgents == 0, "A1 is read again and applied")
        #expect(accepted() == 1)
        try await LifecycleBehaviour.expectViewMatchesStore(here, s)

        // A write still under way (its store call made, its view update not yet) defers the agent too.
        try await elsewhere.setAvailability(agentId: "A1", available: false)
        try await elsewhere.setAvailability(agentId: "A1", available: true)
        here.loads.beginLocalWrite([a1])
        #expect(await feed.apply(try await feed.read()).deferredAgents == 1)
        here.loads.endLocalWrite([a1])
        #expect(try await feed.poll().deferredAgents == 0)

        var unchecked = read
        unchecked.epoch = here.loads.epoch
        _ = await feed.apply(unchecked)
        #expect(accepted() == 0, "without the check the older row undoes the accept")
        try await otherStore.shutdown()
    }

    /// A refresh from the store keeps an agent a write of this process is changing (its older row would undo the
    /// write) and takes every other agent; once the write ends, a refresh takes it too. A refresh inside a write
    /// (after a fallback) does take the write's own agents: its read is newer than their commit.
    static func aRefreshRespectsWritesUnderWay(_ s: StoreUnderTest) async throws {
        let router = try TestNetwork.router(agents: 3, capacity: 1)
        let here = LeadLifecycle(router: router, store: s.store, clock: ManualClock())
        try await here.start()
        let otherStore = try await s.openAnother()
        let elsewhere = LeadLifecycle(router: router, store: otherStore, clock: ManualClock())
        try await elsewhere.start()

        // Elsewhere fills A1; this view does not know, ranks A1 first, the store falls back to A2, and the refresh
        // after the fallback (inside the commit's own write) sets A1 and A2 from the store.
        #expect(try await elsewhere.route(TestNetwork.lead("L1")).decision.agentId == "A1")
        #expect(try Self.open(here, "A1") == 0)
        let fallback = try await here.route(TestNetwork.lead("L2"))
        #expect(fallback.decision.agentId == "A2")
        #expect(fallback.decision.notes.contains { $0.contains("fell back") })
        #expect(try Self.open(here, "A1") == 1 && Self.open(here, "A2") == 1)
        try await LifecycleBehaviour.expectViewMatchesStore(here, s)

        // A write of A3 under way: a refresh keeps A3 as the view has it and takes A2's pause.
        let a3 = try #require(router.projection.agent("A3"))
        here.loads.beginLocalWrite([a3])
        try await elsewhere.setAvailability(agentId: "A2", available: false)
        try await elsewhere.setAvailability(agentId: "A3", available: false)
        try await here.refreshLoad()
        #expect(try !Self.available(here, "A2"))
        #expect(try Self.available(here, "A3"), "the refresh keeps the agent being written")
        here.loads.endLocalWrite([a3])
        try await here.refreshLoad()
        #expect(try !Self.available(here, "A3"))
        try await LifecycleBehaviour.expectViewMatchesStore(here, s)
        try await otherStore.shutdown()
    }
}

@Suite("Load feed: SQLite")
struct SQLiteLoadFeedTests {
    @Test func changesElsewhereReachTheView() async throws { try await Backend.sqlite.with(LoadFeedBehaviour.changesElsewhereReachTheView) }
    @Test func aLocalWriteDuringAPollIsNotUndone() async throws {
        try await Backend.sqlite.with(LoadFeedBehaviour.aLocalWriteDuringAPollIsNotUndone)
    }
    @Test func aRefreshRespectsWritesUnderWay() async throws { try await Backend.sqlite.with(LoadFeedBehaviour.aRefreshRespectsWritesUnderWay) }
}

@Suite(
    "Load feed: Postgres",
    .enabled(if: Backend.postgresURL != nil, "set POSTGRES_URL=postgres://user@host:port/db to run (scripts/test starts a throwaway cluster)")
)
struct PostgresLoadFeedTests {
    @Test func changesElsewhereReachTheView() async throws { try await Backend.postgres.with(LoadFeedBehaviour.changesElsewhereReachTheView) }
    @Test func aLocalWriteDuringAPollIsNotUndone() async throws {
        try await Backend.postgres.with(LoadFeedBehaviour.aLocalWriteDuringAPollIsNotUndone)
    }
    @Test func aRefreshRespectsWritesUnderWay() async throws { try await Backend.postgres.with(LoadFeedBehaviour.aRefreshRespectsWritesUnderWay) }

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
