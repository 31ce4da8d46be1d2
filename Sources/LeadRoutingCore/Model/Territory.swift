/// A ZIP-code area from `territories.csv`.
public struct Territory: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Two-letter state code; empty when unknown.
    public var state: String
    /// Centroid, when known.
    public var latitude: Double?
    public var longitude: Double?

    public init(id: String, name: String? = nil, state: String = "", latitude: Double? = nil, longitude: Double? = nil) {
        self.id = id
        self.name = name ?? id
        self.state = state
        self.latitude = latitude
        self.longitude = longitude
    }
}
