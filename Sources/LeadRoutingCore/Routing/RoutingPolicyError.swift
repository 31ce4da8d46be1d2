/// Why a policy file was rejected; `field` is the JSON path of the offending value.
public struct RoutingPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Base: Sendable, Equatable {
        case malformed
        case unknownField
        case invalidValue
    }

    private let base: Base
    /// JSON path such as `weights.coverage`; empty for the document itself.
    public let field: String
    public let reason: String

    private init(_ base: Base, field: String, reason: String) {
        self.base = base
        self.field = field
        self.reason = reason
    }

    /// Not JSON, or a value of the wrong type.
    public static func malformed(field: String, reason: String) -> Self { .init(.malformed, field: field, reason: reason) }
    /// A key the policy format does not have (usually a typo).
    public static func unknownField(_ field: String) -> Self { .init(.unknownField, field: field, reason: "unknown field") }
    /// A value outside its allowed range.
    public static func invalidValue(field: String, reason: String) -> Self { .init(.invalidValue, field: field, reason: reason) }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.base == rhs.base && lhs.field == rhs.field }

    public var description: String {
        self.field.isEmpty ? "invalid policy: \(self.reason)" : "invalid policy: \(self.field): \(self.reason)"
    }
}
