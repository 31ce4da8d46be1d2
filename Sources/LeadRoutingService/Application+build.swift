import Foundation
public import Hummingbird
import HummingbirdCore
public import LeadRoutingCore
import LeadRoutingNeo4j
import LeadRoutingStores
public import Logging
import NIOCore
import ServiceLifecycle

/// Builds the service: loads the graph from its configured source (a dataset directory, or Neo4j kept current by
/// polling) and the keys, wires the router and the background services. Used by `runService` and by the tests.
/// - Parameters:
///   - clock: the clock of every timestamp the lead store records. Default: the system clock.
///   - environment: where `NEO4J_USER`, `NEO4J_PASSWORD` and `NEO4J_TOKEN` are read; nil: the process's.
/// - Throws: ``ServiceConfigurationError`` for an invalid configuration, dataset, graph source, policy or key.
public func buildApplication(
    _ configuration: ServiceConfiguration,
    logger: Logger? = nil,
    clock: any WallClock = SystemWallClock(),
    environment: [String: String]? = nil
) async throws -> some ApplicationProtocol {
    try configuration.validate()
    let connection = try await configuration.store.asyncMap { try await LeadStoreConnection.open($0, clock: clock) }
    return try await buildApplication(configuration, logger: logger, connection: connection, clock: clock, environment: environment)
}

/// ``buildApplication(_:logger:clock:environment:)`` on an already opened lead store (nil: none).
func buildApplication(
    _ configuration: ServiceConfiguration,
    logger: Logger?,
    connection: LeadStoreConnection?,
    clock: any WallClock = SystemWallClock(),
    environment: [String: String]? = nil
) async throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = logger ?? Logger(label: "leadrouter")
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    let (graph, graphSource, fellBackToCache) = try await GraphLoader.start(
        configuration,
        clock: clock,
        environment: environment ?? ProcessInfo.processInfo.environment
    )
    if let fellBackToCache { logger.warning("Neo4j unreachable: routing on the snapshot cache", metadata: ["reason": .string(fellBackToCache)]) }
    let verifier: AccessTokenVerifier?
    if configuration.insecureNoAuth {
        logger.warning("authentication is switched off (--insecure-no-auth): every caller may use every route")
        verifier = nil
    } else {
        verifier = try await AccessTokenVerifier.load(configuration, clock: clock)
    }
    let metrics = ServiceMetrics()
    var services: [any Service] = []
    var leads: StoreLeadService? = nil
    var webhookFailures: WebhookFailures? = nil
    var rebalance: RebalanceHandlers? = nil
    var lifecycle: LeadLifecycle? = nil
    var retryQueue: RetryQueueService? = nil
    // One load view: the lifecycle's when there is a store; without one, the projection's load, never changed.
    let loads: AgentLoadView
    if let connection {
        services.append(connection)
        // One size limit: no lead the edge admits (at most `bodyLimit` bytes, else 413) is refused for its size later.
        // The service's graph is the current one (a reload makes it newer than what older leads were routed on), so
        // re-routes may change the graph version; a lead whose territory it lacks is never re-routed.
        let offerSLA = configuration.offerSLAMillis ?? 0
        let storeLifecycle = LeadLifecycle(
            router: graph.router,
            store: connection.store,
            clock: clock,
            configuration: .init(
                offerSLAMillis: offerSLA > 0 ? offerSLA : LeadLifecycle.Configuration().offerSLAMillis,
                maximumPayloadBytes: configuration.bodyLimit,
                acceptUnknownTerritories: configuration.acceptUnknownTerritories,
                allowGraphChange: true,
                rerouteOnPause: configuration.rerouteOnPause
            )
        )
        let queue = RetryQueueService(
            lifecycle: storeLifecycle,
            policy: RetryQueuePolicy(maximumAttempts: configuration.maxRouteAttempts),
            metrics: metrics,
            logger: logger,
            clock: clock
        )
        leads = StoreLeadService(lifecycle: storeLifecycle, metrics: metrics, capacityFreed: { queue.capacityFreed() })
        loads = storeLifecycle.loads
        lifecycle = storeLifecycle
        retryQueue = queue
        // Singleton jobs: with several replicas on one Postgres, each runs on one replica at a time.
        func singleton(_ job: String, _ make: @escaping @Sendable () throws -> any Service) -> SingletonJob {
            SingletonJob(lease: connection.jobLease(job), metrics: metrics, logger: logger, makeJob: make)
        }
        services.append(singleton("retry-queue") { queue })
        // On every replica: the load view follows changes other processes commit.
        services.append(
            LoadFeedService(feed: AgentLoadFeed(lifecycle: storeLifecycle), metrics: metrics, logger: logger) { queue.capacityFreed() }
        )
        if offerSLA > 0 {
            let sweeper = OfferSweeperService(lifecycle: storeLifecycle, metrics: metrics, logger: logger)
            services.append(singleton("offer-sweeper") { sweeper })
        }
        let webhooks = EventRelays.webhooks(configuration, store: connection.store, metrics: metrics, clock: clock, logger: logger)
        webhookFailures = webhooks
        let relays = try EventRelays.jobs(
            configuration,
            outbox: connection.store,
            webhooks: webhooks,
            metrics: metrics,
            clock: clock,
            logger: logger
        )
        for relay in relays {
            services.append(singleton(relay.name, relay.make))
        }
        if case .neo4j(let refresher, _) = graphSource, let neo4j = refresher.store as? Neo4jGraphStore {
            let writer = LineageWriter(store: neo4j, outbox: connection.store)
            let jobLogger = logger
            services.append(singleton("outbox-relay-\(LineageWriter.consumer)") { LineageRelayService(writer: writer, logger: jobLogger) })
        }
        // On every replica: the parked-events gauge (the relays that park are singletons).
        if !configuration.webhooks.isEmpty { services.append(webhooks) }
        rebalance = RebalanceHandlers(
            lifecycle: storeLifecycle,
            store: connection.store,
            clock: clock,
            metrics: metrics,
            capacityFreed: { queue.capacityFreed() }
        )
        if let every = configuration.rebalanceEveryMillis, every > 0 {
            let jobLogger = logger
            services.append(
                singleton("rebalance") {
                    RebalanceJobService(
                        lifecycle: storeLifecycle,
                        store: connection.store,
                        clock: clock,
                        metrics: metrics,
                        logger: jobLogger,
                        interval: .milliseconds(every),
                        scope: RebalanceScope(rawValue: configuration.rebalanceScope) ?? .stale,
                        capacityFreed: { queue.capacityFreed() }
                    )
                }
            )
        }
        logger.info("lead store", metadata: ["store": .string(configuration.store.map { LeadStoreURL.redacted($0) } ?? "injected")])
    } else {
        loads = AgentLoadView(projection: graph.router.projection)
        logger.warning("no lead store configured: the lead endpoints answer 503")
    }
    let engine = RoutingEngine(graph: graph, loads: loads)
    let analytics = NetworkAnalytics(
        projection: graph.router.projection,
        leads: graph.leads,
        groups: try AnalyticsGroups.load(configuration),
        maxRunning: configuration.analyticsConcurrency,
        clock: clock
    )
    let wakeRetryQueue = retryQueue
    let liveGraph = LiveGraph(
        graph: graph,
        source: graphSource,
        fromSnapshotCache: fellBackToCache != nil,
        policy: graph.router.policy,
        engine: engine,
        lifecycle: lifecycle,
        analytics: analytics,
        metrics: metrics,
        logger: logger,
        clock: clock,
        staleAfterMillis: configuration.graphStaleAfterMillis ?? 300_000,
        installed: { wakeRetryQueue?.capacityFreed() }
    )
    switch graphSource {
    case .dataset: services.append(GraphReloadSignalService(graph: liveGraph, logger: logger))
    case .neo4j: services.append(GraphRefreshService(graph: liveGraph, interval: .milliseconds(configuration.graphPollIntervalMillis ?? 5000)))
    }
    var api = ServiceAPI(
        engine: engine,
        metrics: metrics,
        verifier: verifier,
        limiter: configuration.rateLimit > 0 ? RateLimiter(rate: configuration.rateLimit, burst: configuration.rateBurst) : nil,
        openAPIDocument: try OpenAPIDocument.bytes(),
        leads: leads,
        analytics: analytics,
        graph: liveGraph,
        webhookFailures: webhookFailures
    )
    api.rebalance = rebalance
    let router = Hummingbird.Router(context: ServiceRequestContext.self)
    router.add(middleware: EdgeMiddleware(bodyLimit: configuration.bodyLimit, metrics: metrics))
    api.register(on: router)
    logger.info(
        "graph loaded",
        metadata: [
            "graph_version": .string(graph.router.projection.version), "graph_source": .string(graphSource.name),
            "agents": .stringConvertible(graph.router.projection.agentCount),
            "territories": .stringConvertible(graph.router.projection.territoryCount), "policy": .string(graph.router.policyIdentity),
        ]
    )
    if !graph.merges.isEmpty { logger.info("dataset repeats", metadata: ["merged": .string(graph.merges.summary)]) }
    let startupLogger = logger
    // The parser admits large heads so the edge middleware answers them (431 problem+json, security headers).
    let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: EdgeMiddleware.parserHeaderLimit,
        maxHeaderListSize: EdgeMiddleware.parserHeaderLimit
    )
    var app = Application(
        router: router,
        server: .http1(configuration: .init(httpDecoderConfiguration: decoder)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "leadrouter"),
        services: services,
        onServerRunning: { channel in
            startupLogger.notice("listening", metadata: ["address": .string(channel.localAddress?.description ?? "?")])
        },
        logger: logger
    )
    if let leads, let connection = services.first as? LeadStoreConnection {
        // Before the server accepts requests: reach and migrate the store, seed agents, load the store's counts.
        app.beforeServerStarts {
            try await connection.prepare()
            try await leads.start()
        }
    }
    return app
}

/// Runs the service until SIGTERM or SIGINT, then stops accepting connections and finishes in-flight requests
/// (`SIGHUP` reloads a dataset directory).
/// Logs are JSON lines on stderr. `clock` stamps every record the lead store keeps.
public func runService(_ configuration: ServiceConfiguration, clock: any WallClock = SystemWallClock()) async throws {
    let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    let app = try await buildApplication(configuration, clock: clock)
    try await app.runService()  // SIGTERM and SIGINT shut down gracefully
}

/// The committed OpenAPI document (`Sources/LeadRoutingService/Resources/openapi.yaml`), served by GET /openapi.yaml.
public enum OpenAPIDocument {
    public static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let data = FileManager.default.contents(atPath: url.path)
        else {
            throw ServiceConfigurationError(setting: "openapi", message: "the bundled openapi.yaml is missing")
        }
        return Array(data)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
