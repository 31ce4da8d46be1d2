public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// ``Neo4jTransport`` over AsyncHTTPClient. Uses a shared `HTTPClient` (pass your own, or the singleton).
public struct AsyncHTTPClientTransport: Neo4jTransport {
    let client: HTTPClient
    let requestTimeout: Duration

    /// A process-wide client for Neo4j: 5 s connect timeout and no connection-establishment retries inside AHC
    /// (AHC would otherwise retry a refused connection until the request deadline; the Neo4j client has its own
    /// bounded retry). Never shut down, like `HTTPClient.shared`.
    public static let sharedClient: HTTPClient = makeClient(for: Neo4jConfiguration(url: "http://localhost:7474"))

    /// - Parameters:
    ///   - client: the HTTP client; default ``sharedClient``.
    ///   - requestTimeout: deadline for one exchange.
    public init(client: HTTPClient = AsyncHTTPClientTransport.sharedClient, requestTimeout: Duration = .seconds(60)) {
        self.client = client
        self.requestTimeout = requestTimeout
    }

    /// A client configured with the connect timeout of `configuration`; shut it down when done
    /// (`try await client.shutdown()`).
    public static func makeClient(for configuration: Neo4jConfiguration) -> HTTPClient {
        var config = HTTPClient.Configuration()
        config.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(
                Int64(configuration.connectTimeout.components.seconds) * 1_000_000_000 + configuration.connectTimeout.components.attoseconds
                    / 1_000_000_000
            ),
            read: nil
        )
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 8)
        config.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func send(_ request: Neo4jHTTPRequest) async throws(Neo4jError) -> Neo4jHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let seconds = self.requestTimeout.components.seconds
        let timeout = TimeAmount.seconds(seconds) + .nanoseconds(self.requestTimeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await self.client.execute(outgoing, timeout: timeout)
            var body = try await response.body.collect(upTo: 1 << 30)
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            return Neo4jHTTPResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                throw Neo4jError(kind: .timeout, context: request.method.rawValue + " " + Self.redactedPath(request.url))
            }
            throw Neo4jError(
                kind: .connectionFailed,
                context: request.method.rawValue + " " + Self.redactedPath(request.url),
                detail: "\(error)"
            )
        } catch {
            throw Neo4jError(
                kind: .connectionFailed,
                context: request.method.rawValue + " " + Self.redactedPath(request.url),
                detail: Self.describe(error)
            )
        }
    }

    /// The URL without user info (a `user:password@` part never reaches a message).
    static func redactedPath(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        if let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/") {
            return String(url[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
        }
        return url
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
