import LeadRoutingCore
import LeadRoutingNeo4j
import Logging
import Synchronization

/// The service's graph, kept current: installs a newer graph everywhere it is used in one step (the lead
/// lifecycle and its load view, previews and agent listings, analytics, metrics) and wakes the retry queue, since
/// a newer graph may bring capacity. A dataset directory is reloaded on request (`SIGHUP`,
/// `POST /api/v1/admin/graph:reload`); Neo4j is polled by ``GraphRefreshService``. A load that fails leaves the
/// graph in use serving; the failure is logged, counted and reported by `/ready`.
final class LiveGraph: Sendable {
    let source: GraphSource
    let policy: RoutingPolicy
    let engine: RoutingEngine
    /// Nil without a lead store.
    let lifecycle: LeadLifecycle?
    let analytics: NetworkAnalytics
    let metrics: ServiceMetrics
    let logger: Logger
    let clock: any WallClock
    /// `/ready` calls a Neo4j graph stale when it was last confirmed current longer ago than this.
    let staleAfterMillis: Int64
    /// Told after each install: the retry queue tries its head (capacity may have appeared).
    let installed: @Sendable () -> Void

    private struct Status {
        /// Last time the graph in use was loaded or confirmed current, epoch millis.
        var confirmedAtMillis: Int64
        /// The graph in use came from the snapshot cache because Neo4j was unreachable at start.
        var fromSnapshotCache: Bool
        var lastError: String?
        var consecutiveFailures: Int
    }

    private let status: Mutex<Status>
    private let gate = SerialGate()

    init(
        graph: LoadedGraph,
        source: GraphSource,
        fromSnapshotCache: Bool,
        policy: RoutingPolicy,
        engine: RoutingEngine,
        lifecycle: LeadLifecycle?,
        analytics: NetworkAnalytics,
        metrics: ServiceMetrics,
        logger: Logger,
        clock: any WallClock,
        staleAfterMillis: Int64,
        installed: @escaping @Sendable () -> Void = {}
    ) {
        self.source = source
        self.policy = policy
        self.engine = engine
        self.lifecycle = lifecycle
        self.analytics = analytics
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        self.staleAfterMillis = staleAfterMillis
        self.installed = installed
        var confirmedAt = clock.nowMillis()
        if case .neo4j(let refresher, _) = source {
            // From the cache: as old as the cache.
            confirmedAt -= Int64(refresher.holder.health().secondsSinceSync * 1000)
        }
        self.status = Mutex(Status(confirmedAtMillis: confirmedAt, fromSnapshotCache: fromSnapshotCache, lastError: nil, consecutiveFailures: 0))
        metrics.graphLoaded(graph)
    }

    /// What a reload or refresh did.
    struct Outcome: Sendable, Encodable {
        /// `dataset` or `neo4j`.
        var source: String
        /// True when a newer graph was installed; false when the source had no change.
        var reloaded: Bool
        var graphVersion: String
        var previousGraphVersion: String
        var agents: Int
        var territories: Int
    }

    /// Loads the graph again from its source and installs it: the dataset directory is read again; Neo4j is asked
    /// for changes now. Throws (and keeps the graph in use) when the load or the install fails.
    func reload() async throws(GraphReloadError) -> Outcome {
        let result = await self.gate.run { () async -> Result<Outcome, GraphReloadError> in
            do {
                return .success(try await self.loadAndInstall())
            } catch let error as GraphReloadError {
                return .failure(error)
            } catch {
                return .failure(GraphReloadError(.unavailable, "\(error)"))
            }
        }
        return try result.get()
    }

    private func loadAndInstall() async throws -> Outcome {
        let previous = self.engine.graph
        do {
            switch self.source {
            case .dataset(let path):
                let graph = try GraphLoader.dataset(at: path, policy: self.policy)
                try await self.install(graph, replacing: previous)
                return self.succeeded(reloaded: true, graph: graph, previous: previous)
            case .neo4j(let refresher, let url):
                let (outcome, snapshot) = await refresher.refresh()
                let current = refresher.holder.router
                switch outcome {
                case .failed(let message): throw GraphReloadError(.unavailable, message)
                case .reloaded: break
                case .unchanged:
                    // Unchanged in Neo4j, but installed here only if an earlier install failed after the refresher
                    // had already taken the newer graph.
                    guard current.projection.version != previous.router.projection.version else {
                        return self.succeeded(reloaded: false, graph: previous, previous: previous)
                    }
                }
                let graph = LoadedGraph(router: current, source: url, leads: snapshot?.dataset.leads ?? previous.leads)
                try await self.install(graph, replacing: previous)
                return self.succeeded(reloaded: true, graph: graph, previous: previous)
            }
        } catch {
            let error = error as? GraphReloadError ?? GraphReloadError(.unavailable, "\(error)")
            self.status.withLock {
                $0.lastError = error.message
                $0.consecutiveFailures += 1
            }
            self.metrics.graphRefresh(source: self.source.name, outcome: "failed")
            self.logger.error(
                "graph reload failed; the graph in use keeps serving",
                metadata: [
                    "graph_source": .string(self.source.name), "graph_version": .string(previous.router.projection.version),
                    "error": .string(error.message),
                ]
            )
            throw error
        }
    }

    /// Installs `graph` in the lifecycle (which seeds new agents' capacity in the store and sizes its load view),
    /// then in previews, listings and analytics. Nothing changes when the lifecycle cannot (the store is down).
    private func install(_ graph: LoadedGraph, replacing previous: LoadedGraph) async throws(GraphReloadError) {
        let loads: AgentLoadView
        if let lifecycle = self.lifecycle {
            do {
                try await lifecycle.replaceGraph(graph.router)
            } catch {
                throw GraphReloadError(.unavailable, "lead store: \(error)")
            }
            loads = lifecycle.graph.loads
        } else {
            loads = AgentLoadView(projection: graph.router.projection)
        }
        self.engine.install(graph, loads: loads)
        self.analytics.replace(projection: graph.router.projection, leads: graph.leads)
        self.metrics.graphLoaded(graph)
        self.installed()
        self.logger.notice(
            "graph reloaded",
            metadata: [
                "graph_source": .string(self.source.name), "graph_version": .string(graph.router.projection.version),
                "previous_graph_version": .string(previous.router.projection.version),
                "agents": .stringConvertible(graph.router.projection.agentCount),
                "territories": .stringConvertible(graph.router.projection.territoryCount),
            ]
        )
        if !graph.merges.isEmpty { self.logger.info("dataset repeats", metadata: ["merged": .string(graph.merges.summary)]) }
    }

    private func succeeded(reloaded: Bool, graph: LoadedGraph, previous: LoadedGraph) -> Outcome {
        self.status.withLock {
            $0.confirmedAtMillis = self.clock.nowMillis()
            $0.lastError = nil
            $0.consecutiveFailures = 0
            if reloaded { $0.fromSnapshotCache = false }
        }
        if !reloaded { self.metrics.graphConfirmed() }
        self.metrics.graphRefresh(source: self.source.name, outcome: reloaded ? "reloaded" : "unchanged")
        return Outcome(
            source: self.source.name,
            reloaded: reloaded,
            graphVersion: graph.router.projection.version,
            previousGraphVersion: previous.router.projection.version,
            agents: graph.router.projection.agentCount,
            territories: graph.router.projection.territoryCount
        )
    }

    /// How current the graph in use is, for `/ready`.
    struct Health: Sendable, Encodable {
        /// `dataset` or `neo4j`.
        var source: String
        /// Seconds since the graph was loaded or (Neo4j) last confirmed current.
        var ageSeconds: Double
        /// Neo4j: served from the snapshot cache, or not confirmed current for longer than the threshold. A dataset:
        /// its last reload failed, so the directory no longer matches the graph served.
        var stale: Bool
        var staleAfterSeconds: Double
        /// The graph came from the snapshot cache because Neo4j was unreachable at start (until the first reload).
        var fromSnapshotCache: Bool
        /// Failed reloads or refreshes since the last one that worked.
        var consecutiveFailures: Int
        /// The last failure's message (nil after a success).
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case source, ageSeconds, stale, staleAfterSeconds, fromSnapshotCache, consecutiveFailures, lastError
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.source, forKey: .source)
            try c.encode(self.ageSeconds, forKey: .ageSeconds)
            try c.encode(self.stale, forKey: .stale)
            try c.encode(self.staleAfterSeconds, forKey: .staleAfterSeconds)
            try c.encode(self.fromSnapshotCache, forKey: .fromSnapshotCache)
            try c.encode(self.consecutiveFailures, forKey: .consecutiveFailures)
            try c.encode(self.lastError, forKey: .lastError)
        }
    }

    var health: Health {
        let now = self.clock.nowMillis()
        return self.status.withLock { status in
            let ageMillis = max(0, now - status.confirmedAtMillis)
            let stale: Bool
            switch self.source {
            case .dataset: stale = status.consecutiveFailures > 0
            case .neo4j: stale = status.fromSnapshotCache || ageMillis > self.staleAfterMillis
            }
            return Health(
                source: self.source.name,
                ageSeconds: Double(ageMillis) / 1000,
                stale: stale,
                staleAfterSeconds: Double(self.staleAfterMillis) / 1000,
                fromSnapshotCache: status.fromSnapshotCache,
                consecutiveFailures: status.consecutiveFailures,
                lastError: status.lastError
            )
        }
    }
}
