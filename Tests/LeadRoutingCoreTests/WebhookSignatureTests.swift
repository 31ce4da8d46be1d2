import LeadRoutingCore
import Testing

/// HMAC-SHA256 matches RFC 4231, and the webhook signature check accepts exactly the signed body under the secret.
@Suite struct WebhookSignatureTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// RFC 4231 test cases 1–4, 6 and 7 (case 5 is below: it compares a truncated code).
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), bytes("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (bytes("Jefe"), bytes("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (
            [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (
            [UInt8](repeating: 0xaa, count: 131), bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        (
            [UInt8](repeating: 0xaa, count: 131),
            bytes(
                "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
            ),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
    ])
    func hmacMatchesRFC4231(key: [UInt8], message: [UInt8], hex: String) {
        #expect(SHA256Digest.lowercaseHex(HMACSHA256.authenticationCode(key: key, message: message)) == hex)
    }

    @Test func hmacMatchesRFC4231TruncatedCase() {
        let code = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0x0c, count: 20), message: Self.bytes("Test With Truncation"))
        #expect(SHA256Digest.lowercaseHex(Array(code.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func theSignatureHeaderIsTheHexCodeOfTheBody() {
        let header = WebhookSignature.header(body: Self.bytes("what do ya want for nothing?"), secret: Self.bytes("Jefe"))
        #expect(header == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// The check a receiver runs: the signed body passes (hex in either case); a changed body, another secret, a
    /// changed digit, a short or missing prefix are refused.
    @Test func theCheckAcceptsOnlyTheSignedBodyUnderTheSecret() {
        let body = Self.bytes(#"{"id":"1","leadId":"L1","type":"lead.routed"}"#)
        let secret = Self.bytes("s3cret")
        let header = WebhookSignature.header(body: body, secret: secret)
        #expect(WebhookSignature.isValid(header, body: body, secret: secret))
        #expect(WebhookSignature.isValid("sha256=" + header.dropFirst(7).uppercased(), body: body, secret: secret))
        #expect(!WebhookSignature.isValid(header, body: Self.bytes(#"{"id":"1","leadId":"L2","type":"lead.routed"}"#), secret: secret))
        #expect(!WebhookSignature.isValid(header, body: body, secret: Self.bytes("s3cres")))
        let last = header.last == "0" ? "1" : "0"
        #expect(!WebhookSignature.isValid(String(header.dropLast()) + last, body: body, secret: secret))
        #expect(!WebhookSignature.isValid(String(header.dropLast(2)), body: body, secret: secret))
        #expect(!WebhookSignature.isValid(String(header.dropFirst(7)), body: body, secret: secret))
        #expect(!WebhookSignature.isValid("sha1=" + header.dropFirst(7), body: body, secret: secret))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2]))
    }
}
