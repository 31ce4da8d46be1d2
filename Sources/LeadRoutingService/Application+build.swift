import Foundation
public import Hummingbird
import LeadRoutingCore
public import Logging
import NIOCore
import ServiceLifecycle

/// Builds the service: loads the graph and keys, wires the router. Used by `runService` and by the tests.
/// - Throws: ``ServiceConfigurationError`` for an invalid configuration, dataset, policy or key.
public func buildApplication(_ configuration: ServiceConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = logger ?? Logger(label: "leadrouter")
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    let graph = try GraphLoader.load(configuration)
    let verifier: AccessTokenVerifier?
    if configuration.insecureNoAuth {
        logger.warning("authentication is switched off (--insecure-no-auth): every caller may use every route")
        verifier = nil
    } else {
        verifier = try await AccessTokenVerifier.load(configuration)
    }
    if configuration.store != nil {
        logger.warning("the lead store is not available in this build; lead endpoints answer 503")
    }
    let metrics = ServiceMetrics()
    metrics.graphLoaded(graph)
    let api = ServiceAPI(
        engine: RoutingEngine(graph: graph),
        metrics: metrics,
        verifier: verifier,
        limiter: configuration.rateLimit > 0 ? RateLimiter(rate: configuration.rateLimit, burst: configuration.rateBurst) : nil,
        openAPIDocument: try OpenAPIDocument.bytes(),
        leads: nil
    )
    let router = Hummingbird.Router(context: ServiceRequestContext.self)
    router.add(middleware: EdgeMiddleware(bodyLimit: configuration.bodyLimit, metrics: metrics))
    api.register(on: router)
    logger.info(
        "graph loaded",
        metadata: [
            "graph_version": .string(graph.router.projection.version), "agents": .stringConvertible(graph.router.projection.agentCount),
            "territories": .stringConvertible(graph.router.projection.territoryCount), "policy": .string(graph.router.policy.version),
        ]
    )
    let startupLogger = logger
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "leadrouter"),
        onServerRunning: { channel in
            startupLogger.notice("listening", metadata: ["address": .string(channel.localAddress?.description ?? "?")])
        },
        logger: logger
    )
}

/// Runs the service until SIGTERM or SIGINT, then stops accepting connections and finishes in-flight requests.
/// Logs are JSON lines on stderr.
public func runService(_ configuration: ServiceConfiguration) async throws {
    let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    let app = try await buildApplication(configuration)
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
