import LeadRoutingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Territories drawn at their coordinates as circles coloured on a diverging scale (surplus blue, balance
/// white, shortfall red), sized by demand, with a legend: the coverage-gaps picture.
public struct TerritoryMapSVG: Sendable {
    /// One territory.
    public struct Point: Sendable {
        public var label: String
        public var latitude: Double
        public var longitude: Double
        /// Coloured value (shortfall: positive is a gap).
        public var value: Double
        /// Sizes the circle (lead demand).
        public var demand: Int

        public init(label: String, latitude: Double, longitude: Double, value: Double, demand: Int) {
            self.label = label
            self.latitude = latitude
            self.longitude = longitude
            self.value = value
            self.demand = demand
        }
    }

    public var title: String
    public var subtitle: String
    public var territories: [Point]
    /// How many of the worst territories get a text label.
    public var labelled: Int

    public init(title: String, subtitle: String, territories: [Point], labelled: Int = 6) {
        self.title = title
        self.subtitle = subtitle
        self.territories = territories
        self.labelled = labelled
    }

    static let surplus = [ChartText.Colour(0x2166ac), ChartText.Colour(0x92c5de), ChartText.Colour(0xf7f7f7)]
    static let shortfall = [ChartText.Colour(0xf7f7f7), ChartText.Colour(0xf4a582), ChartText.Colour(0xd6604d), ChartText.Colour(0x67001f)]

    /// Fill colour of a value given the most negative and most positive values.
    static func colour(_ value: Double, low: Double, high: Double) -> ChartText.Colour {
        if value > 0 { return ChartText.Colour.ramp(self.shortfall, high > 0 ? value / high : 0) }
        if value < 0 { return ChartText.Colour.ramp(self.surplus, low < 0 ? 1 - value / low : 1) }
        return ChartText.Colour(0xf7f7f7)
    }

    /// The SVG text.
    public func render() -> String {
        let width = 900.0
        let mapLeft = 30.0
        let mapTop = 80.0
        let mapSize = 620.0
        let legendLeft = mapLeft + mapSize + 40
        let height = mapTop + mapSize + 40
        let points = self.territories
        let minLat = points.map(\.latitude).min() ?? 0
        let maxLat = points.map(\.latitude).max() ?? 1
        let minLon = points.map(\.longitude).min() ?? 0
        let maxLon = points.map(\.longitude).max() ?? 1
        let squeeze = cos((minLat + maxLat) / 2 * Double.pi / 180)
        let spanX = max((maxLon - minLon) * squeeze, 1e-9)
        let spanY = max(maxLat - minLat, 1e-9)
        let scale = (mapSize - 60) / max(spanX, spanY)
        let offsetX = mapLeft + 30 + (mapSize - 60 - spanX * scale) / 2
        let offsetY = mapTop + 30 + (mapSize - 60 - spanY * scale) / 2
        func project(_ p: Point) -> (Double, Double) {
            (offsetX + (p.longitude - minLon) * squeeze * scale, offsetY + (maxLat - p.latitude) * scale)
        }
        let low = min(0, points.map(\.value).min() ?? 0)
        let high = max(0, points.map(\.value).max() ?? 0)
        let maxDemand = Double(max(1, points.map(\.demand).max() ?? 1))
        let spacing = points.count > 1 ? min(spanX, spanY) * scale / max(1, Double(points.count).squareRoot() - 1) : 40
        let maxRadius = max(6, min(28, spacing * 0.55))
        func radius(_ demand: Int) -> Double { 3 + (maxRadius - 3) * (Double(demand) / maxDemand).squareRoot() }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(ChartText.fixed(width, 0))" height="\(ChartText.fixed(height, 0))" \
            viewBox="0 0 \(ChartText.fixed(width, 0)) \(ChartText.fixed(height, 0))" font-family="Helvetica, Arial, sans-serif">
            <defs>
            <linearGradient id="scale" x1="0" y1="1" x2="0" y2="0">

            """
        // Legend gradient: surplus at the bottom, shortfall at the top, the zero stop where it falls.
        let zero = high - low > 0 ? -low / (high - low) : 0.5
        for i in 0...10 {
            let t = Double(i) / 10
            let value = low + (high - low) * t
            svg += "<stop offset=\"\(ChartText.fixed(t, 2))\" stop-color=\"\(Self.colour(value, low: low, high: high).hex)\"/>\n"
        }
        svg += """
            </linearGradient>
            </defs>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="24" y="32" font-size="19" font-weight="bold" fill="#1a1a1a">\(ChartText.xml(self.title))</text>
            <text x="24" y="54" font-size="12.5" fill="#555555">\(ChartText.xml(self.subtitle))</text>
            <rect x="\(ChartText.fixed(mapLeft, 0))" y="\(ChartText.fixed(mapTop, 0))" width="\(ChartText.fixed(mapSize, 0))" \
            height="\(ChartText.fixed(mapSize, 0))" fill="#fbfbf8" stroke="#d9d9d9"/>

            """
        // Largest circles first so small ones stay visible on top.
        let order = points.indices.sorted { points[$0].demand > points[$1].demand || (points[$0].demand == points[$1].demand && $0 < $1) }
        for i in order {
            let p = points[i]
            let (x, y) = project(p)
            svg += "<circle cx=\"\(ChartText.fixed(x, 1))\" cy=\"\(ChartText.fixed(y, 1))\" r=\"\(ChartText.fixed(radius(p.demand), 1))\" "
            svg += "fill=\"\(Self.colour(p.value, low: low, high: high).hex)\" stroke=\"#4d4d4d\" stroke-width=\"0.8\" fill-opacity=\"0.92\">"
            svg += "<title>\(ChartText.xml(p.label)): shortfall \(ChartText.compact(p.value)), demand \(p.demand)</title></circle>\n"
        }
        // Label the worst gaps.
        let worst = points.indices.filter { points[$0].value > 0 }
            .sorted { points[$0].value > points[$1].value || (points[$0].value == points[$1].value && $0 < $1) }
            .prefix(self.labelled)
        for i in worst {
            let p = points[i]
            let (x, y) = project(p)
            let r = radius(p.demand)
            svg += "<text x=\"\(ChartText.fixed(x + r + 3, 1))\" y=\"\(ChartText.fixed(y + 4, 1))\" font-size=\"11\" font-weight=\"bold\" "
            svg +=
                "fill=\"#67001f\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(ChartText.xml(p.label)) +\(ChartText.compact(p.value))</text>\n"
        }
        // Legend.
        let barTop = mapTop + 30
        let barHeight = 260.0
        svg += "<text x=\"\(ChartText.fixed(legendLeft, 0))\" y=\"\(ChartText.fixed(barTop - 12, 0))\" font-size=\"13\" font-weight=\"bold\" "
        svg += "fill=\"#1a1a1a\">Shortfall (leads)</text>\n"
        svg +=
            "<rect x=\"\(ChartText.fixed(legendLeft, 0))\" y=\"\(ChartText.fixed(barTop, 0))\" width=\"22\" height=\"\(ChartText.fixed(barHeight, 0))\" "
        svg += "fill=\"url(#scale)\" stroke=\"#888888\"/>\n"
        let labels: [(Double, String)] = [
            (1, "+" + ChartText.compact(high) + " demand over supply"), (zero, "0 balanced"), (0, ChartText.compact(low) + " spare capacity"),
        ]
        for (t, text) in labels {
            let y = barTop + barHeight * (1 - t)
            svg +=
                "<line x1=\"\(ChartText.fixed(legendLeft + 22, 0))\" y1=\"\(ChartText.fixed(y, 1))\" x2=\"\(ChartText.fixed(legendLeft + 28, 0))\" "
            svg += "y2=\"\(ChartText.fixed(y, 1))\" stroke=\"#555555\"/>\n"
            svg +=
                "<text x=\"\(ChartText.fixed(legendLeft + 32, 0))\" y=\"\(ChartText.fixed(y + 4, 1))\" font-size=\"11.5\" fill=\"#333333\">\(ChartText.xml(text))</text>\n"
        }
        // Size legend.
        let sizeTop = barTop + barHeight + 50
        svg += "<text x=\"\(ChartText.fixed(legendLeft, 0))\" y=\"\(ChartText.fixed(sizeTop, 0))\" font-size=\"13\" font-weight=\"bold\" "
        svg += "fill=\"#1a1a1a\">Lead demand</text>\n"
        var y = sizeTop + 16
        for demand in [Int(maxDemand), max(1, Int(maxDemand / 4)), 1] {
            let r = radius(demand)
            y += r
            svg += "<circle cx=\"\(ChartText.fixed(legendLeft + maxRadius, 1))\" cy=\"\(ChartText.fixed(y, 1))\" r=\"\(ChartText.fixed(r, 1))\" "
            svg += "fill=\"#eeeeee\" stroke=\"#4d4d4d\" stroke-width=\"0.8\"/>\n"
            svg += "<text x=\"\(ChartText.fixed(legendLeft + 2 * maxRadius + 10, 1))\" y=\"\(ChartText.fixed(y + 4, 1))\" font-size=\"11.5\" "
            svg += "fill=\"#333333\">\(demand) lead\(demand == 1 ? "" : "s")</text>\n"
            y += r + 8
        }
        svg += "<text x=\"\(ChartText.fixed(mapLeft, 0))\" y=\"\(ChartText.fixed(mapTop + mapSize + 22, 0))\" font-size=\"11\" fill=\"#777777\">"
        svg += "Territory centroids (equirectangular). Supply = capacity − open leads of active agents in reach.</text>\n"
        svg += "</svg>\n"
        return svg
    }
}
