#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Lead {
    /// Longest accepted id (lead, territory and agent ids).
    public static let maximumIdLength = 128

    /// Checks field ranges: non-empty ids of at most ``maximumIdLength`` bytes, price ≥ 0, urgency 0–3,
    /// a language code of at most 16 bytes, an ISO-8601 `createdAt`.
    public func validate() throws(LeadValidationError) {
        for (field, value) in [("id", self.id), ("territoryId", self.territoryId)] {
            if value.isEmpty { throw LeadValidationError(field: field, reason: "must not be empty") }
        }
        for (field, value) in [
            ("id", self.id), ("territoryId", self.territoryId), ("sourceAgentId", self.sourceAgentId ?? ""),
            ("previousAgentId", self.previousAgentId ?? ""),
        ] where value.utf8.count > Self.maximumIdLength {
            throw LeadValidationError(field: field, reason: "longer than \(Self.maximumIdLength) bytes")
        }
        if let price = self.price, !(price.isFinite && price >= 0) {
            throw LeadValidationError(field: "price", reason: "must be a number ≥ 0")
        }
        if !(0...3).contains(self.urgency) { throw LeadValidationError(field: "urgency", reason: "must be 0, 1, 2 or 3") }
        if let language = self.language, language.utf8.count > 16 {
            throw LeadValidationError(field: "language", reason: "longer than 16 bytes")
        }
        if let createdAt = self.createdAt, !ISO8601Shape.isValid(createdAt) {
            throw LeadValidationError(field: "createdAt", reason: "not an ISO-8601 date or date-time")
        }
    }

    /// Decodes and validates one Lead JSON document; errors name the offending field.
    public static func decode(json: [UInt8]) throws(LeadValidationError) -> Lead {
        let lead: Lead
        do {
            lead = try JSONDecoder().decode(Lead.self, from: Data(json))
        } catch let DecodingError.keyNotFound(key, _) {
            throw LeadValidationError(field: key.stringValue, reason: "required")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LeadValidationError(field: context.codingPath.last?.stringValue ?? "", reason: "wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw LeadValidationError(field: context.codingPath.last?.stringValue ?? "", reason: "must not be null")
        } catch let DecodingError.dataCorrupted(context) {
            if let key = context.codingPath.last {
                throw LeadValidationError(field: key.stringValue, reason: key.stringValue == "kind" ? "must be buy, sell or rent" : "invalid value")
            }
            throw LeadValidationError(field: "", reason: "not valid JSON")
        } catch {
            throw LeadValidationError(field: "", reason: "not a lead document")
        }
        try lead.validate()
        return lead
    }
}
