import Foundation
import LeadRoutingCore
import Testing

/// The rules every caller's input meets, whatever the channel: strict Lead JSON, UTF-8 text, safe ids, one error type
/// whose text the CLI prints and the service answers.
@Suite struct InputRulesTests {
    @Test func anUnknownLeadFieldIsRefusedByName() {
        let error = #expect(throws: InputError.self) {
            _ = try Lead.decode(json: Array(#"{"id":"L1","territoryId":"T1","langauge":"es"}"#.utf8))
        }
        #expect(error?.field == "langauge")
        #expect(error?.kind == .invalid)
        #expect(error?.description.hasPrefix("invalid lead: langauge: unknown field (known: id, territoryId, kind,") == true, "\(error!)")
    }

    @Test func malformedJSONIsToldApartFromInvalidValues() {
        for text in ["{", "", "{\"id\":\"L1\"", "nope"] {
            let error = #expect(throws: InputError.self) { _ = try Lead.decode(json: Array(text.utf8)) }
            #expect(error?.kind == .malformed, "\(text)")
            #expect(error?.description == "malformed lead: not valid JSON")
        }
        for text in ["[]", #"{"id":1,"territoryId":"T1"}"#, #"{"territoryId":"T1"}"#] {
            let error = #expect(throws: InputError.self) { _ = try Lead.decode(json: Array(text.utf8)) }
            #expect(error?.kind == .invalid, "\(text)")
        }
    }

    @Test func aBodyThatIsNotUTF8IsInvalid() {
        let utf16 = Array(#"{"id":"L1","territoryId":"T1"}"#.data(using: .utf16LittleEndian)!)
        let withBOM = [0xFF, 0xFE] + utf16
        for bytes in [utf16, withBOM, [0x7B, 0xC3, 0x28, 0x7D]] {
            let error = #expect(throws: InputError.self) { _ = try Lead.decode(json: bytes) }
            #expect(error == InputError(field: "", reason: "must be UTF-8 JSON text"))
        }
    }

    @Test(arguments: ["lead one", "L\u{0}1", "L\u{7}", "-L1", ".", "..", "café", "a/b", "L%201", String(repeating: "x", count: 129)])
    func idsOutsideTheSafeAlphabetAreRefused(_ id: String) throws {
        #expect(Lead.idProblem(id) != nil)
        let json = try JSONEncoder().encode(["id": id, "territoryId": "T1"])
        let error = #expect(throws: InputError.self) { _ = try Lead.decode(json: Array(json)) }
        #expect(error?.field == "id")
        // The same rule holds for the ids a lead refers to.
        let source = try JSONEncoder().encode(["id": "L1", "territoryId": "T1", "sourceAgentId": id])
        #expect(throws: InputError.self) { _ = try Lead.decode(json: Array(source)) }
    }

    @Test(arguments: ["L1", "A0000184", "10063", "lead-1.b_c:d", "9", String(repeating: "x", count: 128)])
    func safeIdsAreAccepted(_ id: String) {
        #expect(Lead.idProblem(id) == nil)
        #expect(id.range(of: Lead.idPattern, options: .regularExpression) != nil)
    }

    @Test func payloadsKeptByEarlierVersionsStillRead() throws {
        // Accepted before unknown members were refused: the store keeps it, decline and expiry must still read it.
        let kept = Array(#"{"id":"L1","territoryId":"T1","langauge":"es"}"#.utf8)
        #expect(throws: InputError.self) { _ = try Lead.decode(json: kept) }
        #expect(try Lead.decodeKept(json: kept) == Lead(id: "L1", territoryId: "T1"))
    }

    @Test func controlCharactersInTextAreRefused() {
        let error = #expect(throws: InputError.self) {
            _ = try Lead.decode(json: Array(#"{"id":"L1","territoryId":"T1","language":"e\u0000s"}"#.utf8))
        }
        #expect(error == InputError(field: "language", reason: "must not contain control characters"))
    }

    @Test func otherDocumentsNameTheirSubject() {
        struct Body: Decodable {
            var available: Bool
            init(from decoder: any Decoder) throws {
                try StrictJSON.requireKnownKeys(decoder, known: ["available"])
                self.available = try decoder.container(keyedBy: CodingKeys.self).decode(Bool.self, forKey: .available)
            }
            enum CodingKeys: String, CodingKey { case available }
        }
        let unknown = #expect(throws: InputError.self) {
            _ = try StrictJSON.decode(Body.self, json: Array(#"{"available":true,"until":"May"}"#.utf8), subject: "availability")
        }
        #expect(unknown?.description == "invalid availability: until: unknown field (known: available)")
        let wrongType = #expect(throws: InputError.self) {
            _ = try StrictJSON.decode(Body.self, json: Array(#"{"available":"no"}"#.utf8), subject: "availability")
        }
        #expect(wrongType == InputError(field: "available", reason: "wrong type", subject: "availability"))
    }

    @Test func canonicalFormsOfDifferentNormalisationsDifferInBytes() throws {
        let composed = try Lead.decode(json: Array(#"{"id":"L1","territoryId":"T1","language":"caf\u00e9"}"#.utf8))
        let decomposed = try Lead.decode(json: Array(#"{"id":"L1","territoryId":"T1","language":"cafe\u0301"}"#.utf8))
        // Swift's String equality says "the same"; the store compares bytes.
        #expect(composed.language == decomposed.language)
        #expect(Array(composed.canonicalJSON().utf8) != Array(decomposed.canonicalJSON().utf8))
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"), (1_800_000_000_000, "2027-01-15T08:00:00.000Z"), (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"), (1_777_777_777_777, "2026-05-03T03:09:37.777Z"),
    ])
    func timestampsAreISO8601WithMilliseconds(_ millis: Int64, _ text: String) {
        #expect(ISO8601Timestamp.string(millis: millis) == text)
        #expect(ISO8601Shape.isValid(text))
    }

    @Test func stableJSONSortsKeys() throws {
        struct Record: Encodable {
            var zeta = 1
            var alpha = "a/b"
            var middle = [2.5]
        }
        #expect(String(decoding: try StableJSON.bytes(Record()), as: UTF8.self) == #"{"alpha":"a/b","middle":[2.5],"zeta":1}"#)
    }
}
