import LeadRoutingCore
import Testing

@Suite struct LeadValidationTests {
    @Test func fullLeadDecodes() throws {
        let json = #"""
            {"id":"L1","territoryId":"T1","kind":"rent","price":2500.5,"language":"es","languageRequired":true,
             "urgency":3,"sourceAgentId":"A1","previousAgentId":"A2","createdAt":"2026-02-28T23:59:59.5+01:00"}
            """#
        let lead = try Lead.decode(json: Array(json.utf8))
        #expect(
            lead
                == Lead(
                    id: "L1",
                    territoryId: "T1",
                    kind: .rent,
                    price: 2500.5,
                    language: "es",
                    languageRequired: true,
                    urgency: 3,
                    sourceAgentId: "A1",
                    previousAgentId: "A2",
                    createdAt: "2026-02-28T23:59:59.5+01:00"
                )
        )
    }

    @Test func minimalLeadTakesDefaults() throws {
        let lead = try Lead.decode(json: Array(#"{"id":"L1","territoryId":"T1"}"#.utf8))
        #expect(lead.kind == .buy && lead.urgency == 0 && !lead.languageRequired && lead.price == nil)
    }

    @Test(arguments: [
        (#"{"territoryId":"T1"}"#, "id"),
        (#"{"id":"L1"}"#, "territoryId"),
        (#"{"id":"","territoryId":"T1"}"#, "id"),
        (#"{"id":"L1","territoryId":"T1","kind":"lease"}"#, "kind"),
        (#"{"id":"L1","territoryId":"T1","urgency":4}"#, "urgency"),
        (#"{"id":"L1","territoryId":"T1","urgency":1.5}"#, "urgency"),
        (#"{"id":"L1","territoryId":"T1","price":-1}"#, "price"),
        (#"{"id":"L1","territoryId":"T1","languageRequired":"yes"}"#, "languageRequired"),
        (#"{"id":"L1","territoryId":"T1","createdAt":"2026-02-30"}"#, "createdAt"),
        (#"{"id":"L1","territoryId":"T1","createdAt":"2026-01-01T25:00Z"}"#, "createdAt"),
        (#"{"id":null,"territoryId":"T1"}"#, "id"),
        ("{", ""),
        ("[]", ""),
    ])
    func invalidLeadNamesTheField(json: String, field: String) {
        #expect {
            _ = try Lead.decode(json: Array(json.utf8))
        } throws: { error in
            (error as? LeadValidationError)?.field == field
        }
    }

    @Test func overlongIdIsRejected() {
        let lead = Lead(id: String(repeating: "x", count: Lead.maximumIdLength + 1), territoryId: "T1")
        #expect(throws: LeadValidationError(field: "id", reason: "longer than \(Lead.maximumIdLength) bytes")) { try lead.validate() }
    }

    @Test(arguments: ["2024-02-29", "2026-11-26T09:00Z", "2026-11-26T09:00:00Z", "2026-11-26T09:00:00.123-05:00", "2026-11-26T09:00"])
    func acceptedTimestamps(_ text: String) {
        #expect(ISO8601Shape.isValid(text))
    }

    @Test(arguments: ["2023-02-29", "26-11-26", "2026-13-01", "2026-11-26T9:00", "2026-11-26T09:00:00.Z", "2026-11-26T09:00+5", "now"])
    func rejectedTimestamps(_ text: String) {
        #expect(!ISO8601Shape.isValid(text))
    }
}
