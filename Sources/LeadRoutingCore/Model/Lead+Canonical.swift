#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Lead {
    /// The lead as compact JSON with sorted keys and absent fields left out: the same lead always gives the same
    /// text, whatever whitespace or key order it arrived with (the lead store's idempotency comparison, byte for
    /// byte: `café` in another Unicode normalisation is another lead).
    public func canonicalJSON() -> String {
        // Encoding a Lead cannot fail: every field is a plain string, number or bool.
        String(decoding: (try? StableJSON.bytes(self)) ?? [], as: UTF8.self)
    }
}
