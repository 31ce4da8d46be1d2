/// What the hard constraints and features need to know about the lead, resolved once per lead.
struct LeadContext {
    /// The stream of the performance term's exploration draws (see ``Router/explorationStream(leadId:)``).
    let explorationStream: UInt64
    let territory: Int32
    /// Mask of the territory's state; 0 when the state is unknown (licence not checkable, not enforced).
    let stateMask: UInt64
    let kindBit: UInt8
    /// Mask of the required language; nil when the lead does not require one (0 when nobody speaks it).
    let requiredLanguage: UInt64?
    /// Mask of the client's language, required or not; 0 without one (or when nobody speaks it).
    let clientLanguage: UInt64
    let price: Double?
    let excluded: [Int32]
    let latitude: Double
    let longitude: Double
    let cosLatitude: Double

    init(lead: Lead, territory: Int32, projection: GraphProjection, excluding: Set<String>) {
        self.explorationStream = Router.explorationStream(leadId: lead.id)
        self.territory = territory
        let stateBit = projection.territoryState[Int(territory)]
        self.stateMask = stateBit >= 0 ? 1 << UInt64(stateBit) : 0
        self.kindBit = lead.kind.bit
        if let language = lead.language, !language.isEmpty {
            self.clientLanguage = projection.languageSymbols.mask(of: language.lowercased())
        } else {
            self.clientLanguage = 0
        }
        self.requiredLanguage = lead.languageRequired && lead.language?.isEmpty == false ? self.clientLanguage : nil
        self.price = lead.price
        self.excluded = excluding.compactMap { projection.agent($0) }
        self.latitude = projection.territoryLatitude[Int(territory)]
        self.longitude = projection.territoryLongitude[Int(territory)]
        self.cosLatitude = GeoDistance.cosine(degrees: self.latitude)
    }
}
