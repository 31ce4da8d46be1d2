import Foundation
import JWTKit
import LeadRoutingCore

/// The claims of a LeadRouter access token. `scope` is space-separated (RFC 8693 style).
struct AccessClaims: JWTPayload, Equatable {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?
    var iat: IssuedAtClaim?
    var scope: String?

    /// Time claims are checked by ``AccessTokenVerifier`` after the signature, with clear messages.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Verifies bearer tokens: RS256 or ES256 only, signature by a configured key, then `iss`, `aud`, `exp`, `nbf`.
final class AccessTokenVerifier: Sendable {
    /// The only accepted `alg` header values; `none`, HS256 (HMAC keyed with a public key) and the rest are refused
    /// before any key is looked at.
    static let acceptedAlgorithms: Set<String> = ["RS256", "ES256"]
    /// Tolerated clock difference for `nbf`.
    static let notBeforeLeeway: TimeInterval = 30

    let keys: JWTKeyCollection
    let issuer: String
    let audience: String
    /// Longest accepted lifetime in seconds (`exp` − `iat`, and `exp` − now).
    let maxLifetime: TimeInterval
    /// The service's clock: `exp`, `nbf` and the lifetime are judged against it.
    let clock: any WallClock

    init(keys: JWTKeyCollection, issuer: String, audience: String, maxLifetime: TimeInterval = 86_400, clock: any WallClock) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.maxLifetime = maxLifetime
        self.clock = clock
    }

    /// Builds the verifier from the configured PEM and JWKS files.
    static func load(
        _ configuration: ServiceConfiguration,
        clock: any WallClock
    ) async throws(ServiceConfigurationError) -> AccessTokenVerifier {
        let keys = JWTKeyCollection()
        for (position, path) in configuration.authKeys.enumerated() {
            guard let data = FileManager.default.contents(atPath: path), let pem = String(data: data, encoding: .utf8) else {
                throw ServiceConfigurationError(setting: "auth-key", message: "cannot read \(path)")
            }
            let kid = JWKIdentifier(string: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
            // The first key is also the default (tokens without `kid`).
            for id in position == 0 ? [nil, kid] : [kid] {
                if let rsa = try? Self.rsaPublicKey(pem: pem) {
                    await keys.add(rsa: rsa, digestAlgorithm: .sha256, kid: id)
                } else if let ec = try? Self.ecPublicKey(pem: pem) {
                    await keys.add(ecdsa: ec, kid: id)
                } else {
                    throw ServiceConfigurationError(
                        setting: "auth-key",
                        message: "\(path): not an RSA (≥ 2048 bits) or P-256 key in PEM form"
                    )
                }
            }
        }
        if let path = configuration.jwks {
            guard let data = FileManager.default.contents(atPath: path), let json = String(data: data, encoding: .utf8) else {
                throw ServiceConfigurationError(setting: "jwks", message: "cannot read \(path)")
            }
            try JWKSRules.check(data, path: path)
            do {
                try await keys.add(jwksJSON: json)
            } catch {
                throw ServiceConfigurationError(setting: "jwks", message: "\(path): \(error)")
            }
        }
        return AccessTokenVerifier(
            keys: keys,
            issuer: configuration.issuer,
            audience: configuration.audience,
            maxLifetime: TimeInterval(configuration.maxTokenLifetime),
            clock: clock
        )
    }

    static func rsaPublicKey(pem: String) throws -> Insecure.RSA.PublicKey {
        if pem.contains("PRIVATE KEY") { return try Insecure.RSA.PrivateKey(pem: pem).publicKey }
        return try Insecure.RSA.PublicKey(pem: pem)
    }

    static func ecPublicKey(pem: String) throws -> ES256PublicKey {
        if pem.contains("PRIVATE KEY") { return try ES256PrivateKey(pem: pem).publicKey }
        return try ES256PublicKey(pem: pem)
    }

    /// The caller behind an `Authorization: Bearer …` token, or a 401 problem saying what was wrong.
    func verify(_ token: String) async throws(ServiceError) -> CallerIdentity {
        let now = Date(timeIntervalSince1970: Double(self.clock.nowMillis()) / 1000)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Self.decodeHeader(parts[0]) else { throw .unauthorized("malformed token") }
        guard let algorithm = header["alg"] as? String, Self.acceptedAlgorithms.contains(algorithm) else {
            throw .unauthorized("token algorithm not accepted (RS256 or ES256 only)")
        }
        let claims: AccessClaims
        do {
            claims = try await self.keys.verify(token, as: AccessClaims.self, iteratingKeys: true)
        } catch {
            throw .unauthorized("invalid token signature or claims")
        }
        guard claims.exp.value > now else { throw .unauthorized("token expired") }
        let lifetime = claims.exp.value.timeIntervalSince(claims.iat.map { min($0.value, now) } ?? now)
        guard lifetime <= self.maxLifetime else {
            throw .unauthorized("token lifetime exceeds the maximum of \(Int(self.maxLifetime)) seconds")
        }
        if let nbf = claims.nbf, nbf.value > now.addingTimeInterval(Self.notBeforeLeeway) {
            throw .unauthorized("token not valid yet")
        }
        guard claims.iss.value == self.issuer else { throw .unauthorized("wrong token issuer") }
        guard claims.aud.value.contains(self.audience) else { throw .unauthorized("wrong token audience") }
        let scopes = (claims.scope ?? "").split(separator: " ").map { Scope(rawValue: String($0)) }
        return CallerIdentity(subject: claims.sub.value, scopes: Set(scopes))
    }

    private static func decodeHeader(_ part: Substring) -> [String: Any]? {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
