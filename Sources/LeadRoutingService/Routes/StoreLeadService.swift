import Foundation
public import HTTPTypes
public import Hummingbird
public import LeadRoutingCore
import Logging
import NIOCore

/// The store-backed lead endpoints: thin HTTP handlers over ``LeadLifecycle``, which ranks, commits (reserving
/// capacity, falling down the ranking), runs accept / decline → re-route / close and pauses agents, keeping the
/// one load view that previews and agent listings read.
struct StoreLeadService: LeadService {
    let lifecycle: LeadLifecycle
    let metrics: ServiceMetrics
    /// Told when capacity frees in this process (a close, a decline, an agent resuming, a re-queue), so the retry
    /// queue tries its head soon.
    var capacityFreed: @Sendable () -> Void = {}

    var store: any LeadStore { self.lifecycle.store }

    /// Seeds the store's agents from the graph and loads its counts into the lifecycle's load view.
    func start() async throws {
        try await self.timed("start") { try await self.lifecycle.start() }
    }

    // MARK: Endpoints

    func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try ServiceAPI.requireJSON(request)
        let body = Array(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let lead = try Lead.decode(json: body)
        // 422 naming territoryId for a territory the graph does not have (unless unknown territories are accepted).
        try self.lifecycle.checkIntake(lead)
        let start = ContinuousClock.now
        let outcome = try await self.timed("commit") {
            try await self.lifecycle.route(lead, payload: String(decoding: body, as: UTF8.self))
        }
        let duration = start.duration(to: .now)
        if outcome.disposition != .replayed {
            self.metrics.decision(outcome.decision, mode: "commit", duration: duration)
        }
        context.logger.info(
            "lead routed",
            metadata: [
                "lead_id": .string(lead.id), "decision_status": .string(outcome.decision.status.rawValue),
                "agent_id": .string(outcome.decision.agentId ?? "-"), "disposition": .string(outcome.disposition.rawValue),
                "decision_ms": .string(EdgeMiddleware.milliseconds(duration)),
            ]
        )
        return try ServiceAPI.json(outcome.decision, status: outcome.disposition == .replayed ? .ok : .created)
    }

    func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try ServiceAPI.pathId(context)
        guard let record = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        return try ServiceAPI.json(LeadView(record))
    }

    /// The body of the lifecycle routes: `agentId` (required to decline, so a retried decline can only ever end that
    /// agent's offer; accept and close default to the lead's active assignment, reopen and correct to its closed one),
    /// `won` (required by close and correct; 422 naming it when absent) and `reason` (decline only, kept in the
    /// lead's history). Unknown members are refused.
    struct TransitionBody: Decodable {
        var agentId: String?
        var won: Bool?
        var reason: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case agentId, won, reason }

        /// No body.
        static let empty = TransitionBody()

        init(agentId: String? = nil, won: Bool? = nil, reason: String? = nil) {
            self.agentId = agentId
            self.won = won
            self.reason = reason
        }

        init(from decoder: any Decoder) throws {
            try StrictJSON.requireKnownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.agentId = try c.decodeIfPresent(String.self, forKey: .agentId)
            self.won = try c.decodeIfPresent(Bool.self, forKey: .won)
            self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        }

        /// Checks the members `action` reads and refuses the ones it does not.
        func validate(for action: LeadAction) throws(InputError) {
            let subject = "\(action.rawValue) request"
            if let agentId, let problem = Lead.idProblem(agentId) { throw InputError(field: "agentId", reason: problem, subject: subject) }
            if action == .decline && self.agentId == nil {
                throw InputError(field: "agentId", reason: "required: the agent whose offer is declined", subject: subject)
            }
            let needsOutcome = action == .close || action == .correct
            if needsOutcome && self.won == nil {
                throw InputError(field: "won", reason: "required: true for a won deal, false for a lost one", subject: subject)
            }
            if !needsOutcome && self.won != nil {
                throw InputError(field: "won", reason: "applies to close and correct only", subject: subject)
            }
            // The lifecycle checks the reason's text itself (for the CLI too).
            if self.reason != nil && action != .decline { throw InputError(field: "reason", reason: "applies to decline only", subject: subject) }
        }
    }

    func transition(_ action: LeadAction, _ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try ServiceAPI.pathId(context)
        let body = try await Self.optionalBody(TransitionBody.self, subject: "\(action.rawValue) request", request, context: context)
        try (body ?? TransitionBody.empty).validate(for: action)
        guard let record = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        let undoesClose = action == .reopen || action == .correct
        let current = undoesClose ? record.assignments.last { $0.state.isClosed } : record.activeAssignment
        guard let agentId = body?.agentId ?? current?.agentId else {
            let what = undoesClose ? "closed" : "active"
            throw ServiceError(.conflict, kind: "no-\(what)-assignment", title: "Conflict", detail: "lead \(id) has no \(what) assignment")
        }
        let won = body?.won ?? false
        switch action {
        case .accept:
            _ = try await self.timed("accept") { try await self.lifecycle.accept(leadId: id, agentId: agentId) }
        case .close:
            _ = try await self.timed("close") { try await self.lifecycle.close(leadId: id, agentId: agentId, won: won) }
        case .reopen:
            _ = try await self.timed("reopen") { try await self.lifecycle.reopen(leadId: id, agentId: agentId) }
        case .correct:
            _ = try await self.timed("correct") { try await self.lifecycle.correctClose(leadId: id, agentId: agentId, won: won) }
        case .decline:
            _ = try await self.timed("reroute") { try await self.lifecycle.decline(leadId: id, agentId: agentId, reason: body?.reason) }
        }
        if action != .accept { self.capacityFreed() }
        context.logger.info("lead \(action.rawValue)", metadata: ["lead_id": .string(id), "agent_id": .string(agentId)])
        guard let updated = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        return try ServiceAPI.json(LeadView(updated))
    }

    /// `{"available": true|false}`; unknown members are refused.
    struct AvailabilityBody: Decodable {
        var available: Bool

        enum CodingKeys: String, CodingKey, CaseIterable { case available }

        init(from decoder: any Decoder) throws {
            try StrictJSON.requireKnownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
            self.available = try decoder.container(keyedBy: CodingKeys.self).decode(Bool.self, forKey: .available)
        }
    }

    func setAvailability(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try ServiceAPI.pathId(context)
        guard self.lifecycle.router.projection.agent(id) != nil else { throw ServiceError.notFound(AgentView.notFoundMessage(id)) }
        guard let body = try await Self.optionalBody(AvailabilityBody.self, subject: "availability", request, context: context) else {
            throw InputError(field: "available", reason: "required", subject: "availability")
        }
        try await self.timed("set_paused") { try await self.lifecycle.setAvailability(agentId: id, available: body.available) }
        if body.available { self.capacityFreed() }
        context.logger.info("agent availability", metadata: ["agent_id": .string(id), "available": .stringConvertible(body.available)])
        // The router and load view read together: a graph refresh may have replaced both meanwhile.
        let (router, loads) = self.lifecycle.graph
        guard let index = router.projection.agent(id) else { throw ServiceError.notFound(AgentView.notFoundMessage(id)) }
        return try ServiceAPI.json(AgentView(router.projection.agentSummary(at: index), load: loads.snapshot, index: index, router: router))
    }

    func isReachable() async -> Bool {
        (try? await self.timed("ping") { try await self.store.schemaVersion() }) != nil
    }

    // MARK: Helpers

    /// Runs a store call, records its latency, and turns anything but a ``LeadStoreError`` or bad input into 503 (the store is
    /// unreachable or failed: nothing was acknowledged).
    func timed<T: Sendable>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer { self.metrics.store(operation, duration: start.duration(to: .now)) }
        do {
            return try await body()
        } catch let error as LeadStoreError {
            throw error
        } catch let error as ServiceError {
            throw error
        } catch let error as GraphMismatchError {
            throw error
        } catch let error as InputError {
            throw error
        } catch {
            throw ServiceError.storeUnavailable
        }
    }

    /// Decodes a JSON body when there is one: 415 unless JSON, 400 when malformed, 422 naming an invalid member
    /// (``StrictJSON``). An empty body is nil.
    static func optionalBody<T: Decodable>(
        _ type: T.Type,
        subject: String,
        _ request: Request,
        context: ServiceRequestContext
    ) async throws -> T? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        if buffer.readableBytes == 0 { return nil }
        try ServiceAPI.requireJSON(request)
        return try StrictJSON.decode(T.self, json: Array(buffer: buffer), subject: subject)
    }
}

/// Lead-store failures as HTTP: conflicts 409, unknown lead 404, bad payload 422, unavailable 503 with Retry-After,
/// anything else 500 without details.
extension LeadStoreError: HTTPResponseError {
    public var status: HTTPResponse.Status { ServiceError(self).status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ServiceError(self).response(instance: request.uri.path, requestId: nil)
    }
}

extension ServiceError {
    init(_ error: LeadStoreError) {
        switch error.kind {
        case .conflict: self.init(.conflict, kind: "lead-conflict", title: "Conflict", detail: error.message)
        case .invalidTransition: self.init(.conflict, kind: "invalid-transition", title: "Conflict", detail: error.message)
        case .notFound: self.init(.notFound, kind: "not-found", title: "Not Found", detail: error.message)
        case .invalidPayload: self.init(.unprocessableContent, kind: "invalid-lead", title: "Invalid Lead", detail: error.message)
        case .unavailable: self = .storeUnavailable
        case .authenticationFailed: self = .storeAuthenticationFailed
        default: self = .internalError
        }
    }
}
