import Hummingbird

/// Lifecycle actions on a routed lead; `reopen` and `correct` undo a mistaken close.
enum LeadAction: String, Sendable {
    case accept, decline, close, reopen, correct
}

/// The store-backed lead endpoints (POST /leads, GET /leads/{id}, lifecycle, availability). Implemented over the
/// lead store; until one is configured the service has none and those endpoints answer 503.
protocol LeadService: Sendable {
    func create(_ request: Request, context: ServiceRequestContext) async throws -> Response
    func get(_ request: Request, context: ServiceRequestContext) async throws -> Response
    func transition(_ action: LeadAction, _ request: Request, context: ServiceRequestContext) async throws -> Response
    func setAvailability(_ request: Request, context: ServiceRequestContext) async throws -> Response
    func list(_ request: Request, context: ServiceRequestContext) async throws -> Response
    func requeue(_ request: Request, context: ServiceRequestContext) async throws -> Response
    /// Whether the store answers (for /ready).
    func isReachable() async -> Bool
}
