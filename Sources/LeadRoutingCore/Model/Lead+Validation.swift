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

/// Shape check for ISO-8601 dates and date-times: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.f…]][Z|±HH:MM]`.
public enum ISO8601Shape {
    public static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for i in range {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard b.count >= 10, digits(0..<4) != nil, b[4] == UInt8(ascii: "-"), let month = digits(5..<7), b[7] == UInt8(ascii: "-"),
            let day = digits(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return false }
        if b.count == 10 { return true }
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let hour = digits(11..<13),
            b[13] == UInt8(ascii: ":"), let minute = digits(14..<16), hour <= 23, minute <= 59
        else { return false }
        var i = 16
        if i < b.count && b[i] == UInt8(ascii: ":") {
            guard let second = digits(i + 1..<i + 3), second <= 60 else { return false }
            i += 3
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
                if i == start { return false }
            }
        }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let offsetHour = digits(i + 1..<i + 3), offsetHour <= 23,
            i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let offsetMinute = digits(i + 4..<i + 6), offsetMinute <= 59
        else { return false }
        return i + 6 == b.count
    }
}
