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

extension LeadValidationError {
    /// A lead whose territory is not in the graph it would be routed on (rejected at intake, see
    /// ``LeadLifecycle/Configuration/acceptUnknownTerritories``). The CLI and the HTTP API give this same text.
    public static func unknownTerritory(_ territoryId: String, graphVersion: String) -> LeadValidationError {
        LeadValidationError(field: "territoryId", reason: "unknown territory \(territoryId) (not in graph \(graphVersion))")
    }
}
