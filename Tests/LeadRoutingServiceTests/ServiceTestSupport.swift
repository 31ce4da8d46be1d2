import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import LeadRoutingService
import LeadRoutingTestSupport
import Logging
import NIOCore
import Testing

/// Paths, keys and tokens shared by the service tests.
enum ServiceTestSupport {
    static let keys = RepositoryPaths.root.appendingPathComponent("Tests/LeadRoutingServiceTests/Keys")
    static let tinyDataset = RepositoryPaths.tinyFixture
    static let metroDataset = RepositoryPaths.metroFixture
    static let rsaPrivate = keys.appendingPathComponent("rsa-private.pem").path
    static let rsaPublic = keys.appendingPathComponent("rsa-public.pem").path
    static let ecPrivate = keys.appendingPathComponent("ec-private.pem").path
    static let ecPublic = keys.appendingPathComponent("ec-public.pem").path

    /// Quiet logs in tests.
    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// Tiny dataset, both test keys, no rate limit unless given.
    static func configuration(
        auth: Bool = true,
        dataset: String = tinyDataset,
        rateLimit: Double = 0,
        rateBurst: Int = 200,
        bodyLimit: Int = 65_536
    ) -> ServiceConfiguration {
        ServiceConfiguration(
            port: 0,
            dataset: dataset,
            authKeys: auth ? [rsaPublic, ecPublic] : [],
            insecureNoAuth: !auth,
            rateLimit: rateLimit,
            rateBurst: rateBurst,
            bodyLimit: bodyLimit,
            logLevel: "critical"
        )
    }

    static func pem(_ path: String) -> String { try! String(contentsOfFile: path, encoding: .utf8) }

    /// A valid token from the RSA (RS256) or EC (ES256) test key.
    static func token(
        scopes: [String] = ["leads:write", "leads:read", "agents:write", "analytics:read"],
        key: String = rsaPrivate,
        ttl: Int = 600,
        audience: String = "leadrouter-api",
        issuer: String = "leadrouter",
        now: Date = Date()
    ) async throws -> String {
        try await TokenMinter.mint(privateKeyPEM: pem(key), scopes: scopes, ttl: ttl, issuer: issuer, audience: audience, now: now)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func claimsJSON(scopes: String = "leads:read analytics:read") -> String {
        let now = Int(Date().timeIntervalSince1970)
        return #"{"iss":"leadrouter","sub":"mallory","aud":["leadrouter-api"],"exp":\#(now + 600),"scope":"\#(scopes)"}"#
    }

    /// An unsigned token (`alg: none`).
    static func unsignedToken() -> String {
        base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + base64URL(Data(claimsJSON().utf8)) + "."
    }

    /// HS256 signed with the server's public key bytes as the HMAC secret (the classic key-confusion attack).
    static func hs256WithPublicKey() async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: Data(pem(rsaPublic).utf8)), digestAlgorithm: .sha256)
        struct Claims: JWTPayload {
            var iss: IssuerClaim
            var sub: SubjectClaim
            var aud: AudienceClaim
            var exp: ExpirationClaim
            var scope: String
            func verify(using algorithm: some JWTAlgorithm) async throws {}
        }
        return try await keys.sign(
            Claims(iss: "leadrouter", sub: "mallory", aud: "leadrouter-api", exp: .init(value: Date().addingTimeInterval(600)), scope: "leads:read")
        )
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer " + token] }

    static let json: HTTPFields = [.contentType: "application/json"]

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var result = lhs
        for field in rhs { result.append(field) }
        return result
    }
}
