import Foundation
public import LeadRoutingCore
import Synchronization

/// The router currently in use, swapped atomically when a refresh loads a newer graph. Readers take
/// ``router`` once per decision; a swap never blocks them for longer than a pointer copy.
public final class ProjectionHolder: Sendable {
    /// Where the current projection came from.
    public enum Source: String, Sendable, Codable {
        case graphStore = "graph_store"
        /// The local snapshot cache (the graph store was unreachable at start).
        case cache
    }

    struct State {
        var router: Router
        var watermark: Int64
        var source: Source
        /// Last time the projection was known to match the store (load or an unchanged check), epoch millis.
        var lastSyncMillis: Int64
        var lastError: String?
        var consecutiveFailures: Int
    }

    private let state: Mutex<State>

    /// The clock of the sync times and of ``health(staleAfterSeconds:)``.
    public let clock: any WallClock

    public init(router: Router, watermark: Int64, source: Source, syncedAtMillis: Int64, clock: any WallClock = SystemWallClock()) {
        self.clock = clock
        self.state = Mutex(
            State(router: router, watermark: watermark, source: source, lastSyncMillis: syncedAtMillis, lastError: nil, consecutiveFailures: 0)
        )
    }

    /// The router to use for the next decision.
    public var router: Router { self.state.withLock { $0.router } }

    /// The watermark of the current projection.
    public var watermark: Int64 { self.state.withLock { $0.watermark } }

    func replace(router: Router, watermark: Int64, source: Source, now: Int64) {
        self.state.withLock {
            $0.router = router
            $0.watermark = watermark
            $0.source = source
            $0.lastSyncMillis = now
            $0.lastError = nil
            $0.consecutiveFailures = 0
        }
    }

    func markSynced(now: Int64) {
        self.state.withLock {
            $0.lastSyncMillis = now
            $0.lastError = nil
            $0.consecutiveFailures = 0
        }
    }

    func markFailed(_ error: String) {
        self.state.withLock {
            $0.lastError = error
            $0.consecutiveFailures += 1
        }
    }

    /// Health for the service's health endpoint.
    public func health(staleAfterSeconds: Double = 300) -> GraphHealth {
        let nowMillis = self.clock.nowMillis()
        return self.state.withLock { state in
            let age = Double(max(0, nowMillis - state.lastSyncMillis)) / 1000
            return GraphHealth(
                graphVersion: state.router.projection.version,
                watermark: state.watermark,
                source: state.source,
                secondsSinceSync: age,
                stale: state.source == .cache || age > staleAfterSeconds || state.consecutiveFailures > 0,
                consecutiveFailures: state.consecutiveFailures,
                lastError: state.lastError
            )
        }
    }
}

/// How current the routing graph is.
public struct GraphHealth: Sendable, Codable, Hashable {
    public var graphVersion: String
    public var watermark: Int64
    public var source: ProjectionHolder.Source
    /// Seconds since the projection was last confirmed current.
    public var secondsSinceSync: Double
    /// True when serving from the cache, when the last refresh failed, or when the last sync is too old.
    public var stale: Bool
    public var consecutiveFailures: Int
    /// The last refresh failure (no credentials or values: ``Neo4jError`` descriptions only).
    public var lastError: String?
}

/// Loads the projection from a ``GraphStore`` (falling back to a ``SnapshotCache``) and keeps it current: every
/// `interval` it asks the store for changes after the watermark and, when there are any, loads a new snapshot,
/// builds the projection off to the side and swaps it in. Run ``run()`` in the caller's task group (or as a
/// ServiceLifecycle service's `run`); it returns when the task is cancelled.
public struct ProjectionRefresher: Sendable {
    public let store: any GraphStore
    public let holder: ProjectionHolder
    public let policy: RoutingPolicy
    public let cache: SnapshotCache?
    /// Time between change checks. Default 30 s.
    public let interval: Duration

    /// The outcome of one refresh.
    public enum Outcome: Sendable, Equatable {
        case unchanged
        case reloaded(version: String)
        case failed(String)
    }

    /// A started refresher and how it started.
    public struct Started: Sendable {
        public var refresher: ProjectionRefresher
        /// The snapshot the first projection was built from.
        public var snapshot: GraphSnapshot
        /// Non-nil when the store was unreachable and the cache was used: the reason, for a log line.
        public var fellBackToCache: String?
    }

    /// Loads the first projection: from the store (saving it to the cache), else from the cache when the store is
    /// unreachable. Throws when neither works.
    public static func start(
        store: any GraphStore,
        policy: RoutingPolicy,
        cache: SnapshotCache?,
        interval: Duration = .seconds(30),
        clock: any WallClock = SystemWallClock()
    ) async throws -> Started {
        do {
            let snapshot = try await store.loadSnapshot()
            let router = Router(projection: try GraphProjection(dataset: snapshot.dataset, version: snapshot.version), policy: policy)
            try? cache?.save(snapshot)
            let holder = ProjectionHolder(
                router: router,
                watermark: snapshot.watermark,
                source: .graphStore,
                syncedAtMillis: clock.nowMillis(),
                clock: clock
            )
            return Started(
                refresher: ProjectionRefresher(store: store, holder: holder, policy: policy, cache: cache, interval: interval),
                snapshot: snapshot,
                fellBackToCache: nil
            )
        } catch let error as Neo4jError where error.isUnavailable {
            guard let cache, let entry = try cache.load() else { throw error }
            let router = Router(projection: try GraphProjection(dataset: entry.snapshot.dataset, version: entry.snapshot.version), policy: policy)
            let holder = ProjectionHolder(
                router: router,
                watermark: entry.snapshot.watermark,
                source: .cache,
                syncedAtMillis: entry.savedAtMillis,
                clock: clock
            )
            holder.markFailed("\(error)")
            return Started(
                refresher: ProjectionRefresher(store: store, holder: holder, policy: policy, cache: cache, interval: interval),
                snapshot: entry.snapshot,
                fellBackToCache: "\(error); started from the snapshot cache \(cache.directory) (graph version \(entry.snapshot.version))"
            )
        }
    }

    public init(store: any GraphStore, holder: ProjectionHolder, policy: RoutingPolicy, cache: SnapshotCache?, interval: Duration = .seconds(30)) {
        self.store = store
        self.holder = holder
        self.policy = policy
        self.cache = cache
        self.interval = interval
    }

    /// Checks for changes once and swaps in a new projection when there are any. Never throws: a failure keeps
    /// the current projection and is reported in ``ProjectionHolder/health(staleAfterSeconds:)``.
    @discardableResult
    public func refreshOnce() async -> Outcome {
        await self.refresh().outcome
    }

    /// ``refreshOnce()``, also returning the snapshot a reload built the new projection from (nil otherwise), for
    /// callers that keep more of it than the router (the dataset's leads).
    public func refresh() async -> (outcome: Outcome, snapshot: GraphSnapshot?) {
        do {
            let changes = try await self.store.changes(since: self.holder.watermark)
            if changes.changed == 0 && self.holder.health().source == .graphStore {
                self.holder.markSynced(now: self.holder.clock.nowMillis())
                return (.unchanged, nil)
            }
            let snapshot = try await self.store.loadSnapshot()
            let projection = try GraphProjection(dataset: snapshot.dataset, version: snapshot.version)
            self.holder.replace(
                router: Router(projection: projection, policy: self.policy),
                watermark: snapshot.watermark,
                source: .graphStore,
                now: self.holder.clock.nowMillis()
            )
            try? self.cache?.save(snapshot)
            return (.reloaded(version: snapshot.version), snapshot)
        } catch {
            self.holder.markFailed("\(error)")
            return (.failed("\(error)"), nil)
        }
    }

    /// Refreshes every ``interval`` until cancelled.
    public func run() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: self.interval) } catch { return }
            await self.refreshOnce()
        }
    }
}
