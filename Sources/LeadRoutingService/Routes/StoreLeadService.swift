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
        let id = try context.parameters.require("id")
        guard let record = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        return try ServiceAPI.json(LeadView(record))
    }

    /// Optional body: `{"agentId": "…"}` (default: the lead's active assignment) and, for close, `{"won": true}`
    /// (default false).
    struct TransitionBody: Decodable {
        var agentId: String?
        var won: Bool?
    }

    func transition(_ action: LeadAction, _ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await Self.optionalBody(TransitionBody.self, request, context: context)
        guard let record = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        guard let agentId = body?.agentId ?? record.activeAssignment?.agentId else {
            throw ServiceError(.conflict, kind: "no-active-assignment", title: "Conflict", detail: "lead \(id) has no active assignment")
        }
        switch action {
        case .accept:
            _ = try await self.timed("accept") { try await self.lifecycle.accept(leadId: id, agentId: agentId) }
        case .close:
            _ = try await self.timed("close") { try await self.lifecycle.close(leadId: id, agentId: agentId, won: body?.won ?? false) }
        case .decline:
            _ = try await self.timed("reroute") { try await self.lifecycle.decline(leadId: id, agentId: agentId) }
        }
        if action != .accept { self.capacityFreed() }
        context.logger.info("lead \(action.rawValue)", metadata: ["lead_id": .string(id), "agent_id": .string(agentId)])
        guard let updated = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        return try ServiceAPI.json(LeadView(updated))
    }

    struct AvailabilityBody: Decodable {
        var available: Bool
    }

    func setAvailability(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let projection = self.lifecycle.router.projection
        guard let index = projection.agent(id) else { throw ServiceError.notFound("no agent \(id)") }
        guard let body = try await Self.optionalBody(AvailabilityBody.self, request, context: context, required: true) else {
            throw ServiceError(LeadValidationError(field: "available", reason: "required"))
        }
        try await self.timed("set_paused") { try await self.lifecycle.setAvailability(agentId: id, available: body.available) }
        if body.available { self.capacityFreed() }
        context.logger.info("agent availability", metadata: ["agent_id": .string(id), "available": .stringConvertible(body.available)])
        return try ServiceAPI.json(AgentView(projection.agentSummary(at: index), load: self.lifecycle.loads.snapshot, index: index))
    }

    func isReachable() async -> Bool {
        (try? await self.timed("ping") { try await self.store.schemaVersion() }) != nil
    }

    // MARK: Helpers

    /// Runs a store call, records its latency, and turns anything but a ``LeadStoreError`` into 503 (the store is
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
        } catch {
            throw ServiceError.storeUnavailable
        }
    }

    /// Decodes a JSON body when there is one (415 unless JSON, 422 when malformed).
    static func optionalBody<T: Decodable>(
        _ type: T.Type,
        _ request: Request,
        context: ServiceRequestContext,
        required: Bool = false
    ) async throws -> T? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        if buffer.readableBytes == 0 && !required { return nil }
        try ServiceAPI.requireJSON(request)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw ServiceError(LeadValidationError(field: key.stringValue, reason: "required"))
        } catch let DecodingError.typeMismatch(_, context) {
            throw ServiceError(LeadValidationError(field: context.codingPath.last?.stringValue ?? "", reason: "wrong type"))
        } catch {
            throw ServiceError(LeadValidationError(field: "", reason: "not valid JSON"))
        }
    }
}

/// A lead as GET /leads/{id} shows it: status, current agent, the decision and the history (no personal fields).
struct LeadView: Encodable, Sendable {
    struct Assignment: Encodable, Sendable {
        var agentId: String
        var state: String
        var score: Double
        var decidedAt: String
        var updatedAt: String
    }

    struct Event: Encodable, Sendable {
        var action: String
        var agentId: String?
        var fromState: String?
        var toState: String?
        var at: String
        var detail: String

        enum CodingKeys: String, CodingKey { case action, agentId, fromState, toState, at, detail }

        /// Absent values are explicit nulls, as the document says.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.action, forKey: .action)
            try c.encode(self.agentId, forKey: .agentId)
            try c.encode(self.fromState, forKey: .fromState)
            try c.encode(self.toState, forKey: .toState)
            try c.encode(self.at, forKey: .at)
            try c.encode(self.detail, forKey: .detail)
        }
    }

    var leadId: String
    var status: String
    var agentId: String?
    var assignmentState: String?
    var decision: RoutingDecision
    var assignments: [Assignment]
    var history: [Event]
    var routeAttempts: Int

    init(_ record: LeadRecord) {
        let active = record.activeAssignment
        self.leadId = record.leadId
        self.status = record.needsAttention ? LeadListQuery.Status.needsAttention.rawValue : record.status.rawValue
        self.routeAttempts = record.routeAttempts
        self.agentId = active?.agentId
        self.assignmentState = active?.state.rawValue
        self.decision = record.decision
        self.assignments = record.assignments.map {
            Assignment(
                agentId: $0.agentId,
                state: $0.state.rawValue,
                score: $0.score,
                decidedAt: Self.timestamp($0.decidedAtMillis),
                updatedAt: Self.timestamp($0.updatedAtMillis)
            )
        }
        self.history = record.audit.map {
            Event(
                action: $0.action,
                agentId: $0.agentId,
                fromState: $0.fromState,
                toState: $0.toState,
                at: Self.timestamp($0.atMillis),
                detail: $0.detail
            )
        }
    }

    static func timestamp(_ millis: Int64) -> String {
        Date(timeIntervalSince1970: Double(millis) / 1000).formatted(.iso8601)
    }

    enum CodingKeys: String, CodingKey { case leadId, status, agentId, assignmentState, decision, assignments, history, routeAttempts }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.leadId, forKey: .leadId)
        try c.encode(self.status, forKey: .status)
        try c.encode(self.agentId, forKey: .agentId)
        try c.encode(self.assignmentState, forKey: .assignmentState)
        try c.encode(self.decision, forKey: .decision)
        try c.encode(self.assignments, forKey: .assignments)
        try c.encode(self.history, forKey: .history)
        try c.encode(self.routeAttempts, forKey: .routeAttempts)
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
        default: self = .internalError
        }
    }
}
