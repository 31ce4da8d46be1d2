/// Why a lead payload was rejected; `field` names the offending Lead JSON field.
public struct LeadValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Lead JSON field name, empty for the document as a whole.
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        self.field.isEmpty ? "invalid lead: \(self.reason)" : "invalid lead: \(self.field): \(self.reason)"
    }
}
