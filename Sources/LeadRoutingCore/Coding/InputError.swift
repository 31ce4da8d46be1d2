/// Why a document or value from a caller was rejected: the one error of bad input, whatever the channel. The CLI
/// prints ``description``; the HTTP service answers the same text as the problem's `detail` (400 for
/// ``Kind/malformed``, 422 for ``Kind/invalid``; statuses are chosen in the service only).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whether the input could not be read at all or was read and found wrong.
    public enum Kind: String, Sendable, Hashable {
        /// Not parseable: not JSON, truncated, not a document.
        case malformed
        /// Well-formed but with a value that is not allowed (missing, unknown, wrong type, out of range, not UTF-8).
        case invalid
    }

    public let kind: Kind
    /// What was read, in words: `lead`, `availability`, `lead action`, `parameter`.
    public let subject: String
    /// The offending field (Lead JSON field, body member or parameter name); empty for the document as a whole.
    public let field: String
    public let reason: String

    public init(field: String, reason: String, kind: Kind = .invalid, subject: String = "lead") {
        self.kind = kind
        self.subject = subject
        self.field = field
        self.reason = reason
    }

    /// The same error about another subject.
    public func about(_ subject: String) -> InputError {
        InputError(field: self.field, reason: self.reason, kind: self.kind, subject: subject)
    }

    /// `invalid lead: langauge: unknown field …`, `malformed lead: not valid JSON`.
    public var description: String {
        let head = "\(self.kind == .malformed ? "malformed" : "invalid") \(self.subject)"
        return self.field.isEmpty ? "\(head): \(self.reason)" : "\(head): \(self.field): \(self.reason)"
    }
}

/// The name lead validation has always had: a Lead JSON problem is an ``InputError`` about a `lead`.
public typealias LeadValidationError = InputError

extension InputError {
    /// A lead whose territory is not in the graph it would be routed on (rejected at intake, see
    /// ``LeadLifecycle/Configuration/acceptUnknownTerritories``). The CLI and the HTTP API give this same text.
    public static func unknownTerritory(_ territoryId: String, graphVersion: String) -> InputError {
        InputError(field: "territoryId", reason: "unknown territory \(territoryId) (not in graph \(graphVersion))")
    }
}
