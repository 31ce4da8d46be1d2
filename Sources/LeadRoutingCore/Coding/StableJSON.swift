#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one JSON encoding of everything the CLI prints and the HTTP service answers: sorted keys and unescaped
/// slashes, so the same value always gives the same bytes (stable, diffable output). Compact output of a
/// ``StableJSONWritable`` value (a decision) takes its hand-written encoding: the same bytes, several times faster.
public enum StableJSON {
    /// Compact (one line) or pretty-printed.
    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The value's bytes.
    public static func bytes<T: Encodable>(_ value: T, pretty: Bool = false) throws -> [UInt8] {
        if !pretty, let writable = value as? any StableJSONWritable {
            var writer = StableJSONWriter()
            writable.write(to: &writer)
            if !writer.wroteNonFinite { return writer.bytes }
        }
        return Array(try self.encoder(pretty: pretty).encode(value))
    }
}
