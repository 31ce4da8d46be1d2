import Foundation
import LeadRoutingCore

/// Machine output: compact or pretty JSON in the project's one encoding (``StableJSON``: sorted keys), so the same
/// value always prints the same bytes, and the same bytes as the HTTP API answers.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        String(decoding: try StableJSON.bytes(value, pretty: pretty), as: UTF8.self)
    }

    static func data<T: Encodable>(_ value: T) throws -> Data {
        Data(try StableJSON.bytes(value))
    }
}
