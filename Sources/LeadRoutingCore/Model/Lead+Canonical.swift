#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Lead {
    /// The lead as compact JSON with sorted keys and absent fields left out: the same lead always gives the same
    /// text, whatever whitespace or key order it arrived with (the lead store's idempotency comparison).
    public func canonicalJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a Lead cannot fail: every field is a plain string, number or bool.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
