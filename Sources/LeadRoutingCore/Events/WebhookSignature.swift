/// The signature LeadRouter sends with every webhook POST, in the header ``headerName``:
/// `sha256=<lower-case hex HMAC-SHA256 of the raw request body under the shared secret>`. A receiver recomputes it
/// over the bytes it received (before parsing them) and compares in constant time; ``isValid(_:body:secret:)`` is
/// that check.
public enum WebhookSignature {
    /// The request header carrying the signature.
    public static let headerName = "X-LeadRouter-Signature"
    /// The request header carrying the event id (the outbox id; the same event delivered twice has the same id).
    public static let eventIdHeaderName = "X-LeadRouter-Event-Id"
    /// The request header carrying the event type (`lead.routed`, …).
    public static let eventTypeHeaderName = "X-LeadRouter-Event-Type"
    /// What precedes the hex digits.
    public static let prefix = "sha256="

    /// The header value for `body` signed with `secret`.
    public static func header(body: [UInt8], secret: [UInt8]) -> String {
        Self.prefix + SHA256Digest.lowercaseHex(HMACSHA256.authenticationCode(key: secret, message: body))
    }

    /// Whether `header` is the signature of `body` under `secret` (hex digits in either case).
    public static func isValid(_ header: String, body: [UInt8], secret: [UInt8]) -> Bool {
        guard header.hasPrefix(Self.prefix), let received = Self.bytes(hex: header.dropFirst(Self.prefix.count)) else { return false }
        return HMACSHA256.constantTimeEqual(received, HMACSHA256.authenticationCode(key: secret, message: body))
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
