import Foundation
import HTTPTypes
import Hummingbird
import LeadRoutingAnalysis
import LeadRoutingCore
import Logging
import NIOCore

/// The handlers of the HTTP API, registered from ``APIRoute/all`` with per-route scope checks and rate limiting.
struct ServiceAPI: Sendable {
    let engine: RoutingEngine
    let metrics: ServiceMetrics
    /// Nil when authentication is off (`--insecure-no-auth`).
    let verifier: AccessTokenVerifier?
    /// Nil when rate limiting is off.
    let limiter: RateLimiter?
    /// The committed OpenAPI document, served as is.
    let openAPIDocument: [UInt8]
    /// Nil until a lead store is configured: lead endpoints then answer 503 "lead store not configured".
    let leads: (any LeadService)?
    /// The network analyses of `GET /analytics/{algorithm}`, cached per graph version and parameters.
    let analytics: NetworkAnalytics
    /// The graph in use and its reloads (`POST /admin/graph:reload`, `/ready`).
    let graph: LiveGraph
    /// The parked webhook events; nil without a lead store (the admin routes then answer 503).
    var webhookFailures: WebhookFailures? = nil
    /// Rebalance plans over the lead store; nil without one (503 like the lead endpoints).
    var rebalance: RebalanceHandlers? = nil

    typealias Context = ServiceRequestContext
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    func register(on router: Hummingbird.Router<Context>) {
        for route in APIRoute.all {
            let handler = self.handler(for: route.operation)
            let api = self
            router.on(RouterPath(stringLiteral: route.path), method: HTTPRequest.Method(route.method)!) { request, context in
                var context = context
                try await api.admit(request, context: &context, route: route)
                return try await handler(request, context)
            }
        }
    }

    /// Authenticates (when the route needs a scope and auth is on) and checks the scope, then takes a rate-limit
    /// token for every route but the probes. A refused caller pays a token too, so guessing tokens is throttled.
    func admit(_ request: Request, context: inout Context, route: APIRoute) async throws {
        if let scope = route.scope, let verifier = self.verifier {
            do {
                let identity = try await Self.authenticate(request, verifier: verifier, scope: scope)
                context.identity = identity
                context.requestLog.setSubject(identity.subject)
            } catch {
                try self.throttle(context)
                throw error
            }
        }
        if !route.isProbe { try self.throttle(context) }
    }

    private static func authenticate(_ request: Request, verifier: AccessTokenVerifier, scope: Scope) async throws -> CallerIdentity {
        guard let authorization = request.headers[.authorization] else {
            throw ServiceError.unauthorized("missing bearer token")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw ServiceError.unauthorized("expected a bearer token") }
        let identity = try await verifier.verify(String(parts[1]))
        guard identity.scopes.contains(scope) else { throw ServiceError.forbidden("token lacks scope \(scope.rawValue)") }
        return identity
    }

    /// Takes one rate-limit token for the caller (429 with Retry-After when none is left).
    private func throttle(_ context: Context) throws {
        if let limiter = self.limiter, let retryAfter = limiter.acquire(context.clientKey) {
            throw ServiceError.tooManyRequests(retryAfter: retryAfter)
        }
    }

    func handler(for operation: APIRoute.Operation) -> Handler {
        switch operation {
        case .health: return { _, _ in try Self.json(["status": "ok"]) }
        case .ready: return { _, _ in try await self.ready() }
        case .metrics, .rootMetrics:
            return { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: self.metrics.render())))
            }
        case .openapi:
            return { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "application/yaml"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: self.openAPIDocument)))
            }
        case .previewLead: return { request, context in try await self.preview(request, context: context) }
        case .listAgents: return { request, context in try self.listAgents(request, context: context) }
        case .getAgent: return { request, context in try self.getAgent(request, context: context) }
        case .getTerritoryCoverage: return { request, context in try self.coverage(request, context: context) }
        case .getAnalytics: return { request, context in try await self.getAnalytics(request, context: context) }
        case .createLead: return { request, context in try await self.requireLeads().create(request, context: context) }
        case .getLead: return { request, context in try await self.requireLeads().get(request, context: context) }
        case .listLeads: return { request, context in try await self.requireLeads().list(request, context: context) }
        case .requeueLead: return { request, context in try await self.requireLeads().requeue(request, context: context) }
        case .acceptLead: return { request, context in try await self.requireLeads().transition(.accept, request, context: context) }
        case .declineLead: return { request, context in try await self.requireLeads().transition(.decline, request, context: context) }
        case .closeLead: return { request, context in try await self.requireLeads().transition(.close, request, context: context) }
        case .reopenLead: return { request, context in try await self.requireLeads().transition(.reopen, request, context: context) }
        case .correctLead: return { request, context in try await self.requireLeads().transition(.correct, request, context: context) }
        case .reloadGraph: return { _, context in try await self.reloadGraph(context: context) }
        case .setAgentAvailability:
            return { request, context in try await self.requireLeads().setAvailability(request, context: context) }
        case .listWebhookFailures: return { request, context in try await self.listWebhookFailures(request, context: context) }
        case .retryWebhookFailure: return { request, context in try await self.retryWebhookFailure(request, context: context) }
        case .createRebalancePlan: return { request, context in try await self.requireRebalance().create(request, context: context) }
        case .applyRebalancePlan: return { request, context in try await self.requireRebalance().apply(request, context: context) }
        case .getRebalancePlan: return { request, context in try await self.requireRebalance().get(request, context: context) }
        }
    }

    private func requireRebalance() throws -> RebalanceHandlers {
        guard let rebalance = self.rebalance else { throw ServiceError.storeNotConfigured }
        return rebalance
    }

    private func requireLeads() throws -> any LeadService {
        guard let leads = self.leads else { throw ServiceError.storeNotConfigured }
        return leads
    }

    // MARK: Leads (store-independent)

    func preview(_ request: Request, context: Context) async throws -> Response {
        let lead = try await Self.decodeLead(request, context: context)
        let start = ContinuousClock.now
        let decision = self.engine.decide(lead)
        let duration = start.duration(to: .now)
        self.metrics.decision(decision, mode: "preview", duration: duration)
        context.logger.info(
            "lead previewed",
            metadata: [
                "lead_id": .string(lead.id), "decision_status": .string(decision.status.rawValue),
                "agent_id": .string(decision.agentId ?? "-"), "decision_ms": .string(EdgeMiddleware.milliseconds(duration)),
            ]
        )
        return try Self.json(decision)
    }

    /// Reads and validates a Lead JSON body: 415 unless JSON, 413 above the body limit, 400 when not parseable,
    /// 422 naming the field.
    static func decodeLead(_ request: Request, context: Context) async throws -> Lead {
        try Self.requireJSON(request)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return try Lead.decode(json: Array(buffer: body))
    }

    static func requireJSON(_ request: Request) throws {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else { throw ServiceError.unsupportedMediaType("application/json") }
    }

    // MARK: Agents and territories

    /// A page of agents in id order. Filters: active, available, hasCapacity (booleans), state, language, kind,
    /// territory (covers it); `limit` 1–500 (default 50); `cursor` from the previous page's `nextCursor`.
    func listAgents(_ request: Request, context: Context) throws -> Response {
        let query = request.uri.queryParameters
        let current = self.engine.current
        let projection = current.graph.router.projection
        let load = current.loads.snapshot
        let limit = try Self.integer(query["limit"].map(String.init), name: "limit", range: 1...500) ?? 50
        let active = try Self.boolean(query["active"].map(String.init), name: "active")
        let available = try Self.boolean(query["available"].map(String.init), name: "available")
        let hasCapacity = try Self.boolean(query["hasCapacity"].map(String.init), name: "hasCapacity")
        let state = query["state"].map { $0.uppercased() }
        let language = query["language"].map { $0.lowercased() }
        var kind: LeadKind? = nil
        if let text = query["kind"] {
            guard let parsed = LeadKind(rawValue: String(text)) else { throw ServiceError.badParameter("kind", "must be buy, sell or rent") }
            kind = parsed
        }
        var territory: Int32? = nil
        if let text = query["territory"] {
            guard let index = projection.territory(String(text)) else { throw ServiceError.badParameter("territory", "unknown territory") }
            territory = index
        }
        var after: String? = nil
        if let cursor = query["cursor"] {
            guard let decoded = PageCursor.decode(String(cursor), kind: "a") else {
                throw ServiceError.badParameter("cursor", "not a cursor from this API")
            }
            after = decoded
        }
        let order = current.graph.agentsById
        var position = 0
        if let after {
            // First agent whose id sorts after the cursor.
            var low = 0
            var high = order.count
            while low < high {
                let middle = (low + high) / 2
                if projection.agentIds[Int(order[middle])] <= after { low = middle + 1 } else { high = middle }
            }
            position = low
        }
        var page: [AgentView] = []
        var nextCursor: String? = nil
        while position < order.count {
            let agent = order[position]
            position += 1
            let summary = projection.agentSummary(at: agent)
            if let active, summary.active != active { continue }
            if let available, load.available[Int(agent)] != available { continue }
            if let hasCapacity, (load.openLeads[Int(agent)] < projection.agentCapacity[Int(agent)]) != hasCapacity { continue }
            if let state, !projection.agent(at: agent, isLicensedIn: state) { continue }
            if let language, !projection.agent(at: agent, speaks: language) { continue }
            if let kind, !projection.agent(at: agent, handles: kind) { continue }
            if let territory, !projection.agent(at: agent, covers: territory) { continue }
            if page.count == limit {
                nextCursor = PageCursor.encode(kind: "a", after: page[page.count - 1].id)
                break
            }
            page.append(AgentView(summary, load: load, index: agent, router: self.engine.graph.router))
        }
        return try Self.json(AgentPage(agents: page, nextCursor: nextCursor, graphVersion: projection.version))
    }

    func getAgent(_ request: Request, context: Context) throws -> Response {
        let id = try Self.pathId(context)
        let current = self.engine.current
        let projection = current.graph.router.projection
        guard let index = projection.agent(id) else { throw ServiceError.notFound(AgentView.notFoundMessage(id)) }
        return try Self.json(
            AgentView(projection.agentSummary(at: index), load: current.loads.snapshot, index: index, router: current.graph.router)
        )
    }

    func coverage(_ request: Request, context: Context) throws -> Response {
        let id = try Self.pathId(context)
        let current = self.engine.current
        let projection = current.graph.router.projection
        guard let territory = projection.territory(id) else { throw ServiceError.notFound("no territory \(id)") }
        let load = current.loads.snapshot
        let agents = projection.coveringAgents(of: territory).map { covering -> TerritoryCoverage.Agent in
            let index = projection.agent(covering.agentId)!
            let summary = projection.agentSummary(at: index)
            return .init(
                agentId: covering.agentId,
                name: covering.name,
                weight: covering.weight,
                active: summary.active,
                available: load.available[Int(index)],
                openLeads: Int(load.openLeads[Int(index)]),
                capacity: summary.capacity
            )
        }
        let usable = agents.filter { $0.active && $0.available }
        return try Self.json(
            TerritoryCoverage(
                territoryId: id,
                state: projection.territoryState(at: territory),
                neighbours: projection.neighbours(of: territory),
                agentCount: agents.count,
                capacity: usable.reduce(0) { $0 + $1.capacity },
                openLeads: usable.reduce(0) { $0 + $1.openLeads },
                agents: agents,
                graphVersion: projection.version
            )
        )
    }

    // MARK: Network analytics

    /// `GET /analytics/{algorithm}`: the `leadrouter analyze <algorithm> --json` report of the same query plus
    /// `computedAt`; 404 for an unknown algorithm, 422 naming an invalid parameter, 503 with `Retry-After` when the
    /// configured number of distinct computations already run. Cancelled when the client disconnects.
    func getAnalytics(_ request: Request, context: Context) async throws -> Response {
        let query = try AnalyticsRequest.query(
            algorithm: try context.parameters.require("algorithm"),
            parameters: request.uri.queryParameters.map { ($0.key, $0.value) }
        )
        let start = ContinuousClock.now
        let analytics = self.analytics
        let (body, cached) = try await Self.cancelledOnDisconnect(request, context) { try await analytics.report(query) }
        self.metrics.analytics(query.algorithm.rawValue, cached: cached, duration: start.duration(to: .now))
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Runs `operation`, cancelling it when the client closes the connection (a request from a socket; router
    /// tests have none), so a long computation nobody waits for is stopped.
    static func cancelledOnDisconnect<T: Sendable>(
        _ request: Request,
        _ context: Context,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard context.remoteAddress != nil else { return try await operation() }
        return try await request.body.consumeWithCancellationOnInboundClose { _ in try await operation() }
    }

    // MARK: Operations

    /// `POST /admin/graph:reload`: loads the graph again from its source (the dataset directory; Neo4j: a change
    /// check now) and installs it. A graph that fails validation keeps the one in use serving: 422 with the
    /// loader's message (file, line, column); a source or store out of reach: 503.
    func reloadGraph(context: Context) async throws -> Response {
        let outcome = try await self.graph.reload()
        context.logger.info(
            "graph reload requested",
            metadata: ["graph_version": .string(outcome.graphVersion), "reloaded": .stringConvertible(outcome.reloaded)]
        )
        return try Self.json(outcome)
    }

    func ready() async throws -> Response {
        let graph = self.engine.graph
        let health = self.graph.health
        var store = ReadyReport.Store(configured: self.leads != nil, reachable: nil)
        if let leads = self.leads { store.reachable = await leads.isReachable() }
        let report = ReadyReport(
            status: store.reachable == false ? "not_ready" : "ready",
            graph: .init(
                loaded: true,
                version: graph.router.projection.version,
                policy: graph.router.policyIdentity,
                ageSeconds: health.ageSeconds,
                agents: graph.router.projection.agentCount,
                territories: graph.router.projection.territoryCount,
                health: health
            ),
            store: store
        )
        return try Self.json(report, status: report.status == "ready" ? .ok : .serviceUnavailable)
    }

    // MARK: Helpers

    /// A JSON response in the project's one encoding (``StableJSON``: sorted keys, the CLI's bytes).
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try StableJSON.bytes(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The `{id}` path parameter: 422 naming `id` unless it is an id of the safe alphabet (``Lead/idProblem(_:)``),
    /// the only ids the API creates; path parameters are used as sent, not percent-decoded.
    static func pathId(_ context: Context) throws -> String {
        let id = try context.parameters.require("id")
        if let problem = Lead.idProblem(id) { throw ServiceError.badParameter("id", problem) }
        return id
    }

    static func integer(_ text: String?, name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ServiceError.badParameter(name, "must be an integer \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    static func boolean(_ text: String?, name: String) throws -> Bool? {
        switch text {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw ServiceError.badParameter(name, "must be true or false")
        }
    }
}
