import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// ``WebhookTransport`` over AsyncHTTPClient: one process-wide client (never shut down), redirects not followed
/// (a receiver that moved must be reconfigured, not guessed), a 5 s connect timeout and a deadline per request.
struct HTTPWebhookTransport: WebhookTransport {
    /// Deadline of one request, connection included. Default 10 s.
    var timeout: Duration = .seconds(10)

    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    func send(_ request: WebhookRequest) async throws {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let nanoseconds = self.timeout.components.seconds * 1_000_000_000 + self.timeout.components.attoseconds / 1_000_000_000
        let response: HTTPClientResponse
        do {
            response = try await Self.client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
        } catch {
            throw WebhookDeliveryError(status: nil, detail: Self.describe(error))
        }
        // A few bytes of the answer say why a receiver refused; the rest is not needed.
        let answer = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
        guard (200..<300).contains(response.status.code) else {
            throw WebhookDeliveryError(status: Int(response.status.code), detail: String(answer.prefix(200)))
        }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
