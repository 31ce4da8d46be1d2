import LeadRoutingCore

/// A real metropolitan area the generator lays its territory grid around: the centre, the states the grid is
/// split between (by compass bearing and distance from the centre), open water to leave out, ZIP prefixes,
/// and local market figures (home prices, Spanish-speaking share).
///
/// The geography is deliberately coarse — sectors, not borders — but puts New Jersey west of Manhattan,
/// Lake Michigan east of Chicago and the Pacific west of Los Angeles, so generated data looks plausible on a map.
public struct Metro: Sendable, Hashable {
    /// A compass sector (bearing in degrees clockwise from north, `from` to `to`, wrapping through 360 when
    /// `from > to`) between two distances from the metro centre.
    public struct Sector: Sendable, Hashable {
        public var fromBearing: Double
        public var toBearing: Double
        public var minimumKm: Double
        public var maximumKm: Double

        public init(fromBearing: Double, toBearing: Double, minimumKm: Double = 0, maximumKm: Double = .infinity) {
            self.fromBearing = fromBearing
            self.toBearing = toBearing
            self.minimumKm = minimumKm
            self.maximumKm = maximumKm
        }

        /// Whether a point at this bearing and distance lies in the sector.
        public func contains(bearing: Double, distanceKm: Double) -> Bool {
            guard distanceKm >= self.minimumKm, distanceKm < self.maximumKm else { return false }
            if self.fromBearing <= self.toBearing {
                return bearing >= self.fromBearing && bearing < self.toBearing
            }
            return bearing >= self.fromBearing || bearing < self.toBearing
        }
    }

    /// Territories in `sector` belong to `state`, whose ZIP codes start at `zipBase`.
    public struct StateRegion: Sendable, Hashable {
        public var state: String
        public var zipBase: Int
        public var sector: Sector

        public init(state: String, zipBase: Int, sector: Sector) {
            self.state = state
            self.zipBase = zipBase
            self.sector = sector
        }
    }

    /// Short key accepted by `--metro` (for example `new-york`).
    public var key: String
    /// Display name.
    public var name: String
    public var latitude: Double
    public var longitude: Double
    /// State of every territory not matched by a region.
    public var primaryState: String
    /// First ZIP code handed out in the primary state.
    public var primaryZipBase: Int
    /// Other states, first match wins.
    public var regions: [StateRegion]
    /// Open water: no territories there.
    public var water: [Sector]
    /// States just outside the grid, used for the odd out-of-area licence.
    public var nearbyStates: [String]
    /// Typical home price in dollars (rents are derived from it).
    public var medianHomePrice: Double
    /// Share of agents who speak Spanish; leads' Spanish share follows it.
    public var spanishShare: Double

    public init(
        key: String,
        name: String,
        latitude: Double,
        longitude: Double,
        primaryState: String,
        primaryZipBase: Int,
        regions: [StateRegion] = [],
        water: [Sector] = [],
        nearbyStates: [String] = [],
        medianHomePrice: Double,
        spanishShare: Double
    ) {
        self.key = key
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.primaryState = primaryState
        self.primaryZipBase = primaryZipBase
        self.regions = regions
        self.water = water
        self.nearbyStates = nearbyStates
        self.medianHomePrice = medianHomePrice
        self.spanishShare = spanishShare
    }

    /// The grid's states: the primary state first, then the regions' states in order, without repeats.
    public var stateCodes: [String] {
        var codes = [self.primaryState]
        for region in self.regions where !codes.contains(region.state) { codes.append(region.state) }
        return codes
    }

    /// Finds a metro by key or name, ignoring case, spaces, dashes and dots (`new-york`, `New York`, `NYC`).
    public static func named(_ name: String) -> Metro? {
        let wanted = normalise(name)
        return all.first { normalise($0.key) == wanted || normalise($0.name) == wanted || $0.aliases.contains(wanted) }
    }

    private var aliases: [String] {
        switch self.key {
        case "new-york": ["nyc", "ny"]
        case "los-angeles": ["la"]
        case "washington": ["dc", "washingtondc"]
        case "chicago": ["chi"]
        default: []
        }
    }

    private static func normalise(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter })
    }

    /// New York: NY at the centre, New Jersey west of the Hudson, Connecticut to the north-east, the Atlantic south.
    public static let newYork = Metro(
        key: "new-york",
        name: "New York",
        latitude: 40.7128,
        longitude: -74.0060,
        primaryState: "NY",
        primaryZipBase: 10001,
        regions: [
            StateRegion(state: "NJ", zipBase: 7001, sector: Sector(fromBearing: 195, toBearing: 335, minimumKm: 2)),
            StateRegion(state: "CT", zipBase: 6001, sector: Sector(fromBearing: 20, toBearing: 75, minimumKm: 45)),
        ],
        water: [Sector(fromBearing: 115, toBearing: 190, minimumKm: 18)],
        nearbyStates: ["PA"],
        medianHomePrice: 650_000,
        spanishShare: 0.25
    )

    /// Chicago: IL, Indiana to the south-east, Wisconsin far north, Lake Michigan east.
    public static let chicago = Metro(
        key: "chicago",
        name: "Chicago",
        latitude: 41.8781,
        longitude: -87.6298,
        primaryState: "IL",
        primaryZipBase: 60601,
        regions: [
            StateRegion(state: "IN", zipBase: 46301, sector: Sector(fromBearing: 100, toBearing: 180, minimumKm: 20)),
            StateRegion(state: "WI", zipBase: 53101, sector: Sector(fromBearing: 330, toBearing: 20, minimumKm: 75)),
        ],
        water: [Sector(fromBearing: 20, toBearing: 100, minimumKm: 2)],
        nearbyStates: ["MI"],
        medianHomePrice: 330_000,
        spanishShare: 0.25
    )

    /// Houston: TX, Galveston Bay and the Gulf to the south-east.
    public static let houston = Metro(
        key: "houston",
        name: "Houston",
        latitude: 29.7604,
        longitude: -95.3698,
        primaryState: "TX",
        primaryZipBase: 77001,
        water: [Sector(fromBearing: 100, toBearing: 175, minimumKm: 55)],
        nearbyStates: ["LA"],
        medianHomePrice: 310_000,
        spanishShare: 0.40
    )

    /// Los Angeles: CA, the Pacific to the south-west.
    public static let losAngeles = Metro(
        key: "los-angeles",
        name: "Los Angeles",
        latitude: 34.0522,
        longitude: -118.2437,
        primaryState: "CA",
        primaryZipBase: 90001,
        water: [Sector(fromBearing: 190, toBearing: 290, minimumKm: 22)],
        nearbyStates: ["NV", "AZ"],
        medianHomePrice: 900_000,
        spanishShare: 0.40
    )

    /// Atlanta: GA, inland.
    public static let atlanta = Metro(
        key: "atlanta",
        name: "Atlanta",
        latitude: 33.7490,
        longitude: -84.3880,
        primaryState: "GA",
        primaryZipBase: 30301,
        nearbyStates: ["AL", "TN", "SC"],
        medianHomePrice: 390_000,
        spanishShare: 0.12
    )

    /// Washington: DC at the core, Maryland north and east, Virginia across the Potomac.
    public static let washington = Metro(
        key: "washington",
        name: "Washington",
        latitude: 38.9072,
        longitude: -77.0369,
        primaryState: "MD",
        primaryZipBase: 20701,
        regions: [
            StateRegion(state: "DC", zipBase: 20001, sector: Sector(fromBearing: 0, toBearing: 360, maximumKm: 7)),
            StateRegion(state: "VA", zipBase: 22001, sector: Sector(fromBearing: 160, toBearing: 330)),
        ],
        nearbyStates: ["WV", "DE"],
        medianHomePrice: 600_000,
        spanishShare: 0.15
    )

    /// Philadelphia: PA, New Jersey across the Delaware, Delaware to the south-west.
    public static let philadelphia = Metro(
        key: "philadelphia",
        name: "Philadelphia",
        latitude: 39.9526,
        longitude: -75.1652,
        primaryState: "PA",
        primaryZipBase: 19101,
        regions: [
            StateRegion(state: "NJ", zipBase: 8001, sector: Sector(fromBearing: 15, toBearing: 165, minimumKm: 2)),
            StateRegion(state: "DE", zipBase: 19701, sector: Sector(fromBearing: 200, toBearing: 245, minimumKm: 30)),
        ],
        nearbyStates: ["MD", "NY"],
        medianHomePrice: 320_000,
        spanishShare: 0.12
    )

    /// Miami: FL, Biscayne Bay and the Atlantic east.
    public static let miami = Metro(
        key: "miami",
        name: "Miami",
        latitude: 25.7617,
        longitude: -80.1918,
        primaryState: "FL",
        primaryZipBase: 33101,
        water: [Sector(fromBearing: 15, toBearing: 170, minimumKm: 4)],
        nearbyStates: ["GA"],
        medianHomePrice: 550_000,
        spanishShare: 0.55
    )

    /// Dallas: TX, inland.
    public static let dallas = Metro(
        key: "dallas",
        name: "Dallas",
        latitude: 32.7767,
        longitude: -96.7970,
        primaryState: "TX",
        primaryZipBase: 75201,
        nearbyStates: ["OK"],
        medianHomePrice: 400_000,
        spanishShare: 0.30
    )

    /// Every built-in metro, default first.
    public static let all: [Metro] = [newYork, chicago, houston, losAngeles, atlanta, washington, philadelphia, miami, dallas]
}
