#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RoutingPolicy {
    /// Hex digits of the content hash kept in ``identity`` (48 bits: enough to tell policies of one deployment apart).
    public static let identityHashDigits = 12

    /// What decisions, audit rows and the store record as the policy: its `version` label and a hash of its
    /// content, `version@sha256:0123abcd4567`. The hash is a prefix of SHA-256 over ``canonicalContent()``
    /// (every knob, not the label), so two files that both claim `default-2` but weigh differently are told apart,
    /// and the same knobs give the same hash on every machine.
    public var identity: String {
        let digest = SHA256Digest.hex(self.canonicalContent())
        return "\(self.version)@sha256:\(digest.prefix(Self.identityHashDigits))"
    }

    /// The policy's knobs as compact JSON with sorted keys and the `version` label left empty: the bytes the
    /// identity hash covers.
    public func canonicalContent() -> [UInt8] {
        var content = self
        content.version = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(content)) ?? Data())
    }
}
