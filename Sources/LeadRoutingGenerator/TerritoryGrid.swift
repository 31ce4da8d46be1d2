import LeadRoutingCore

/// The generator's territories: a jittered square grid of ZIP-like areas around the metro centre, nearest
/// cells first, with water left out, states assigned by sector, and a population density that falls off with
/// distance from the centre plus a few secondary hot spots.
struct TerritoryGrid {
    /// Distance between neighbouring cell centres before jitter.
    static let spacingKm = 2.2
    /// Kilometres per degree of latitude.
    static let kmPerDegreeLatitude = 111.32

    let count: Int
    /// Cells span −half...half on both axes.
    let half: Int
    let side: Int
    /// Territory index of each cell, −1 where there is none.
    var cells: [Int32]
    var gridX: [Int32]
    var gridY: [Int32]
    /// Kilometres east and north of the metro centre.
    var xKm: [Double]
    var yKm: [Double]
    var latitude: [Double]
    var longitude: [Double]
    /// Index into ``Metro/stateCodes``.
    var stateIndex: [UInt8]
    /// Relative population density (demand and agent placement weight).
    var density: [Double]
    /// Local price level relative to the metro median.
    var priceFactor: [Double]
    /// 5-digit ZIP-like code.
    var zip: [Int32]
    var names: [String]
    /// Distance from the centre to the farthest territory.
    var radiusKm: Double

    /// Territory in cell (x, y), or −1.
    @inline(__always)
    func territory(x: Int, y: Int) -> Int32 {
        guard x >= -self.half, x <= self.half, y >= -self.half, y <= self.half else { return -1 }
        return self.cells[(y + self.half) * self.side + (x + self.half)]
    }

    /// Compass bearing in degrees (0 = north, clockwise) of a point `east`, `north` km from the centre.
    static func bearing(east: Double, north: Double) -> Double {
        if east == 0 && north == 0 { return 0 }
        var degrees = PortableMath.atan2(east, north) * 180 / Double.pi
        if degrees < 0 { degrees += 360 }
        return degrees
    }

    init(count: Int, metro: Metro, random: inout SeededRandom) {
        let spacing = Self.spacingKm
        self.count = count
        // Choose a grid big enough that the `count` nearest land cells never reach its edge.
        var half = max(2, Int((Double(max(count, 1)) / Double.pi).squareRoot() * 1.2) + 3)
        var candidates: [(key: Double, cell: Int32)] = []
        while true {
            let side = 2 * half + 1
            candidates.removeAll(keepingCapacity: true)
            candidates.reserveCapacity(side * side)
            var inner = 0
            for gy in -half...half {
                for gx in -half...half {
                    let noise = random.uniform()
                    let east = Double(gx) * spacing
                    let north = Double(gy) * spacing
                    let distance = (east * east + north * north).squareRoot()
                    let bearing = Self.bearing(east: east, north: north)
                    if metro.water.contains(where: { $0.contains(bearing: bearing, distanceKm: distance) }) { continue }
                    if distance <= Double(half - 3) * spacing { inner += 1 }
                    // A ragged edge: cells are taken by distance plus up to 1.5 cells of noise.
                    candidates.append((distance / spacing + 1.5 * noise, Int32((gy + half) * side + (gx + half))))
                }
            }
            if inner >= count { break }
            half = half * 5 / 4 + 2
        }
        self.half = half
        self.side = 2 * half + 1
        candidates.sort { $0.key != $1.key ? $0.key < $1.key : $0.cell < $1.cell }

        var cells = [Int32](repeating: -1, count: self.side * self.side)
        var gridX = [Int32](repeating: 0, count: count)
        var gridY = [Int32](repeating: 0, count: count)
        var xKm = [Double](repeating: 0, count: count)
        var yKm = [Double](repeating: 0, count: count)
        var latitude = [Double](repeating: 0, count: count)
        var longitude = [Double](repeating: 0, count: count)
        var stateIndex = [UInt8](repeating: 0, count: count)
        var distance = [Double](repeating: 0, count: count)
        let kmPerDegreeLongitude = Self.kmPerDegreeLatitude * PortableMath.cos(metro.latitude * Double.pi / 180)
        let stateCodes = metro.stateCodes
        var radius = spacing
        for t in 0..<count {
            let cell = Int(candidates[t].cell)
            cells[cell] = Int32(t)
            let gx = cell % self.side - half
            let gy = cell / self.side - half
            gridX[t] = Int32(gx)
            gridY[t] = Int32(gy)
            let east = Double(gx) * spacing + random.uniform(-0.3, 0.3) * spacing
            let north = Double(gy) * spacing + random.uniform(-0.3, 0.3) * spacing
            xKm[t] = east
            yKm[t] = north
            latitude[t] = metro.latitude + north / Self.kmPerDegreeLatitude
            longitude[t] = metro.longitude + east / kmPerDegreeLongitude
            let d = (east * east + north * north).squareRoot()
            distance[t] = d
            radius = max(radius, d)
            let bearing = Self.bearing(east: east, north: north)
            var state = metro.primaryState
            for region in metro.regions where region.sector.contains(bearing: bearing, distanceKm: d) {
                state = region.state
                break
            }
            stateIndex[t] = UInt8(stateCodes.firstIndex(of: state) ?? 0)
        }

        // Density: exponential fall-off from the centre, a few secondary hot spots, log-normal local noise.
        let falloff = 0.22 * radius + spacing
        var hotSpots: [(x: Double, y: Double, amplitude: Double, sigma: Double)] = []
        if count > 1 {
            for _ in 0..<(2 + min(6, count / 400)) {
                var pick = random.int(below: count)
                for _ in 0..<20 {
                    let ratio = distance[pick] / radius
                    if ratio >= 0.25 && ratio <= 0.85 { break }
                    pick = random.int(below: count)
                }
                hotSpots.append((xKm[pick], yKm[pick], random.uniform(0.25, 0.7), (0.05 + 0.07 * random.uniform()) * radius + spacing))
            }
        }
        var density = [Double](repeating: 0, count: count)
        var priceFactor = [Double](repeating: 1, count: count)
        for t in 0..<count {
            let central = PortableMath.exp(-distance[t] / falloff)
            var value = central
            for spot in hotSpots {
                let dx = xKm[t] - spot.x
                let dy = yKm[t] - spot.y
                value += spot.amplitude * PortableMath.exp(-(dx * dx + dy * dy) / (2 * spot.sigma * spot.sigma))
            }
            density[t] = value * random.logNormal(median: 1, sigma: 0.5) + 0.002
            priceFactor[t] = (0.7 + 0.7 * central) * random.logNormal(median: 1, sigma: 0.25)
        }

        // ZIP-like ids: each state counts up from its base in order of distance, skipping codes in use
        // (wrapping past 99999 to 00501), so ids are unique for up to 90,000 territories.
        var zipBases = [Int](repeating: metro.primaryZipBase, count: stateCodes.count)
        for region in metro.regions {
            if let index = stateCodes.firstIndex(of: region.state) { zipBases[index] = region.zipBase }
        }
        var used = [Bool](repeating: false, count: 100_000)
        var zip = [Int32](repeating: 0, count: count)
        var names: [String] = []
        names.reserveCapacity(count)
        for t in 0..<count {
            let state = Int(stateIndex[t])
            var code = zipBases[state]
            while code < 501 || code > 99_999 || used[code] {
                code = code >= 99_999 ? 501 : code + 1
            }
            used[code] = true
            zip[t] = Int32(code)
            // Gaps of 0–2 codes look like real ZIP lists; large grids count densely to stay near their base.
            zipBases[state] = code + 1 + (count < 2000 ? random.int(below: 3) : 0)
            names.append(
                random.element(of: NameCatalog.placePrefixes) + random.element(of: NameCatalog.placeRoots)
                    + random.element(of: NameCatalog.placeSuffixes)
            )
        }

        self.cells = cells
        self.gridX = gridX
        self.gridY = gridY
        self.xKm = xKm
        self.yKm = yKm
        self.latitude = latitude
        self.longitude = longitude
        self.stateIndex = stateIndex
        self.density = density
        self.priceFactor = priceFactor
        self.zip = zip
        self.names = names
        self.radiusKm = radius
    }
}
