import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingService
import NIOCore
import Testing

/// What only a real socket shows: chunked bodies past the limit and huge header fields get problem documents with
/// the security headers, like every other answer. One server at a time: each opens its own in-memory SQLite store.
@Suite("Live edge: bodies and headers over a socket", .serialized)
struct LiveEdgeTests {
    typealias S = ServiceTestSupport

    static func withLiveApp(_ test: @escaping @Sendable (Int) async throws -> Void) async throws {
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await test(port)
        }
    }

    static func expectProblem(_ response: RawHTTP.Response, status: Int, _ what: String) {
        #expect(response.status == status, "\(what): \(response.status) \(response.body)")
        #expect(response.headers["content-type"] == "application/problem+json", "\(what)")
        #expect(response.headers["x-content-type-options"] == "nosniff", "\(what)")
        #expect(response.headers["content-security-policy"] != nil, "\(what)")
        #expect(response.headers["x-request-id"] != nil, "\(what)")
        #expect(response.body.contains("\"status\":\(status)"), "\(what): \(response.body)")
    }

    @Test func aChunkedMegabyteIs413OnEveryRouteWithABody() async throws {
        try await Self.withLiveApp { port in
            for (method, path) in [
                ("POST", "/api/v1/leads"), ("POST", "/api/v1/leads:preview"), ("POST", "/api/v1/leads/X1/accept"),
                ("POST", "/api/v1/leads/X1/decline"), ("POST", "/api/v1/leads/X1/close"), ("PUT", "/api/v1/agents/A1/availability"),
            ] {
                let response = try RawHTTP.exchange(port: port, RawHTTP.chunked(method, path, size: 1 << 20))
                Self.expectProblem(response, status: 413, "\(method) \(path)")
            }
        }
    }

    @Test func aHeaderOver80KBGetsAProblemDocument() async throws {
        try await Self.withLiveApp { port in
            let padding = String(repeating: "a", count: 82 * 1024)
            let request = "GET /api/v1/agents/A1 HTTP/1.1\r\nHost: localhost\r\nX-Padding: \(padding)\r\n\r\n"
            let response = try RawHTTP.exchange(port: port, Array(request.utf8))
            Self.expectProblem(response, status: 431, "80 KB header")
            // An ordinary request on a fresh connection is unaffected.
            let ok = try RawHTTP.exchange(port: port, Array("GET /api/v1/agents/A1 HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
            #expect(ok.status == 200)
        }
    }

    @Test func analyticsAnswerOverASocket() async throws {
        try await Self.withLiveApp { port in
            let response = try RawHTTP.exchange(port: port, Array("GET /api/v1/analytics/betweenness HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
            #expect(response.status == 200, "\(response.body)")
            #expect(response.body.contains("\"algorithm\":\"betweenness\""))
        }
    }
}
