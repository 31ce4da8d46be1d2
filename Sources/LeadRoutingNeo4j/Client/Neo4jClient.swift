public import Logging
import Synchronization

/// A Neo4j HTTP client: runs named Cypher queries with parameters (always as parameters) over the Query API v2
/// or the transactional API, in implicit or explicit transactions, with bounded retry of transient failures for
/// reads and idempotent writes.
///
/// Log lines carry the query name, the API and timings; never parameter values or credentials.
public final class Neo4jClient: Sendable {
    /// Whether a statement may be retried after a transient failure.
    public enum AccessMode: Sendable {
        /// Reads: retried.
        case read
        /// Writes whose repetition leaves the same state (MERGE imports, lineage): retried.
        case idempotentWrite
        /// Other writes: never retried.
        case write

        var retriable: Bool { self != .write }
    }

    public let configuration: Neo4jConfiguration
    let transport: any Neo4jTransport
    let logger: Logger
    private let resolved = Mutex<Neo4jConfiguration.API?>(nil)

    public init(configuration: Neo4jConfiguration, transport: any Neo4jTransport, logger: Logger = Logger(label: "leadrouter.neo4j")) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        if configuration.api != .automatic { self.resolved.withLock { $0 = configuration.api } }
    }

    // MARK: Discovery

    /// The discovery document (`GET /`, unauthenticated).
    public func discover() async throws(Neo4jError) -> ServerInfo {
        let response = try await self.transport.send(
            Neo4jHTTPRequest(method: .get, url: self.configuration.url + "/", headers: [("Accept", "application/json")])
        )
        guard response.status == 200 else {
            throw Neo4jError(kind: .http, httpStatus: response.status, context: "discovery")
        }
        let json: JSONValue
        do { json = try JSONParser.parse(response.body) } catch { throw Neo4jError.protocolViolation("discovery: \(error)") }
        return ServerInfo(
            version: json["neo4j_version"]?.stringValue,
            edition: json["neo4j_edition"]?.stringValue,
            transactionURL: json["transaction"]?.stringValue,
            queryURL: json["query"]?.stringValue
        )
    }

    /// The API in use: the configured one, or the one discovery selects (cached after the first call).
    public func api() async throws(Neo4jError) -> Neo4jConfiguration.API {
        if let api = self.resolved.withLock({ $0 }) { return api }
        let info = try await self.discover()
        let api = info.preferredAPI
        self.resolved.withLock { $0 = api }
        self.logger.debug("neo4j api selected", metadata: ["api": "\(api.rawValue)", "version": "\(info.version ?? "?")"])
        return api
    }

    // MARK: Statements

    /// Runs one statement in its own (implicit) transaction.
    public func run(
        _ query: CypherQuery,
        _ parameters: [String: CypherValue] = [:],
        mode: AccessMode = .read
    ) async throws(Neo4jError) -> CypherResult {
        try await self.retrying(query.name, mode: mode) { () async throws(Neo4jError) -> CypherResult in
            let body = try Self.body(query, parameters)
            switch try await self.api() {
            case .queryV2, .automatic:
                let response = try await self.send(.post, self.dbURL("/query/v2"), body: body, context: query.name)
                return try QueryAPIDecoder.result(response, context: query.name)
            case .transactional:
                let response = try await self.send(.post, self.dbURL("/tx/commit"), body: Self.txBody([(query, body)]), context: query.name)
                return try TransactionalAPIDecoder.results(response, context: query.name).first ?? CypherResult()
            }
        }
    }

    /// Runs `body` in one explicit transaction: committed when it returns, rolled back when it throws. With a
    /// retriable `mode` the whole transaction is retried on transient failures, so `body` must be repeatable.
    public func withTransaction<T: Sendable>(
        mode: AccessMode,
        _ body: (Neo4jTransaction) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            let transaction = try await self.begin()
            do {
                let value = try await body(transaction)
                try await transaction.commit()
                return value
            } catch {
                await transaction.rollbackQuietly()
                guard mode.retriable, let neo = error as? Neo4jError, neo.isTransient, attempt < self.configuration.retry.maxAttempts else {
                    throw error
                }
                try? await Task.sleep(for: self.configuration.retry.backoff(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// Opens an explicit transaction (prefer ``withTransaction(mode:_:)``).
    public func begin() async throws(Neo4jError) -> Neo4jTransaction {
        switch try await self.api() {
        case .queryV2, .automatic:
            let response = try await self.send(.post, self.dbURL("/query/v2/tx"), body: JSONWriter.encode(.object([:])), context: "begin")
            let json = try QueryAPIDecoder.checked(response, context: "begin")
            guard let id = json["transaction"]?["id"]?.stringValue else { throw Neo4jError.protocolViolation("begin without a transaction id") }
            return Neo4jTransaction(
                client: self,
                api: .queryV2,
                url: self.dbURL("/query/v2/tx/" + id),
                affinity: response.header("neo4j-cluster-affinity")
            )
        case .transactional:
            let response = try await self.send(.post, self.dbURL("/tx"), body: Self.txBody([]), context: "begin")
            let json = try TransactionalAPIDecoder.checked(response, context: "begin")
            var url: String
            if let commit = json["commit"]?.stringValue, commit.hasSuffix("/commit") {
                url = String(commit.dropLast("/commit".count))
            } else if let location = response.header("Location") {
                url = location
            } else {
                throw Neo4jError.protocolViolation("begin without a transaction location")
            }
            // Keep our scheme and host (a proxy may rewrite them); the server's path identifies the transaction.
            if let path = Self.path(of: url) { url = self.configuration.url + path }
            return Neo4jTransaction(client: self, api: .transactional, url: url, affinity: nil)
        }
    }

    // MARK: Plumbing

    func dbURL(_ suffix: String) -> String {
        self.configuration.url + "/db/" + Self.percentEncode(self.configuration.database) + suffix
    }

    func send(
        _ method: Neo4jHTTPRequest.Method,
        _ url: String,
        body: [UInt8],
        context: String,
        affinity: String? = nil
    )
        async throws(Neo4jError) -> Neo4jHTTPResponse
    {
        var headers: [(String, String)] = [("Accept", "application/json"), ("Content-Type", "application/json")]
        if let auth = self.configuration.credentials.authorizationHeader { headers.append(("Authorization", auth)) }
        if let affinity { headers.append(("neo4j-cluster-affinity", affinity)) }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await self.transport.send(Neo4jHTTPRequest(method: method, url: url, headers: headers, body: body))
            self.logger.trace(
                "neo4j request",
                metadata: [
                    "query": "\(context)", "status": "\(response.status)",
                    "ms":
                        "\(start.duration(to: clock.now).components.attoseconds / 1_000_000_000_000_000 + start.duration(to: clock.now).components.seconds * 1000)",
                ]
            )
            return response
        } catch {
            var error = error
            error.context = context
            throw error
        }
    }

    func retrying<T>(_ name: String, mode: AccessMode, _ operation: () async throws(Neo4jError) -> T) async throws(Neo4jError) -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch {
                guard mode.retriable, error.isTransient, attempt < self.configuration.retry.maxAttempts else { throw error }
                self.logger.debug(
                    "neo4j transient failure, retrying",
                    metadata: ["query": "\(name)", "attempt": "\(attempt)", "error": "\(error.code ?? error.kind.description)"]
                )
                try? await Task.sleep(for: self.configuration.retry.backoff(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    static func body(_ query: CypherQuery, _ parameters: [String: CypherValue]) throws(Neo4jError) -> [UInt8] {
        JSONWriter.encode(
            .object(["statement": .string(query.text), "parameters": try parametersJSON(parameters, query), "includeCounters": .bool(true)])
        )
    }

    static func parametersJSON(_ parameters: [String: CypherValue], _ query: CypherQuery) throws(Neo4jError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, value) in parameters {
            do { members[key] = try value.parameterJSON() } catch {
                var error = error
                error.context = query.name + " parameter $" + key
                throw error
            }
        }
        return .object(members)
    }

    /// A transactional-API body from Query-API-shaped statement bodies.
    static func txBody(_ statements: [(CypherQuery, [UInt8])]) -> [UInt8] {
        var list: [JSONValue] = []
        for (_, body) in statements {
            guard let json = try? JSONParser.parse(body), let statement = json["statement"], let parameters = json["parameters"] else { continue }
            list.append(.object(["statement": statement, "parameters": parameters, "includeStats": .bool(true)]))
        }
        return JSONWriter.encode(.object(["statements": .array(list)]))
    }

    static func path(of url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return url.hasPrefix("/") ? url : nil }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return String(rest[slash...])
    }

    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return output
    }
}

/// What the discovery document says about the server.
public struct ServerInfo: Sendable, Hashable {
    public var version: String?
    public var edition: String?
    public var transactionURL: String?
    public var queryURL: String?

    /// The Query API when advertised by a server that supports its explicit transactions (5.26+, 2025.x+), else
    /// the transactional API.
    public var preferredAPI: Neo4jConfiguration.API {
        guard self.queryURL != nil else { return .transactional }
        guard let version else { return .queryV2 }
        let parts = version.split(separator: ".").compactMap { Int($0.prefix { $0.isNumber }) }
        guard let major = parts.first else { return .queryV2 }
        if major >= 2025 || major > 5 { return .queryV2 }
        if major == 5, parts.count > 1, parts[1] >= 26 { return .queryV2 }
        return .transactional
    }
}

/// An open explicit transaction. Not for concurrent use: statements run one after another.
public final class Neo4jTransaction: Sendable {
    let client: Neo4jClient
    let api: Neo4jConfiguration.API
    let url: String
    let affinity: String?
    private let open = Mutex(true)

    init(client: Neo4jClient, api: Neo4jConfiguration.API, url: String, affinity: String?) {
        self.client = client
        self.api = api
        self.url = url
        self.affinity = affinity
    }

    /// Runs one statement inside the transaction. A failing statement rolls the transaction back (server side).
    public func run(_ query: CypherQuery, _ parameters: [String: CypherValue] = [:]) async throws(Neo4jError) -> CypherResult {
        let body = try Neo4jClient.body(query, parameters)
        do {
            switch self.api {
            case .queryV2, .automatic:
                let response = try await self.client.send(.post, self.url, body: body, context: query.name, affinity: self.affinity)
                return try QueryAPIDecoder.result(response, context: query.name)
            case .transactional:
                let response = try await self.client.send(.post, self.url, body: Neo4jClient.txBody([(query, body)]), context: query.name)
                return try TransactionalAPIDecoder.results(response, context: query.name).first ?? CypherResult()
            }
        } catch {
            if error.kind == .server { self.open.withLock { $0 = false } }
            throw error
        }
    }

    /// Commits. After a failed statement the server has already rolled back; commit then fails.
    public func commit() async throws(Neo4jError) {
        guard self.open.withLock({ $0 }) else { throw Neo4jError(kind: .server, context: "commit", detail: "the transaction was rolled back") }
        self.open.withLock { $0 = false }
        switch self.api {
        case .queryV2, .automatic:
            let response = try await self.client.send(
                .post,
                self.url + "/commit",
                body: JSONWriter.encode(.object([:])),
                context: "commit",
                affinity: self.affinity
            )
            _ = try QueryAPIDecoder.checked(response, context: "commit")
        case .transactional:
            let response = try await self.client.send(.post, self.url + "/commit", body: Neo4jClient.txBody([]), context: "commit")
            _ = try TransactionalAPIDecoder.checked(response, context: "commit")
        }
    }

    /// Rolls back.
    public func rollback() async throws(Neo4jError) {
        guard self.open.withLock({ $0 }) else { return }
        self.open.withLock { $0 = false }
        let response = try await self.client.send(.delete, self.url, body: [], context: "rollback", affinity: self.affinity)
        if self.api == .transactional {
            _ = try TransactionalAPIDecoder.checked(response, context: "rollback")
        } else {
            _ = try QueryAPIDecoder.checked(response, context: "rollback")
        }
    }

    func rollbackQuietly() async {
        do { try await self.rollback() } catch {}
    }
}
