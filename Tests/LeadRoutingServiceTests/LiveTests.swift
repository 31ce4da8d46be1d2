import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingService
import NIOCore
import Testing

@Suite("Live server over a socket")
struct LiveTests {
    typealias S = ServiceTestSupport

    @Test func previewAndHealthOverTCP() async throws {
        let token = try await S.token(scopes: ["leads:read"])
        let app = try await buildApplication(S.configuration(), logger: S.logger)
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/health", method: .get) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/api/v1/leads:preview",
                method: .post,
                headers: S.bearer(token) + S.json,
                body: S.body(#"{"id":"LIVE1","territoryId":"T2","kind":"sell"}"#)
            ) { response throws in
                #expect(response.status == .ok)
                #expect(try S.object(response.body)["leadId"] as? String == "LIVE1")
            }
            try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json, body: S.body("{}")) { response throws in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func rateLimitKeysOnTheRemoteAddressWithoutAToken() async throws {
        let app = try await buildApplication(S.configuration(auth: false, rateLimit: 0.01, rateBurst: 1), logger: S.logger)
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { response throws in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] != nil)
            }
        }
    }
}
