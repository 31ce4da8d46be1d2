import Foundation

extension ServiceConfiguration {
    /// Settings from one source; nil means "not set here". Also the shape of the JSON configuration file, whose
    /// keys are these property names (unknown keys are rejected so a misspelt setting is not silently ignored).
    public struct Overrides: Sendable, Equatable, Decodable {
        public var host: String?
        public var port: Int?
        public var dataset: String?
        public var store: String?
        public var policy: String?
        public var acceptUnknownTerritories: Bool?
        public var authKeys: [String]?
        public var jwks: String?
        public var issuer: String?
        public var audience: String?
        public var maxTokenLifetime: Int?
        public var insecureNoAuth: Bool?
        public var rateLimit: Double?
        public var rateBurst: Int?
        public var bodyLimit: Int?
        public var analyticsConcurrency: Int?
        public var logLevel: String?
        public var nats: String?
        public var natsStream: String?
        public var offerSLA: String?
        public var maxRouteAttempts: Int?
        public var rerouteOnPause: Bool?
        public var webhooks: [String]?
        public var webhookSecret: String?
        public var webhookMaxAttempts: Int?
        public var webhookRetryDelay: String?
        public var rebalanceEvery: String?
        public var rebalanceScope: String?
        public var neo4j: String?
        public var neo4jDatabase: String?
        public var neo4jUser: String?
        public var neo4jPasswordFile: String?
        public var neo4jTokenFile: String?
        public var neo4jApi: String?
        public var snapshotCache: String?
        public var graphPollInterval: String?
        public var graphStaleAfter: String?
        /// JSON configuration file to read (flags and environment only).
        public var config: String?

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case host, port, dataset, store, policy, acceptUnknownTerritories, authKeys, jwks, issuer, audience, maxTokenLifetime, insecureNoAuth,
                rateLimit
            case rateBurst, bodyLimit, analyticsConcurrency, logLevel, nats, natsStream, offerSLA, maxRouteAttempts, rerouteOnPause
            case webhooks, webhookSecret, webhookMaxAttempts, webhookRetryDelay
            case rebalanceEvery, rebalanceScope
            case neo4j, neo4jDatabase, neo4jUser, neo4jPasswordFile, neo4jTokenFile, neo4jApi, snapshotCache, graphPollInterval, graphStaleAfter
        }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: any Decoder) throws {
            let any = try decoder.container(keyedBy: AnyKey.self)
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            if let unknown = any.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
                throw ServiceConfigurationError(setting: unknown, message: "unknown setting in the configuration file")
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.host = try c.decodeIfPresent(String.self, forKey: .host)
            self.port = try c.decodeIfPresent(Int.self, forKey: .port)
            self.dataset = try c.decodeIfPresent(String.self, forKey: .dataset)
            self.store = try c.decodeIfPresent(String.self, forKey: .store)
            self.policy = try c.decodeIfPresent(String.self, forKey: .policy)
            self.acceptUnknownTerritories = try c.decodeIfPresent(Bool.self, forKey: .acceptUnknownTerritories)
            self.authKeys = try c.decodeIfPresent([String].self, forKey: .authKeys)
            self.jwks = try c.decodeIfPresent(String.self, forKey: .jwks)
            self.issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
            self.audience = try c.decodeIfPresent(String.self, forKey: .audience)
            self.maxTokenLifetime = try c.decodeIfPresent(Int.self, forKey: .maxTokenLifetime)
            self.insecureNoAuth = try c.decodeIfPresent(Bool.self, forKey: .insecureNoAuth)
            self.rateLimit = try c.decodeIfPresent(Double.self, forKey: .rateLimit)
            self.rateBurst = try c.decodeIfPresent(Int.self, forKey: .rateBurst)
            self.bodyLimit = try c.decodeIfPresent(Int.self, forKey: .bodyLimit)
            self.analyticsConcurrency = try c.decodeIfPresent(Int.self, forKey: .analyticsConcurrency)
            self.logLevel = try c.decodeIfPresent(String.self, forKey: .logLevel)
            self.nats = try c.decodeIfPresent(String.self, forKey: .nats)
            self.natsStream = try c.decodeIfPresent(String.self, forKey: .natsStream)
            self.offerSLA = try c.decodeIfPresent(String.self, forKey: .offerSLA)
            self.maxRouteAttempts = try c.decodeIfPresent(Int.self, forKey: .maxRouteAttempts)
            self.rerouteOnPause = try c.decodeIfPresent(Bool.self, forKey: .rerouteOnPause)
            self.webhooks = try c.decodeIfPresent([String].self, forKey: .webhooks)
            self.webhookSecret = try c.decodeIfPresent(String.self, forKey: .webhookSecret)
            self.webhookMaxAttempts = try c.decodeIfPresent(Int.self, forKey: .webhookMaxAttempts)
            self.webhookRetryDelay = try c.decodeIfPresent(String.self, forKey: .webhookRetryDelay)
            self.rebalanceEvery = try c.decodeIfPresent(String.self, forKey: .rebalanceEvery)
            self.rebalanceScope = try c.decodeIfPresent(String.self, forKey: .rebalanceScope)
            self.neo4j = try c.decodeIfPresent(String.self, forKey: .neo4j)
            self.neo4jDatabase = try c.decodeIfPresent(String.self, forKey: .neo4jDatabase)
            self.neo4jUser = try c.decodeIfPresent(String.self, forKey: .neo4jUser)
            self.neo4jPasswordFile = try c.decodeIfPresent(String.self, forKey: .neo4jPasswordFile)
            self.neo4jTokenFile = try c.decodeIfPresent(String.self, forKey: .neo4jTokenFile)
            self.neo4jApi = try c.decodeIfPresent(String.self, forKey: .neo4jApi)
            self.snapshotCache = try c.decodeIfPresent(String.self, forKey: .snapshotCache)
            self.graphPollInterval = try c.decodeIfPresent(String.self, forKey: .graphPollInterval)
            self.graphStaleAfter = try c.decodeIfPresent(String.self, forKey: .graphStaleAfter)
        }

        /// Environment variable per setting.
        public static let environmentNames: [String: String] = [
            "host": "LEADROUTER_HOST", "port": "LEADROUTER_PORT", "dataset": "LEADROUTER_DATASET",
            "store": "LEADROUTER_STORE", "policy": "LEADROUTER_POLICY", "auth-key": "LEADROUTER_AUTH_KEYS",
            "accept-unknown-territories": "LEADROUTER_ACCEPT_UNKNOWN_TERRITORIES",
            "jwks": "LEADROUTER_JWKS", "issuer": "LEADROUTER_ISSUER", "audience": "LEADROUTER_AUDIENCE",
            "max-token-lifetime": "LEADROUTER_MAX_TOKEN_LIFETIME",
            "insecure-no-auth": "LEADROUTER_INSECURE_NO_AUTH", "rate-limit": "LEADROUTER_RATE_LIMIT",
            "rate-burst": "LEADROUTER_RATE_BURST", "body-limit": "LEADROUTER_BODY_LIMIT",
            "analytics-concurrency": "LEADROUTER_ANALYTICS_CONCURRENCY",
            "log-level": "LEADROUTER_LOG_LEVEL", "config": "LEADROUTER_CONFIG",
            "nats": "LEADROUTER_NATS", "nats-stream": "LEADROUTER_NATS_STREAM", "offer-sla": "LEADROUTER_OFFER_SLA",
            "max-route-attempts": "LEADROUTER_MAX_ROUTE_ATTEMPTS", "reroute-on-pause": "LEADROUTER_REROUTE_ON_PAUSE",
            "webhook": "LEADROUTER_WEBHOOKS", "webhook-secret": "LEADROUTER_WEBHOOK_SECRET",
            "webhook-max-attempts": "LEADROUTER_WEBHOOK_MAX_ATTEMPTS", "webhook-retry-delay": "LEADROUTER_WEBHOOK_RETRY_DELAY",
            "rebalance-every": "LEADROUTER_REBALANCE_EVERY", "rebalance-scope": "LEADROUTER_REBALANCE_SCOPE",
            "neo4j": "LEADROUTER_NEO4J", "neo4j-database": "LEADROUTER_NEO4J_DATABASE", "neo4j-user": "LEADROUTER_NEO4J_USER",
            "neo4j-password-file": "LEADROUTER_NEO4J_PASSWORD_FILE", "neo4j-token-file": "LEADROUTER_NEO4J_TOKEN_FILE",
            "neo4j-api": "LEADROUTER_NEO4J_API", "snapshot-cache": "LEADROUTER_SNAPSHOT_CACHE",
            "graph-poll-interval": "LEADROUTER_GRAPH_POLL_INTERVAL", "graph-stale-after": "LEADROUTER_GRAPH_STALE_AFTER",
        ]

        /// Settings from `LEADROUTER_*` variables (`LEADROUTER_AUTH_KEYS` and `LEADROUTER_WEBHOOKS` are comma-separated; booleans are
        /// true/false/1/0/yes/no). Empty variables count as unset.
        public static func environment(_ variables: [String: String]) throws(ServiceConfigurationError) -> Overrides {
            func value(_ setting: String) -> String? {
                guard let name = Self.environmentNames[setting], let value = variables[name], !value.isEmpty else { return nil }
                return value
            }
            func number<T: LosslessStringConvertible>(_ setting: String, as: T.Type) throws(ServiceConfigurationError) -> T? {
                guard let text = value(setting) else { return nil }
                guard let number = T(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ServiceConfigurationError(setting: setting, message: "\(Self.environmentNames[setting]!) is not a number: \(text)")
                }
                return number
            }
            var overrides = Overrides()
            overrides.host = value("host")
            overrides.port = try number("port", as: Int.self)
            overrides.dataset = value("dataset")
            overrides.store = value("store")
            overrides.policy = value("policy")
            overrides.authKeys = value("auth-key").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            overrides.jwks = value("jwks")
            overrides.issuer = value("issuer")
            overrides.audience = value("audience")
            overrides.maxTokenLifetime = try number("max-token-lifetime", as: Int.self)
            func boolean(_ setting: String) throws(ServiceConfigurationError) -> Bool? {
                guard let text = value(setting) else { return nil }
                switch text.lowercased() {
                case "1", "true", "yes": return true
                case "0", "false", "no": return false
                default: throw ServiceConfigurationError(setting: setting, message: "\(Self.environmentNames[setting]!) must be true or false")
                }
            }
            overrides.insecureNoAuth = try boolean("insecure-no-auth")
            overrides.acceptUnknownTerritories = try boolean("accept-unknown-territories")
            overrides.rerouteOnPause = try boolean("reroute-on-pause")
            overrides.rateLimit = try number("rate-limit", as: Double.self)
            overrides.rateBurst = try number("rate-burst", as: Int.self)
            overrides.bodyLimit = try number("body-limit", as: Int.self)
            overrides.analyticsConcurrency = try number("analytics-concurrency", as: Int.self)
            overrides.logLevel = value("log-level")
            overrides.nats = value("nats")
            overrides.natsStream = value("nats-stream")
            overrides.offerSLA = value("offer-sla")
            overrides.maxRouteAttempts = try number("max-route-attempts", as: Int.self)
            overrides.webhooks = value("webhook").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            overrides.webhookSecret = value("webhook-secret")
            overrides.webhookMaxAttempts = try number("webhook-max-attempts", as: Int.self)
            overrides.webhookRetryDelay = value("webhook-retry-delay")
            overrides.rebalanceEvery = value("rebalance-every")
            overrides.rebalanceScope = value("rebalance-scope")
            overrides.neo4j = value("neo4j")
            overrides.neo4jDatabase = value("neo4j-database")
            overrides.neo4jUser = value("neo4j-user")
            overrides.neo4jPasswordFile = value("neo4j-password-file")
            overrides.neo4jTokenFile = value("neo4j-token-file")
            overrides.neo4jApi = value("neo4j-api")
            overrides.snapshotCache = value("snapshot-cache")
            overrides.graphPollInterval = value("graph-poll-interval")
            overrides.graphStaleAfter = value("graph-stale-after")
            overrides.config = value("config")
            return overrides
        }

        /// Settings from a JSON configuration file.
        public static func file(_ path: String) throws(ServiceConfigurationError) -> Overrides {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServiceConfigurationError(setting: "config", message: "cannot read \(path)")
            }
            do {
                return try JSONDecoder().decode(Overrides.self, from: data)
            } catch let error as ServiceConfigurationError {
                throw ServiceConfigurationError(setting: "config", message: "\(path): \(error.setting): \(error.message)")
            } catch let DecodingError.typeMismatch(_, context) {
                let key = context.codingPath.first?.stringValue ?? ""
                throw ServiceConfigurationError(setting: "config", message: "\(path): \(key): wrong type")
            } catch {
                throw ServiceConfigurationError(setting: "config", message: "\(path): not a JSON object of settings")
            }
        }

        /// Applies the settings that are set onto `configuration`.
        public func apply(to configuration: inout ServiceConfiguration) {
            if let host { configuration.host = host }
            if let port { configuration.port = port }
            if let dataset { configuration.dataset = dataset }
            if let store { configuration.store = store }
            if let policy { configuration.policy = policy }
            if let acceptUnknownTerritories { configuration.acceptUnknownTerritories = acceptUnknownTerritories }
            if let authKeys { configuration.authKeys = authKeys }
            if let jwks { configuration.jwks = jwks }
            if let issuer { configuration.issuer = issuer }
            if let audience { configuration.audience = audience }
            if let maxTokenLifetime { configuration.maxTokenLifetime = maxTokenLifetime }
            if let insecureNoAuth { configuration.insecureNoAuth = insecureNoAuth }
            if let rateLimit { configuration.rateLimit = rateLimit }
            if let rateBurst { configuration.rateBurst = rateBurst }
            if let bodyLimit { configuration.bodyLimit = bodyLimit }
            if let analyticsConcurrency { configuration.analyticsConcurrency = analyticsConcurrency }
            if let logLevel { configuration.logLevel = logLevel }
            if let nats { configuration.nats = nats }
            if let natsStream { configuration.natsStream = natsStream }
            if let offerSLA { configuration.offerSLA = offerSLA }
            if let maxRouteAttempts { configuration.maxRouteAttempts = maxRouteAttempts }
            if let rerouteOnPause { configuration.rerouteOnPause = rerouteOnPause }
            if let webhooks { configuration.webhooks = webhooks }
            if let webhookSecret { configuration.webhookSecret = webhookSecret }
            if let webhookMaxAttempts { configuration.webhookMaxAttempts = webhookMaxAttempts }
            if let webhookRetryDelay { configuration.webhookRetryDelay = webhookRetryDelay }
            if let rebalanceEvery { configuration.rebalanceEvery = rebalanceEvery }
            if let rebalanceScope { configuration.rebalanceScope = rebalanceScope }
            if let neo4j { configuration.neo4j = neo4j }
            if let neo4jDatabase { configuration.neo4jDatabase = neo4jDatabase }
            if let neo4jUser { configuration.neo4jUser = neo4jUser }
            if let neo4jPasswordFile { configuration.neo4jPasswordFile = neo4jPasswordFile }
            if let neo4jTokenFile { configuration.neo4jTokenFile = neo4jTokenFile }
            if let neo4jApi { configuration.neo4jApi = neo4jApi }
            if let snapshotCache { configuration.snapshotCache = snapshotCache }
            if let graphPollInterval { configuration.graphPollInterval = graphPollInterval }
            if let graphStaleAfter { configuration.graphStaleAfter = graphStaleAfter }
        }
    }

    /// Merges defaults ← configuration file ← environment ← flags. The file is `flags.config`, else `LEADROUTER_CONFIG`.
    /// Does not validate: call ``validate()`` after filling in anything the caller resolves itself (the bundled dataset).
    public static func resolve(flags: Overrides, environment: [String: String]) throws(ServiceConfigurationError) -> ServiceConfiguration {
        let fromEnvironment = try Overrides.environment(environment)
        var configuration = ServiceConfiguration()
        if let path = flags.config ?? fromEnvironment.config {
            try Overrides.file(path).apply(to: &configuration)
        }
        fromEnvironment.apply(to: &configuration)
        flags.apply(to: &configuration)
        return configuration
    }
}
