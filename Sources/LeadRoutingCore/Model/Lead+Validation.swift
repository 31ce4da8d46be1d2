#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Lead {
    /// Longest accepted id (lead, territory and agent ids).
    public static let maximumIdLength = 128

    /// The characters an id may use: ASCII letters and digits, `.`, `_`, `:` and `-` (the first a letter or digit;
    /// OpenAPI pattern ``idPattern``). Such an id is the same text in a URL path as in JSON, so a lead is reachable
    /// under the id it was created with.
    public static let idAlphabet = "letters, digits, '.', '_', ':' and '-'"
    /// ``idAlphabet`` and ``maximumIdLength`` as the regular expression of the OpenAPI document.
    public static let idPattern = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"

    /// Why `id` is not an acceptable id (1–``maximumIdLength`` characters of ``idAlphabet``); nil when it is.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "must not be empty" }
        if id.utf8.count > Self.maximumIdLength { return "longer than \(Self.maximumIdLength) bytes" }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        let safe = id.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x3A || $0 == 0x2D }
        if !safe || !isAlphanumeric(id.utf8.first!) { return "must start with a letter or digit and use only \(Self.idAlphabet)" }
        return nil
    }

    /// Checks field ranges: ids of ``idAlphabet`` (see ``idProblem(_:)``), price ≥ 0, urgency 0–3, a language
    /// code of at most 16 bytes without control characters, an ISO-8601 `createdAt`.
    public func validate() throws(LeadValidationError) {
        for (field, value) in [
            ("id", self.id), ("territoryId", self.territoryId), ("sourceAgentId", self.sourceAgentId),
            ("previousAgentId", self.previousAgentId),
        ] {
            if let value, let problem = Self.idProblem(value) { throw LeadValidationError(field: field, reason: problem) }
        }
        if let price = self.price, !(price.isFinite && price >= 0) {
            throw LeadValidationError(field: "price", reason: "must be a number ≥ 0")
        }
        if !(0...3).contains(self.urgency) { throw LeadValidationError(field: "urgency", reason: "must be 0, 1, 2 or 3") }
        if let language = self.language {
            if language.utf8.count > 16 { throw LeadValidationError(field: "language", reason: "longer than 16 bytes") }
            if StrictJSON.containsControlCharacters(language) {
                throw LeadValidationError(field: "language", reason: "must not contain control characters")
            }
        }
        if let createdAt = self.createdAt, !ISO8601Shape.isValid(createdAt) {
            throw LeadValidationError(field: "createdAt", reason: "not an ISO-8601 date or date-time")
        }
    }

    /// Decodes and validates one Lead JSON document (``StrictJSON``): errors name the offending field, unknown
    /// fields included.
    public static func decode(json: [UInt8]) throws(LeadValidationError) -> Lead {
        let lead = try StrictJSON.decode(Lead.self, json: json, subject: "lead")
        try lead.validate()
        return lead
    }

    /// Marks a decoder reading a payload the lead store kept (``decodeKept(json:)``).
    static let keptPayloadKey = CodingUserInfoKey(rawValue: "leadrouter.keptPayload")!

    /// Reads a lead payload the store kept, as received by any earlier version: members unknown today were accepted
    /// then and are ignored, so an old lead can still be declined, expired and retried.
    public static func decodeKept(json: [UInt8]) throws -> Lead {
        let decoder = JSONDecoder()
        decoder.userInfo[Self.keptPayloadKey] = true
        return try decoder.decode(Lead.self, from: Data(json))
    }
}
