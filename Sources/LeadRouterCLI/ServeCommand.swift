import ArgumentParser
import Foundation
import LeadRoutingService

/// `leadrouter serve`: maps options to a ``ServiceConfiguration`` and runs the HTTP service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the routing HTTP API (/api/v1) until SIGTERM or SIGINT.",
        discussion: """
            Settings come from flags, then LEADROUTER_* environment variables (LEADROUTER_HOST, LEADROUTER_PORT, \
            LEADROUTER_DATASET, LEADROUTER_STORE, LEADROUTER_POLICY, LEADROUTER_ACCEPT_UNKNOWN_TERRITORIES, \
            LEADROUTER_AUTH_KEYS (comma-separated), LEADROUTER_JWKS, \
            LEADROUTER_ISSUER, LEADROUTER_AUDIENCE, LEADROUTER_INSECURE_NO_AUTH, LEADROUTER_RATE_LIMIT, LEADROUTER_RATE_BURST, \
            LEADROUTER_BODY_LIMIT, LEADROUTER_LOG_LEVEL, LEADROUTER_NEO4J, LEADROUTER_NEO4J_DATABASE, LEADROUTER_NEO4J_USER, \
            LEADROUTER_NEO4J_PASSWORD_FILE, LEADROUTER_NEO4J_TOKEN_FILE, LEADROUTER_NEO4J_API, LEADROUTER_SNAPSHOT_CACHE, \
            LEADROUTER_GRAPH_POLL_INTERVAL, LEADROUTER_GRAPH_STALE_AFTER, LEADROUTER_WEBHOOKS (comma-separated), \
            LEADROUTER_WEBHOOK_SECRET, LEADROUTER_WEBHOOK_MAX_ATTEMPTS, LEADROUTER_WEBHOOK_RETRY_DELAY, LEADROUTER_REBALANCE_EVERY, \
            LEADROUTER_REBALANCE_SCOPE), then the JSON file of --config / LEADROUTER_CONFIG, \
            then defaults. The graph comes from --dataset (reloaded on SIGHUP and POST /api/v1/admin/graph:reload) or from \
            --neo4j (polled for changes every --graph-poll-interval).
            """
    )

    /// Lead store when none is configured.
    static let defaultStore = "sqlite:leadrouter-leads.sqlite"

    @OptionGroup var graph: GraphOptions

    @Option(help: ArgumentHelp("Address to bind (default 127.0.0.1).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("Port to bind, 0 for any free port (default 8080).", valueName: "port"))
    var port: Int?

    @Option(
        help: ArgumentHelp(
            "Lead store: sqlite:PATH, sqlite::memory: or postgres://user:password@host:port/database (default sqlite:leadrouter-leads.sqlite).",
            valueName: "url"
        )
    )
    var store: String?

    @Flag(
        name: .customLong("accept-unknown-territories"),
        help: "Record leads whose territory is not in the graph (unroutable, retried later) instead of answering 422."
    )
    var acceptUnknownTerritories = false

    @Option(name: .customLong("auth-key"), help: ArgumentHelp("PEM file with an RS256/ES256 verification key (repeatable).", valueName: "pem"))
    var authKeys: [String] = []

    @Option(help: ArgumentHelp("JWKS file with verification keys.", valueName: "file"))
    var jwks: String?

    @Option(help: ArgumentHelp("Required token issuer (default leadrouter).", valueName: "iss"))
    var issuer: String?

    @Option(help: ArgumentHelp("Required token audience (default leadrouter-api).", valueName: "aud"))
    var audience: String?

    @Option(help: ArgumentHelp("Longest accepted token lifetime in seconds (default 86400, 24 h).", valueName: "seconds"))
    var maxTokenLifetime: Int?

    @Flag(name: .customLong("insecure-no-auth"), help: "Switch authentication off (local demos only; logged as a warning).")
    var insecureNoAuth = false

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Requests per second per client, 0 = off (default 100).", valueName: "rps"))
    var rateLimit: Double?

    @Option(name: .customLong("rate-burst"), help: ArgumentHelp("Burst size per client (default 200).", valueName: "n"))
    var rateBurst: Int?

    @Option(name: .customLong("body-limit"), help: ArgumentHelp("Largest request body in bytes (default 65536).", valueName: "bytes"))
    var bodyLimit: Int?

    @Option(
        name: .customLong("analytics-concurrency"),
        help: ArgumentHelp("Distinct network analyses computed at once; more answer 503 (default 2).", valueName: "n")
    )
    var analyticsConcurrency: Int?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info).", valueName: "level")
    )
    var logLevel: String?

    @Option(
        help: ArgumentHelp(
            "Publish the outbox's events to this NATS server through JetStream (nats://host:port, nats://user:pass@host, tls://host).",
            valueName: "url"
        )
    )
    var nats: String?

    @Option(name: .customLong("nats-stream"), help: ArgumentHelp("JetStream stream for the events (default LEADROUTER).", valueName: "name"))
    var natsStream: String?

    @Option(
        name: .customLong("offer-sla"),
        help: ArgumentHelp(
            "Expire offers unaccepted for this long and re-route their leads: 30m, 2s, 1h30m; 0 = off (default 30m).",
            valueName: "duration"
        )
    )
    var offerSLA: String?

    @Option(
        name: .customLong("max-route-attempts"),
        help: ArgumentHelp("Retries of an unroutable lead before it waits as needs_attention (default 10).", valueName: "n")
    )
    var maxRouteAttempts: Int?

    @Flag(
        inversion: .prefixedNo,
        help: "Pausing an agent withdraws their unaccepted offers and re-routes those leads (default on)."
    )
    var rerouteOnPause: Bool? = nil

    @Option(
        name: .customLong("webhook"),
        help: ArgumentHelp("POST every outbox event, signed, to this http(s) URL (repeatable; needs --webhook-secret).", valueName: "url")
    )
    var webhooks: [String] = []

    @Option(
        name: .customLong("webhook-secret"),
        help: ArgumentHelp(
            "Secret of the webhooks' X-LeadRouter-Signature (HMAC-SHA256 of the body); prefer LEADROUTER_WEBHOOK_SECRET.",
            valueName: "secret"
        )
    )
    var webhookSecret: String?

    @Option(
        name: .customLong("webhook-max-attempts"),
        help: ArgumentHelp("Attempts at one event before a webhook parks it and moves on (default 10).", valueName: "n")
    )
    var webhookMaxAttempts: Int?

    @Option(
        name: .customLong("webhook-retry-delay"),
        help: ArgumentHelp("Delay before a webhook's first retry, doubling up to 5m (default 1s).", valueName: "duration")
    )
    var webhookRetryDelay: String?

    @Option(
        name: .customLong("rebalance-every"),
        help: ArgumentHelp("Plan and apply a rebalance this often: 15m, 1h; 0 = off (default 0).", valueName: "duration")
    )
    var rebalanceEvery: String?

    @Option(
        name: .customLong("rebalance-scope"),
        help: ArgumentHelp("Leads the periodic rebalance may move: stale (default) or open.", valueName: "scope")
    )
    var rebalanceScope: String?

    @Option(
        name: .customLong("graph-poll-interval"),
        help: ArgumentHelp("With --neo4j: how often to check Neo4j for graph changes: 5s, 500ms, 1m (default 5s).", valueName: "duration")
    )
    var graphPollInterval: String?

    @Option(
        name: .customLong("graph-stale-after"),
        help: ArgumentHelp(
            "With --neo4j: /ready reports the graph stale when not confirmed current for this long (default 5m).",
            valueName: "duration"
        )
    )
    var graphStaleAfter: String?

    @Option(help: ArgumentHelp("JSON configuration file (keys: the camelCase setting names).", valueName: "file"))
    var config: String?

    func run() async throws {
        var flags = ServiceConfiguration.Overrides()
        flags.host = self.host
        flags.port = self.port
        flags.dataset = self.graph.dataset
        flags.policy = self.graph.policy
        flags.store = self.store
        flags.acceptUnknownTerritories = self.acceptUnknownTerritories ? true : nil
        flags.authKeys = self.authKeys.isEmpty ? nil : self.authKeys
        flags.jwks = self.jwks
        flags.issuer = self.issuer
        flags.audience = self.audience
        flags.maxTokenLifetime = self.maxTokenLifetime
        flags.insecureNoAuth = self.insecureNoAuth ? true : nil
        flags.rateLimit = self.rateLimit
        flags.rateBurst = self.rateBurst
        flags.bodyLimit = self.bodyLimit
        flags.analyticsConcurrency = self.analyticsConcurrency
        flags.logLevel = self.logLevel
        flags.nats = self.nats
        flags.natsStream = self.natsStream
        flags.offerSLA = self.offerSLA
        flags.maxRouteAttempts = self.maxRouteAttempts
        flags.rerouteOnPause = self.rerouteOnPause
        flags.webhooks = self.webhooks.isEmpty ? nil : self.webhooks
        flags.webhookSecret = self.webhookSecret
        flags.webhookMaxAttempts = self.webhookMaxAttempts
        flags.webhookRetryDelay = self.webhookRetryDelay
        flags.rebalanceEvery = self.rebalanceEvery
        flags.rebalanceScope = self.rebalanceScope
        flags.config = self.config
        let neo4j = self.graph.neo4j
        flags.neo4j = neo4j.url
        // Neo4jOptions has defaults of its own: only a value other than the default overrides the environment.
        flags.neo4jDatabase = neo4j.database == ServiceConfiguration().neo4jDatabase ? nil : neo4j.database
        flags.neo4jApi = neo4j.api == ServiceConfiguration().neo4jApi ? nil : neo4j.api
        flags.neo4jUser = neo4j.user
        flags.neo4jPasswordFile = neo4j.passwordFile
        flags.neo4jTokenFile = neo4j.tokenFile
        flags.snapshotCache = neo4j.snapshotCache
        flags.graphPollInterval = self.graphPollInterval
        flags.graphStaleAfter = self.graphStaleAfter
        do {
            var configuration = try ServiceConfiguration.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
            // The graph: from Neo4j with --neo4j, else from the dataset directory (bundled by default).
            if configuration.neo4j == nil && configuration.dataset == nil { configuration.dataset = try DatasetLocation.resolve(nil) }
            // The embedded default: an SQLite file in the current directory.
            if configuration.store == nil { configuration.store = Self.defaultStore }
            try configuration.validate()
            try await runService(configuration, clock: LeadRouterCommand.clock)
        } catch let error as ServiceConfigurationError {
            throw CLIError(error.description)
        }
    }
}
