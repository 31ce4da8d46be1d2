public import Foundation
import JWTKit

/// Mints access tokens from a private key for local use (`leadrouter token`) and creates local key pairs.
public enum TokenMinter {
    /// A signed token (RS256 for an RSA key, ES256 for a P-256 key).
    /// - Parameters:
    ///   - privateKeyPEM: the private key in PEM form.
    ///   - scopes: granted scopes (space-joined into the `scope` claim).
    ///   - ttl: seconds until `exp`.
    ///   - kid: key id header; nil for the server's default key.
    public static func mint(
        privateKeyPEM: String,
        scopes: [String],
        ttl: Int,
        subject: String = "local-user",
        issuer: String = "leadrouter",
        audience: String = "leadrouter-api",
        kid: String? = nil,
        now: Date = Date()
    ) async throws -> String {
        try Self.validate(scopes: scopes, ttl: ttl)
        let keys = JWTKeyCollection()
        if pemIsRSA(privateKeyPEM), let rsa = try? Insecure.RSA.PrivateKey(pem: privateKeyPEM) {
            await keys.add(rsa: rsa, digestAlgorithm: .sha256)
        } else if let ec = try? ES256PrivateKey(pem: privateKeyPEM) {
            await keys.add(ecdsa: ec)
        } else if let rsa = try? Insecure.RSA.PrivateKey(pem: privateKeyPEM) {
            await keys.add(rsa: rsa, digestAlgorithm: .sha256)
        } else {
            throw TokenMinterError(message: "not an RSA (≥ 2048 bits) or P-256 private key in PEM form")
        }
        let claims = AccessClaims(
            iss: .init(value: issuer),
            sub: .init(value: subject),
            aud: .init(value: [audience]),
            exp: .init(value: now.addingTimeInterval(TimeInterval(ttl))),
            nbf: .init(value: now.addingTimeInterval(-1)),
            iat: .init(value: now),
            scope: scopes.joined(separator: " ")
        )
        var header = JWTHeader()
        header.typ = "JWT"
        if let kid { header.kid = kid }
        return try await keys.sign(claims, header: header)
    }

    /// Checks a token request before any key is read: every scope is a known one and the lifetime is positive.
    public static func validate(scopes: [String], ttl: Int) throws(TokenMinterError) {
        if let unknown = scopes.first(where: { Scope.known($0) == nil }) {
            let known = Scope.all.map(\.rawValue).joined(separator: ", ")
            throw TokenMinterError(message: "unknown scope '\(unknown)' (known scopes: \(known))")
        }
        guard ttl >= 1 else { throw TokenMinterError(message: "the lifetime (--ttl) must be at least 1 second, not \(ttl)") }
    }

    private static func pemIsRSA(_ pem: String) -> Bool { pem.contains("RSA PRIVATE KEY") }

    /// Writes a new P-256 key pair for ES256 (`private.pem`, `public.pem`) into `directory`, private key mode 0600.
    /// - Returns: the paths written.
    public static func generateKeyPair(in directory: String) throws -> (privateKey: String, publicKey: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = ES256PrivateKey()
        let privatePath = URL(fileURLWithPath: directory).appendingPathComponent("private.pem").path
        let publicPath = URL(fileURLWithPath: directory).appendingPathComponent("public.pem").path
        guard
            FileManager.default.createFile(
                atPath: privatePath,
                contents: Data(key.pemRepresentation.utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw TokenMinterError(message: "cannot write \(privatePath)") }
        guard FileManager.default.createFile(atPath: publicPath, contents: Data(key.publicKey.pemRepresentation.utf8)) else {
            throw TokenMinterError(message: "cannot write \(publicPath)")
        }
        return (privatePath, publicPath)
    }
}

/// A key that cannot be used for minting.
public struct TokenMinterError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { self.message }
}
