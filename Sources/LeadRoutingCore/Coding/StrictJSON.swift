#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Strict reading of the JSON documents callers send (Lead JSON, lifecycle and availability bodies): UTF-8 text
/// only, unknown members rejected, every error an ``InputError`` naming the member. One reader for the CLI and
/// the HTTP service, so the same mistake gets the same message on both.
public enum StrictJSON {
    /// Decodes `json` as `T` (whose `init(from:)` calls ``requireKnownKeys(_:known:)``).
    /// - Throws: ``InputError`` about `subject`: malformed when the bytes are not a JSON document, invalid when they
    ///   are not UTF-8 text or a member is missing, unknown, null or of the wrong type.
    public static func decode<T: Decodable>(_ type: T.Type, json: [UInt8], subject: String) throws(InputError) -> T {
        try self.requireText(json, subject: subject)
        do {
            return try JSONDecoder().decode(T.self, from: Data(json))
        } catch let error as InputError {
            throw error.about(subject)
        } catch let DecodingError.keyNotFound(key, _) {
            throw InputError(field: key.stringValue, reason: "required", subject: subject)
        } catch let DecodingError.typeMismatch(_, context) {
            guard let key = context.codingPath.last else { throw InputError(field: "", reason: "must be a JSON object", subject: subject) }
            throw InputError(field: key.stringValue, reason: "wrong type", subject: subject)
        } catch let DecodingError.valueNotFound(_, context) {
            throw InputError(field: context.codingPath.last?.stringValue ?? "", reason: "must not be null", subject: subject)
        } catch let DecodingError.dataCorrupted(context) {
            if let key = context.codingPath.last {
                throw InputError(field: key.stringValue, reason: "invalid value", subject: subject)
            }
            throw InputError(field: "", reason: "not valid JSON", kind: .malformed, subject: subject)
        } catch {
            throw InputError(field: "", reason: "not valid JSON", kind: .malformed, subject: subject)
        }
    }

    /// Refuses bytes that are not UTF-8 text: invalid UTF-8, or NUL bytes (a UTF-16 document of ASCII text).
    public static func requireText(_ bytes: [UInt8], subject: String) throws(InputError) {
        if bytes.contains(0) || String(validating: bytes, as: UTF8.self) == nil {
            throw InputError(field: "", reason: "must be UTF-8 JSON text", subject: subject)
        }
    }

    /// Whether `text` holds a control character (U+0000–U+001F, U+007F–U+009F): never accepted in ids, codes or
    /// reasons (a NUL reaches no database intact).
    public static func containsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Throws ``InputError`` naming the first member (in sorted order) of the object being decoded that is not
    /// in `known`, listing the known ones.
    public static func requireKnownKeys(_ decoder: any Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw InputError(field: unknown, reason: "unknown field (known: \(known.joined(separator: ", ")))")
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
