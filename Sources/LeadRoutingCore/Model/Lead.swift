/// An incoming lead: the Lead JSON of the API and a row of `leads.csv`.
public struct Lead: Sendable, Hashable, Codable {
    /// Caller-chosen id; the idempotency key of the lead store.
    public var id: String
    public var territoryId: String
    public var kind: LeadKind
    public var price: Double?
    /// Preferred language (lower-case code).
    public var language: String?
    /// When true, an agent who does not speak ``language`` is excluded.
    public var languageRequired: Bool
    /// 0 (browsing) to 3 (needs an agent now); raises the weight of responsiveness.
    public var urgency: Int
    /// The agent who referred this client, if any: the start of referral paths.
    public var sourceAgentId: String?
    /// The agent who served this client before, if any: returning clients go back to them.
    public var previousAgentId: String?
    /// ISO-8601 timestamp, kept as received.
    public var createdAt: String?

    public init(
        id: String,
        territoryId: String,
        kind: LeadKind = .buy,
        price: Double? = nil,
        language: String? = nil,
        languageRequired: Bool = false,
        urgency: Int = 0,
        sourceAgentId: String? = nil,
        previousAgentId: String? = nil,
        createdAt: String? = nil
    ) {
        self.id = id
        self.territoryId = territoryId
        self.kind = kind
        self.price = price
        self.language = language
        self.languageRequired = languageRequired
        self.urgency = urgency
        self.sourceAgentId = sourceAgentId
        self.previousAgentId = previousAgentId
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, territoryId, kind, price, language, languageRequired, urgency, sourceAgentId, previousAgentId, createdAt
    }

    /// Every Lead JSON member, in contract order.
    public static var fieldNames: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// Strict: a member that is not a Lead JSON field (a misspelt `langauge`) is an error naming it, never ignored.
    /// (Unless the decoder's `userInfo` holds ``keptPayloadKey``: see ``decodeKept(json:)``.)
    public init(from decoder: any Decoder) throws {
        if decoder.userInfo[Self.keptPayloadKey] as? Bool != true {
            try StrictJSON.requireKnownKeys(decoder, known: Self.fieldNames)
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try c.decode(String.self, forKey: .id)
        self.territoryId = try c.decode(String.self, forKey: .territoryId)
        if let kind = try c.decodeIfPresent(String.self, forKey: .kind) {
            guard let parsed = LeadKind(rawValue: kind) else { throw InputError(field: "kind", reason: "must be buy, sell or rent") }
            self.kind = parsed
        } else {
            self.kind = .buy
        }
        self.price = try c.decodeIfPresent(Double.self, forKey: .price)
        self.language = try c.decodeIfPresent(String.self, forKey: .language)
        self.languageRequired = try c.decodeIfPresent(Bool.self, forKey: .languageRequired) ?? false
        // Decoded as a number first so that 1.5 is reported against `urgency`, not as malformed JSON.
        if let urgency = try c.decodeIfPresent(Double.self, forKey: .urgency) {
            guard urgency == urgency.rounded(), abs(urgency) < 1_000_000 else { throw InputError(field: "urgency", reason: "must be 0, 1, 2 or 3") }
            self.urgency = Int(urgency)
        } else {
            self.urgency = 0
        }
        self.sourceAgentId = try c.decodeIfPresent(String.self, forKey: .sourceAgentId)
        self.previousAgentId = try c.decodeIfPresent(String.self, forKey: .previousAgentId)
        self.createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
    }
}
