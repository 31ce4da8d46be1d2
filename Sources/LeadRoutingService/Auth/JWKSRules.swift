import Foundation

/// What the service requires of a JWKS before it trusts it: at least one key, and every key one it can verify
/// RS256 or ES256 signatures with. A document that would start a server refusing every token, or trusting an
/// encryption key for signatures, is refused at start with the key that is wrong.
enum JWKSRules {
    private struct Document: Decodable {
        var keys: [Key]
    }

    private struct Key: Decodable {
        var kty: String?
        var alg: String?
        var crv: String?
        var use: String?
        var keyOps: [String]?
        var kid: String?

        enum CodingKeys: String, CodingKey {
            case kty, alg, crv, use, kid
            case keyOps = "key_ops"
        }
    }

    /// Throws a `jwks` configuration error naming the file, the key (`kid` or position) and the rule it breaks.
    static func check(_ data: Data, path: String) throws(ServiceConfigurationError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ServiceConfigurationError(setting: "jwks", message: "\(path): not a JWKS document (an object with a \"keys\" array)")
        }
        guard !document.keys.isEmpty else {
            throw ServiceConfigurationError(setting: "jwks", message: "\(path): the \"keys\" array is empty, so every token would be refused")
        }
        for (position, key) in document.keys.enumerated() {
            let name = key.kid.map { "key \"\($0)\"" } ?? "key #\(position + 1)"
            if let reason = Self.problem(key) {
                throw ServiceConfigurationError(setting: "jwks", message: "\(path): \(name): \(reason)")
            }
        }
    }

    private static func problem(_ key: Key) -> String? {
        if let use = key.use, use != "sig" { return "\"use\" is \"\(use)\"; only signature keys (\"sig\") verify tokens" }
        if let operations = key.keyOps, !operations.contains("verify") { return "\"key_ops\" does not allow \"verify\"" }
        switch key.kty {
        case "RSA":
            if let alg = key.alg, alg != "RS256" { return "an RSA key must be for RS256, not \(alg)" }
        case "EC":
            guard key.crv == "P-256" else { return "an EC key must be on curve P-256 (ES256), not \(key.crv ?? "an unnamed curve")" }
            if let alg = key.alg, alg != "ES256" { return "a P-256 key must be for ES256, not \(alg)" }
        default:
            return "only RSA (RS256) and EC P-256 (ES256) keys are accepted, not \(key.kty ?? "a key without \"kty\"")"
        }
        return nil
    }
}
