import Hummingbird
import LeadRoutingCore

extension ServiceAPI {
    /// `GET /api/v1/admin/webhooks/failures`: parked webhook events, oldest first; `limit` 1–500 (default 50),
    /// `cursor` from the previous page's `nextCursor`.
    func listWebhookFailures(_ request: Request, context: Context) async throws -> Response {
        let failures = try self.requireWebhookFailures()
        let query = request.uri.queryParameters
        let limit = try Self.integer(query["limit"].map(String.init), name: "limit", range: 1...500) ?? 50
        var afterId: Int64? = nil
        if let cursor = query["cursor"] {
            guard let after = PageCursor.decode(String(cursor), kind: ParkedEventPage.cursorKind).flatMap(Int64.init) else {
                throw ServiceError.badParameter("cursor", "not a cursor of this listing (pass the previous page's nextCursor)")
            }
            afterId = after
        }
        let page = try await Self.storeCall { try await failures.page(afterId: afterId, limit: limit) }
        return try Self.json(ParkedEventPage(page.events, more: page.more))
    }

    /// `POST /api/v1/admin/webhooks/failures/{id}/retry`: sends a parked event to its webhook once more; 200 with
    /// the event when delivered (it is no longer parked), 502 naming the error when it failed again (it stays
    /// parked), 404 for an unknown id, 409 when its webhook is no longer configured.
    func retryWebhookFailure(_ request: Request, context: Context) async throws -> Response {
        let failures = try self.requireWebhookFailures()
        let text = try Self.pathId(context)
        guard let id = Int64(text), id > 0 else { throw ServiceError.badParameter("id", "must be the id of a parked event (a positive integer)") }
        switch try await Self.storeCall({ try await failures.retry(id: id) }) {
        case .delivered(let parked):
            return try Self.json(RetryAnswer(delivered: true, failure: .init(parked)))
        case .notFound:
            throw ServiceError.notFound("no parked event \(text)")
        case .webhookNotConfigured(let parked):
            throw ServiceError(
                .conflict,
                kind: "webhook-not-configured",
                title: "Conflict",
                detail: "the webhook of parked event \(text) is no longer configured: \(ParkedEventPage.Item(parked).webhook)"
            )
        case .failed(_, let error):
            throw ServiceError(.badGateway, kind: "webhook-delivery-failed", title: "Bad Gateway", detail: "the webhook failed again: \(error)")
        }
    }

    /// The answer of a successful retry.
    struct RetryAnswer: Encodable {
        var delivered: Bool
        var failure: ParkedEventPage.Item
    }

    private func requireWebhookFailures() throws -> WebhookFailures {
        guard let failures = self.webhookFailures else { throw ServiceError.storeNotConfigured }
        return failures
    }

    /// A store call: its own errors keep their meaning, anything else is the store being unavailable.
    private static func storeCall<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LeadStoreError {
            throw error
        } catch {
            throw ServiceError.storeUnavailable
        }
    }
}
