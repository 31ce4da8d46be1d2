import Foundation
import LeadRoutingCore
import LeadRoutingNATS

/// Everything `leadrouter serve` needs, with documented defaults. Built from flags, `LEADROUTER_*` environment
/// variables and an optional JSON file (in that order of precedence, see ``resolve(flags:environment:)``) and
/// checked by ``validate()`` before anything starts.
public struct ServiceConfiguration: Sendable, Equatable {
    /// Address to bind. Default `127.0.0.1` (loopback only).
    public var host: String
    /// Port to bind; 0 picks a free port. Default 8080.
    public var port: Int
    /// Dataset directory the graph projection is built from (required unless ``neo4j`` is set; the CLI fills in the
    /// bundled one). Reloaded on `SIGHUP` and `POST /api/v1/admin/graph:reload`.
    public var dataset: String?
    /// Lead store URL: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. Nil: lead endpoints answer 503
    /// "lead store not configured" (the CLI fills in an SQLite file, the embedded default).
    public var store: String?
    /// Routing policy JSON file; nil: the built-in policy.
    public var policy: String?
    /// Record a lead whose territory is not in the graph (unroutable, retried when a later graph has it) instead of
    /// answering 422 naming `territoryId`. Default false.
    public var acceptUnknownTerritories: Bool
    /// PEM files with RS256 (RSA) or ES256 (P-256) public keys (private keys are accepted; their public half is used).
    public var authKeys: [String]
    /// JWKS file with RSA / EC keys (`kid` selects the key).
    public var jwks: String?
    /// Required `iss` claim. Default `leadrouter`.
    public var issuer: String
    /// Required `aud` claim. Default `leadrouter-api`.
    public var audience: String
    /// Longest token lifetime accepted, in seconds: a token whose `exp` lies further ahead (of now, or of its `iat`)
    /// is refused, so a leaked long-lived token cannot be used for ever. Default 86,400 (24 h).
    public var maxTokenLifetime: Int
    /// Switches authentication off (logged as a warning at start). Default false.
    public var insecureNoAuth: Bool
    /// Sustained requests per second per client (token subject, else remote address); 0 switches limiting off. Default 100.
    public var rateLimit: Double
    /// Token-bucket size: requests a client may burst above the sustained rate. Default 200.
    public var rateBurst: Int
    /// Largest accepted request body in bytes (413 above, whether sent with a length or chunked); the one size
    /// limit of lead payloads too. Default 65,536.
    public var bodyLimit: Int
    /// Distinct network analyses computed at once; a request for another one answers 503 with `Retry-After`
    /// (cached results and requests joining a running computation are always answered). Default 2.
    public var analyticsConcurrency: Int
    /// Log level: trace, debug, info, notice, warning, error, critical. Default info.
    public var logLevel: String
    /// NATS server (`nats://host:port`, `nats://user:pass@host`, `tls://host`) to publish the outbox's events to,
    /// through JetStream; nil: no events leave the outbox this way. Needs a lead store.
    public var nats: String?
    /// How long an offer may stay unaccepted before the service expires it and re-routes the lead (excluding every
    /// agent whose offer ended): `30m`, `2s`, `1h30m`; `0` switches expiry off. Default `30m`.
    public var offerSLA: String
    /// Times the retry queue tries an unroutable lead (spaced 30 s doubling to 30 min) before it gives up and the
    /// lead waits as `needs_attention`. Default 10.
    public var maxRouteAttempts: Int
    /// Pausing an agent (`PUT /agents/{id}/availability` with `false`) withdraws their unaccepted offers and re-routes
    /// those leads without them. Default true.
    public var rerouteOnPause: Bool
    /// The JetStream stream the events go into (created when missing, capturing `leadrouter.>`). Default `LEADROUTER`.
    public var natsStream: String
    /// URLs (`http://…`, `https://…`) each outbox event is POSTed to as JSON, signed with ``webhookSecret``; each
    /// is its own outbox consumer with its own cursor. Default none. Needs a lead store and a secret.
    public var webhooks: [String]
    /// The shared secret of the webhooks' `X-LeadRouter-Signature` (HMAC-SHA256 of the body). Never logged.
    public var webhookSecret: String?
    /// Attempts at one event before a webhook's event is parked (listed by `GET /api/v1/admin/webhooks/failures`)
    /// and the webhook moves on to the next event. Default 10.
    public var webhookMaxAttempts: Int
    /// Delay before a webhook's first retry of an event, doubling with every further retry up to 5 minutes
    /// (`500ms`, `1s`, `30s`). Default `1s`: with 10 attempts an event is parked after about 8.5 minutes.
    public var webhookRetryDelay: String
    /// How often the periodic rebalance plans and applies (`15m`, `1h`); `0` switches it off. Needs a lead store.
    /// Default `0`.
    public var rebalanceEvery: String
    /// Which leads the periodic rebalance may move: `stale` or `open`. Default `stale`.
    public var rebalanceScope: String
    /// Neo4j HTTP URL (`http://…` or `https://…`): the graph comes from Neo4j instead of a dataset directory and is
    /// kept current by polling (``graphPollInterval``). Nil: the graph comes from ``dataset``.
    public var neo4j: String?
    /// Neo4j database. Default `neo4j`.
    public var neo4jDatabase: String
    /// Neo4j user (basic auth); nil: `NEO4J_USER`, else no basic auth. The password comes from
    /// ``neo4jPasswordFile`` or `NEO4J_PASSWORD`, never from a setting's value.
    public var neo4jUser: String?
    /// File holding the Neo4j password; nil: `NEO4J_PASSWORD`.
    public var neo4jPasswordFile: String?
    /// File holding a Neo4j bearer token (instead of user and password); nil: `NEO4J_TOKEN`.
    public var neo4jTokenFile: String?
    /// Neo4j HTTP API: `automatic` (from discovery), `query` (Query API v2) or `tx`. Default `automatic`.
    public var neo4jApi: String
    /// Directory of the local snapshot cache: written after every graph load from Neo4j, read at start when Neo4j
    /// is unreachable. Nil: no cache.
    public var snapshotCache: String?
    /// How often the service asks Neo4j for changes after the loaded graph's watermark (`5s`, `500ms`, `1m`).
    /// Default `5s`.
    public var graphPollInterval: String
    /// `/ready` reports the graph as stale when it was last confirmed current longer ago than this (`5m`, `1h`).
    /// Default `5m`.
    public var graphStaleAfter: String

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataset: String? = nil,
        store: String? = nil,
        policy: String? = nil,
        acceptUnknownTerritories: Bool = false,
        authKeys: [String] = [],
        jwks: String? = nil,
        issuer: String = "leadrouter",
        audience: String = "leadrouter-api",
        maxTokenLifetime: Int = 86_400,
        insecureNoAuth: Bool = false,
        rateLimit: Double = 100,
        rateBurst: Int = 200,
        bodyLimit: Int = 65_536,
        analyticsConcurrency: Int = ServiceConfiguration.defaultAnalyticsConcurrency,
        logLevel: String = "info",
        nats: String? = nil,
        natsStream: String = "LEADROUTER",
        offerSLA: String = "30m",
        maxRouteAttempts: Int = 10,
        rerouteOnPause: Bool = true,
        webhooks: [String] = [],
        webhookSecret: String? = nil,
        webhookMaxAttempts: Int = 10,
        webhookRetryDelay: String = "1s",
        rebalanceEvery: String = "0",
        rebalanceScope: String = "stale",
        neo4j: String? = nil,
        neo4jDatabase: String = "neo4j",
        neo4jUser: String? = nil,
        neo4jPasswordFile: String? = nil,
        neo4jTokenFile: String? = nil,
        neo4jApi: String = "automatic",
        snapshotCache: String? = nil,
        graphPollInterval: String = "5s",
        graphStaleAfter: String = "5m"
    ) {
        self.host = host
        self.port = port
        self.dataset = dataset
        self.store = store
        self.policy = policy
        self.acceptUnknownTerritories = acceptUnknownTerritories
        self.authKeys = authKeys
        self.jwks = jwks
        self.issuer = issuer
        self.audience = audience
        self.maxTokenLifetime = maxTokenLifetime
        self.insecureNoAuth = insecureNoAuth
        self.rateLimit = rateLimit
        self.rateBurst = rateBurst
        self.bodyLimit = bodyLimit
        self.analyticsConcurrency = analyticsConcurrency
        self.logLevel = logLevel
        self.nats = nats
        self.natsStream = natsStream
        self.offerSLA = offerSLA
        self.maxRouteAttempts = maxRouteAttempts
        self.rerouteOnPause = rerouteOnPause
        self.webhooks = webhooks
        self.webhookSecret = webhookSecret
        self.webhookMaxAttempts = webhookMaxAttempts
        self.webhookRetryDelay = webhookRetryDelay
        self.rebalanceEvery = rebalanceEvery
        self.rebalanceScope = rebalanceScope
        self.neo4j = neo4j
        self.neo4jDatabase = neo4jDatabase
        self.neo4jUser = neo4jUser
        self.neo4jPasswordFile = neo4jPasswordFile
        self.neo4jTokenFile = neo4jTokenFile
        self.neo4jApi = neo4jApi
        self.snapshotCache = snapshotCache
        self.graphPollInterval = graphPollInterval
        self.graphStaleAfter = graphStaleAfter
    }

    /// The default of ``analyticsConcurrency``.
    public static let defaultAnalyticsConcurrency = 2

    /// ``offerSLA`` in milliseconds (0: off); nil when it does not parse (``validate()`` says so).
    public var offerSLAMillis: Int64? { DurationText(self.offerSLA)?.milliseconds }

    /// ``rebalanceEvery`` in milliseconds (0: off); nil when it does not parse.
    public var rebalanceEveryMillis: Int64? { DurationText(self.rebalanceEvery)?.milliseconds }

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Checks every setting; the error names the setting (flag name) and what is wrong.
    public func validate() throws(ServiceConfigurationError) {
        if self.host.isEmpty { throw ServiceConfigurationError(setting: "host", message: "must not be empty") }
        if !(0...65_535).contains(self.port) { throw ServiceConfigurationError(setting: "port", message: "must be 0–65535, got \(self.port)") }
        try self.validateGraphSource()
        if let store = self.store {
            do {
                _ = try LeadStoreURL(parsing: store)
            } catch {
                throw ServiceConfigurationError(setting: "store", message: error.message)
            }
        }
        if let policy = self.policy, !FileManager.default.isReadableFile(atPath: policy) {
            throw ServiceConfigurationError(setting: "policy", message: "cannot read \(policy)")
        }
        for key in self.authKeys where !FileManager.default.isReadableFile(atPath: key) {
            throw ServiceConfigurationError(setting: "auth-key", message: "cannot read \(key)")
        }
        if let jwks = self.jwks, !FileManager.default.isReadableFile(atPath: jwks) {
            throw ServiceConfigurationError(setting: "jwks", message: "cannot read \(jwks)")
        }
        if !self.insecureNoAuth && self.authKeys.isEmpty && self.jwks == nil {
            throw ServiceConfigurationError(
                setting: "auth-key",
                message: "authentication needs --auth-key PEM or --jwks FILE (or --insecure-no-auth for local demos)"
            )
        }
        if self.issuer.isEmpty { throw ServiceConfigurationError(setting: "issuer", message: "must not be empty") }
        if self.audience.isEmpty { throw ServiceConfigurationError(setting: "audience", message: "must not be empty") }
        if self.maxTokenLifetime < 1 {
            throw ServiceConfigurationError(setting: "max-token-lifetime", message: "must be at least 1 second")
        }
        if !(self.rateLimit.isFinite && self.rateLimit >= 0) {
            throw ServiceConfigurationError(setting: "rate-limit", message: "must be a number ≥ 0 (0 switches limiting off)")
        }
        if self.rateBurst < 1 { throw ServiceConfigurationError(setting: "rate-burst", message: "must be ≥ 1") }
        if !(1...(16 << 20)).contains(self.bodyLimit) {
            throw ServiceConfigurationError(setting: "body-limit", message: "must be 1–16777216 bytes")
        }
        if !(1...64).contains(self.analyticsConcurrency) {
            throw ServiceConfigurationError(setting: "analytics-concurrency", message: "must be 1–64")
        }
        if let nats = self.nats {
            do {
                _ = try NATSServerAddress(url: nats)
            } catch {
                throw ServiceConfigurationError(setting: "nats", message: error.message)
            }
            if self.store == nil {
                throw ServiceConfigurationError(setting: "nats", message: "events come from the lead store's outbox: give --store")
            }
        }
        do {
            try JetStreamStreamConfiguration(name: self.natsStream).validate()
        } catch {
            throw ServiceConfigurationError(setting: "nats-stream", message: error.message)
        }
        if DurationText(self.offerSLA) == nil {
            throw ServiceConfigurationError(
                setting: "offer-sla",
                message: "\(self.offerSLA.debugDescription) is not a duration (e.g. 30m, 2s, 1h30m; 0 = off)"
            )
        }
        if !(1...1000).contains(self.maxRouteAttempts) {
            throw ServiceConfigurationError(setting: "max-route-attempts", message: "must be 1–1000")
        }
        try self.validateWebhooks()
        if DurationText(self.rebalanceEvery) == nil {
            throw ServiceConfigurationError(
                setting: "rebalance-every",
                message: "\(self.rebalanceEvery.debugDescription) is not a duration (e.g. 15m, 1h; 0 = off)"
            )
        }
        if RebalanceScope(rawValue: self.rebalanceScope) == nil {
            throw ServiceConfigurationError(setting: "rebalance-scope", message: "must be stale or open")
        }
        if (self.rebalanceEveryMillis ?? 0) > 0 && self.store == nil {
            throw ServiceConfigurationError(setting: "rebalance-every", message: "the rebalance moves the lead store's leads: give --store")
        }
        if !Self.logLevels.contains(self.logLevel) {
            throw ServiceConfigurationError(setting: "log-level", message: "must be one of \(Self.logLevels.joined(separator: ", "))")
        }
    }

    /// The webhook settings; messages never contain the secret.
    private func validateWebhooks() throws(ServiceConfigurationError) {
        for webhook in self.webhooks {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), !(url.host ?? "").isEmpty else {
                throw ServiceConfigurationError(setting: "webhook", message: "\(webhook.debugDescription) is not an http:// or https:// URL")
            }
            // The URL shows in logs, metrics and the parked events; receivers authenticate LeadRouter by the signature.
            if url.user != nil || url.password != nil {
                throw ServiceConfigurationError(setting: "webhook", message: "a webhook URL must not carry credentials (user:password@)")
            }
        }
        if Set(self.webhooks).count != self.webhooks.count {
            throw ServiceConfigurationError(setting: "webhook", message: "the same URL is given twice")
        }
        if !self.webhooks.isEmpty {
            if (self.webhookSecret ?? "").isEmpty {
                throw ServiceConfigurationError(
                    setting: "webhook-secret",
                    message: "webhooks are signed: give --webhook-secret or LEADROUTER_WEBHOOK_SECRET"
                )
            }
            if self.store == nil {
                throw ServiceConfigurationError(setting: "webhook", message: "events come from the lead store's outbox: give --store")
            }
        }
        if !(1...100).contains(self.webhookMaxAttempts) {
            throw ServiceConfigurationError(setting: "webhook-max-attempts", message: "must be 1–100")
        }
        guard let delay = DurationText(self.webhookRetryDelay), (1...3_600_000).contains(delay.milliseconds) else {
            throw ServiceConfigurationError(
                setting: "webhook-retry-delay",
                message: "\(self.webhookRetryDelay.debugDescription) is not a duration from 1ms to 1h (e.g. 500ms, 1s, 30s)"
            )
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// A configuration setting that is missing or invalid; `setting` is the flag name (without dashes).
public struct ServiceConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let setting: String
    public let message: String

    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "configuration: \(self.setting): \(self.message)" }
}
