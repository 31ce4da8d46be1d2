import Foundation
public import LeadRoutingCore

/// Reads routing policies from JSON files.
public enum PolicyFile {
    /// Loads and validates the policy at `path`; errors name the file and the offending field.
    public static func load(from path: String) throws -> RoutingPolicy {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw PolicyFileError(path: path, message: "cannot read the file")
        }
        do {
            return try RoutingPolicy.decode(json: bytes)
        } catch {
            throw PolicyFileError(path: path, message: error.description)
        }
    }

    /// The policy at `path`, or the built-in default when `path` is nil.
    public static func loadOrDefault(_ path: String?) throws -> RoutingPolicy {
        guard let path else { return .default }
        return try self.load(from: path)
    }
}

/// A policy file that could not be read or is invalid.
public struct PolicyFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public var description: String { "\(self.path): \(self.message)" }
}
