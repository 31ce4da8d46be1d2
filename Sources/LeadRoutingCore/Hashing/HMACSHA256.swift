/// HMAC-SHA256 (RFC 2104) over the core's ``SHA256Digest``: the message authentication code webhook receivers check
/// to know an event came from LeadRouter and was not altered. Small messages only, like the digest it is built on.
public enum HMACSHA256 {
    /// SHA-256's block size in bytes; longer keys are hashed first, shorter ones padded with zeros.
    static let blockSize = 64

    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > Self.blockSize ? SHA256Digest.hash(key) : key
        block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
        let inner = SHA256Digest.hash(block.map { $0 ^ 0x36 } + message)
        return SHA256Digest.hash(block.map { $0 ^ 0x5c } + inner)
    }

    /// Whether two codes are equal, in time that does not depend on where they first differ (so a forger cannot
    /// find a valid code byte by byte from response times).
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
