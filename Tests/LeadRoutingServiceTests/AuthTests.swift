import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import LeadRoutingService
import NIOCore
import Testing

@Suite("JWT authentication and scopes")
struct AuthTests {
    typealias S = ServiceTestSupport

    func withApp(
        _ configuration: ServiceConfiguration = S.configuration(),
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.router, test)
    }

    static func expectStatus(
        _ client: any TestClientProtocol,
        _ token: String?,
        _ status: HTTPResponse.Status,
        uri: String = "/api/v1/agents/A1",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await client.execute(uri: uri, method: .get, headers: token.map { S.bearer($0) } ?? [:]) { response throws in
            #expect(response.status == status, sourceLocation: sourceLocation)
            if status != .ok {
                #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func rs256AndES256TokensWithTheScopeAreAccepted() async throws {
        let rsa = try await S.token(scopes: ["analytics:read"], key: S.rsaPrivate)
        let ec = try await S.token(scopes: ["analytics:read"], key: S.ecPrivate)
        try await self.withApp { client in
            try await Self.expectStatus(client, rsa, .ok)
            try await Self.expectStatus(client, ec, .ok)
        }
    }

    @Test func missingOrMalformedTokenIs401() async throws {
        try await self.withApp { client in
            try await Self.expectStatus(client, nil, .unauthorized)
            try await Self.expectStatus(client, "not-a-jwt", .unauthorized)
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: [.authorization: "Basic dXNlcjpwYXNz"]) { response throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func algNoneIsRefused() async throws {
        try await self.withApp { client in
            try await Self.expectStatus(client, S.unsignedToken(), .unauthorized)
        }
    }

    @Test func hs256SignedWithThePublicKeyIsRefused() async throws {
        let token = try await S.hs256WithPublicKey()
        try await self.withApp { client in
            try await Self.expectStatus(client, token, .unauthorized)
        }
    }

    @Test func expiredTokenIsRefused() async throws {
        let token = try await S.token(ttl: 60, now: Date().addingTimeInterval(-3600))
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(token)) { response throws in
                #expect(response.status == .unauthorized)
                #expect(try S.object(response.body)["detail"] as? String == "token expired")
            }
        }
    }

    @Test func notYetValidTokenIsRefused() async throws {
        let token = try await S.token(ttl: 7200, now: Date().addingTimeInterval(3600))
        try await self.withApp { client in
            try await Self.expectStatus(client, token, .unauthorized)
        }
    }

    @Test func wrongAudienceOrIssuerIsRefused() async throws {
        let audience = try await S.token(audience: "someone-else")
        let issuer = try await S.token(issuer: "evil")
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(audience)) { response throws in
                #expect(response.status == .unauthorized)
                #expect(try S.object(response.body)["detail"] as? String == "wrong token audience")
            }
            try await Self.expectStatus(client, issuer, .unauthorized)
        }
    }

    @Test func tamperedSignatureIsRefused() async throws {
        let token = try await S.token()
        let parts = token.split(separator: ".")
        let forged =
            parts[0] + "." + S.base64URL(Data(S.claimsJSON(scopes: "leads:write leads:read agents:write analytics:read").utf8)) + "." + parts[2]
        try await self.withApp { client in
            try await Self.expectStatus(client, String(forged), .unauthorized)
        }
    }

    @Test func tokenFromAnUnknownKeyIsRefused() async throws {
        let stranger = ES256PrivateKey()
        let token = try await TokenMinter.mint(privateKeyPEM: stranger.pemRepresentation, scopes: ["analytics:read"], ttl: 600)
        try await self.withApp { client in
            try await Self.expectStatus(client, token, .unauthorized)
        }
    }

    @Test func missingScopeIs403() async throws {
        let token = try await S.token(scopes: ["leads:read"])
        try await self.withApp { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(token)) { response throws in
                #expect(response.status == .forbidden)
                #expect(try S.object(response.body)["detail"] as? String == "token lacks scope analytics:read")
            }
            try await client.execute(
                uri: "/api/v1/leads:preview",
                method: .post,
                headers: S.bearer(token) + S.json,
                body: S.body(#"{"id":"L","territoryId":"T1"}"#)
            ) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/api/v1/agents/A1/availability",
                method: .put,
                headers: S.bearer(token) + S.json,
                body: S.body(#"{"available":false}"#)
            ) { response throws in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func publicRoutesNeedNoToken() async throws {
        try await self.withApp { client in
            for uri in ["/api/v1/health", "/api/v1/ready", "/api/v1/metrics", "/api/v1/openapi.yaml"] {
                try await Self.expectStatus(client, nil, .ok, uri: uri)
            }
        }
    }

    @Test func keysFromAJWKSFile() async throws {
        let key = try ES256PrivateKey(pem: S.pem(S.ecPrivate))
        let parameters = try #require(key.publicKey.parameters)
        let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"k1","x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID().uuidString).json").path
        try jwks.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = S.configuration()
        configuration.authKeys = []
        configuration.jwks = path
        let good = try await TokenMinter.mint(privateKeyPEM: S.pem(S.ecPrivate), scopes: ["analytics:read"], ttl: 600, kid: "k1")
        let rsa = try await S.token(scopes: ["analytics:read"], key: S.rsaPrivate)
        try await self.withApp(configuration) { client in
            try await Self.expectStatus(client, good, .ok)
            try await Self.expectStatus(client, rsa, .unauthorized)
            try await Self.expectStatus(client, S.unsignedToken(), .unauthorized)
        }
    }

    @Test func jwksWithASymmetricKeyIsRejectedAtStart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID().uuidString).json").path
        try #"{"keys":[{"kty":"oct","alg":"HS256","kid":"h","k":"c2VjcmV0"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = S.configuration()
        configuration.authKeys = []
        configuration.jwks = path
        await #expect(throws: ServiceConfigurationError.self) { _ = try await buildApplication(configuration, logger: S.logger) }
    }
}

@Suite("Rate limiting")
struct RateLimitTests {
    typealias S = ServiceTestSupport

    @Test func burstThen429WithRetryAfter() async throws {
        let app = try await buildApplication(S.configuration(auth: false, rateLimit: 0.01, rateBurst: 2), logger: S.logger)
        try await app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/agents/A1", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { response throws in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            }
        }
    }

    @Test func clientsAreKeyedByTokenSubject() async throws {
        let alice = try await TokenMinter.mint(privateKeyPEM: S.pem(S.rsaPrivate), scopes: ["analytics:read"], ttl: 600, subject: "alice")
        let bob = try await TokenMinter.mint(privateKeyPEM: S.pem(S.rsaPrivate), scopes: ["analytics:read"], ttl: 600, subject: "bob")
        let app = try await buildApplication(S.configuration(rateLimit: 0.01, rateBurst: 1), logger: S.logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(alice)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(alice)) { #expect($0.status == .tooManyRequests) }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(bob)) { #expect($0.status == .ok) }
        }
    }
}
