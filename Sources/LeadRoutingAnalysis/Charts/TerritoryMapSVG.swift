import LeadRoutingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Territories drawn at their coordinates as circles coloured on a diverging scale (surplus blue, balance
/// white, shortfall red), sized by demand, with a legend: the coverage-gaps picture. The worst gaps are labelled,
/// worst first, where a label fits without covering another label, another labelled territory or the edge of the
/// map (the others are left unlabelled); ``layout()`` gives every box so the placement can be checked.
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

    /// A line of text at its place, with the box it takes.
    public struct PlacedText: Sendable, Equatable {
        public var text: String
        public var x: Double
        public var baseline: Double
        public var size: Double
        public var bold: Bool
        public var anchor: ChartText.Anchor
        public var box: ChartBox

        init(_ text: String, x: Double, baseline: Double, size: Double, bold: Bool = false, anchor: ChartText.Anchor = .start) {
            self.text = text
            self.x = x
            self.baseline = baseline
            self.size = size
            self.bold = bold
            self.anchor = anchor
            self.box = .text(text, x: x, baseline: baseline, size: size, bold: bold, anchor: anchor)
        }
    }

    /// One territory's circle.
    public struct Mark: Sendable, Equatable {
        /// Index in ``TerritoryMapSVG/territories``.
        public var territory: Int
        public var x: Double
        public var y: Double
        public var radius: Double
    }

    /// Where everything goes: the document size, the map area, the circles, the territory labels that fit and
    /// the legend's texts (colour-scale ticks, size entries).
    public struct Layout: Sendable {
        public var width: Double
        public var height: Double
        public var map: ChartBox
        public var marks: [Mark]
        /// Territory labels placed (a label that fits nowhere is left out).
        public var labels: [PlacedText]
        /// Labels of the colour-scale ticks, top to bottom, and the true position (y) of each tick.
        public var scaleLabels: [(text: PlacedText, tickY: Double)]
        /// Every other legend text (titles, size entries).
        public var legendTexts: [PlacedText]
        /// Legend circles (size entries).
        public var legendCircles: [Mark]
        /// The colour bar.
        public var scaleBar: ChartBox
        var low: Double
        var high: Double
    }

    public var title: String
    public var subtitle: String
    public var territories: [Point]
    /// How many of the worst territories may get a text label (those that fit).
    public var labelled: Int

    public init(title: String, subtitle: String, territories: [Point], labelled: Int = 12) {
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

    static let labelSize = 11.0
    static let legendSize = 11.5

    /// Signed whole number with thousands separators (`+1,430`, `-525`, `0`).
    static func signed(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        return (rounded > 0 ? "+" : "") + ChartText.grouped(rounded)
    }

    /// Positions every circle, label and legend entry.
    public func layout() -> Layout {
        let mapLeft = 30.0
        let mapTop = 80.0
        let mapSize = 620.0
        let map = ChartBox(x: mapLeft, y: mapTop, width: mapSize, height: mapSize)
        let legendLeft = mapLeft + mapSize + 40
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
        let low = min(0, points.map(\.value).min() ?? 0)
        let high = max(0, points.map(\.value).max() ?? 0)
        let maxDemand = Double(max(1, points.map(\.demand).max() ?? 1))
        let spacing = points.count > 1 ? min(spanX, spanY) * scale / max(1, Double(points.count).squareRoot() - 1) : 40
        let maxRadius = max(6, min(28, spacing * 0.55))
        func radius(_ demand: Int) -> Double { 3 + (maxRadius - 3) * (Double(demand) / maxDemand).squareRoot() }
        let marks = points.indices.map { i in
            Mark(
                territory: i,
                x: offsetX + (points[i].longitude - minLon) * squeeze * scale,
                y: offsetY + (maxLat - points[i].latitude) * scale,
                radius: radius(points[i].demand)
            )
        }

        // Territory labels: the worst gaps first, each where it fits.
        let worst = points.indices.filter { points[$0].value > 0 }
            .sorted { points[$0].value > points[$1].value || (points[$0].value == points[$1].value && $0 < $1) }
            .prefix(self.labelled)
        let options: [[PlacedText]] = worst.map { i in
            let m = marks[i]
            let text = "\(points[i].label) \(Self.signed(points[i].value))"
            let size = Self.labelSize
            // Right, left, above, below, then the four diagonals (just off the circle).
            let d = m.radius * 0.71 + 2
            return [
                PlacedText(text, x: m.x + m.radius + 3, baseline: m.y + 4, size: size, bold: true),
                PlacedText(text, x: m.x - m.radius - 3, baseline: m.y + 4, size: size, bold: true, anchor: .end),
                PlacedText(text, x: m.x, baseline: m.y - m.radius - 4, size: size, bold: true, anchor: .middle),
                PlacedText(text, x: m.x, baseline: m.y + m.radius + size, size: size, bold: true, anchor: .middle),
                PlacedText(text, x: m.x + d, baseline: m.y - d - 1, size: size, bold: true),
                PlacedText(text, x: m.x + d, baseline: m.y + d + size * 0.8, size: size, bold: true),
                PlacedText(text, x: m.x - d, baseline: m.y - d - 1, size: size, bold: true, anchor: .end),
                PlacedText(text, x: m.x - d, baseline: m.y + d + size * 0.8, size: size, bold: true, anchor: .end),
            ]
        }
        // Positions clear of every circle are tried first; one over an unlabelled territory only when none is.
        let circles = marks.map { ChartBox.circle(x: $0.x, y: $0.y, radius: $0.radius) }
        let ordered = options.map { option in
            option.filter { p in !circles.contains { $0.intersects(p.box) } } + option.filter { p in circles.contains { $0.intersects(p.box) } }
        }
        let chosen = LabelPlacement.place(
            zip(ordered, worst).map { LabelPlacement.Candidate(positions: $0.map(\.box), anchor: circles[$1]) },
            obstacles: [],
            bounds: map
        )
        let labels = zip(ordered, chosen).compactMap { option, index in index.map { option[$0] } }

        // Colour scale: surplus at the bottom, shortfall at the top, zero where it falls; a tick whose value
        // coincides with zero is folded into the zero tick, and tick labels are spread so they never overlap.
        let barTop = mapTop + 30
        let barHeight = 260.0
        let bar = ChartBox(x: legendLeft, y: barTop, width: 22, height: barHeight)
        let zero = high - low > 0 ? -low / (high - low) : 0.5
        var ticks = [(t: Double, text: String)]()
        if high > 0 { ticks.append((1, Self.signed(high) + " demand over supply")) }
        ticks.append((zero, high > 0 || low < 0 ? "0 balanced" : "0 balanced everywhere"))
        if low < 0 { ticks.append((0, Self.signed(low) + " spare capacity")) }
        let wanted = ticks.map { barTop + barHeight * (1 - $0.t) }
        let centres = LabelPlacement.spread(wanted, gap: Self.legendSize + 4, lower: barTop, upper: barTop + barHeight)
        let scaleLabels = ticks.indices.map { i in
            (text: PlacedText(ticks[i].text, x: legendLeft + 34, baseline: centres[i] + 4, size: Self.legendSize), tickY: wanted[i])
        }

        var legendTexts = [PlacedText("Shortfall (leads)", x: legendLeft, baseline: barTop - 12, size: 13, bold: true)]
        let sizeTop = barTop + barHeight + 50
        legendTexts.append(PlacedText("Lead demand", x: legendLeft, baseline: sizeTop, size: 13, bold: true))
        var legendCircles = [Mark]()
        var y = sizeTop + 16
        var demands = [Int]()
        for demand in [Int(maxDemand), max(1, Int(maxDemand / 4)), 1] where !demands.contains(demand) { demands.append(demand) }
        for demand in demands {
            let r = radius(demand)
            y += r
            legendCircles.append(Mark(territory: -1, x: legendLeft + maxRadius, y: y, radius: r))
            legendTexts.append(
                PlacedText(ChartText.counted(demand, "lead"), x: legendLeft + 2 * maxRadius + 10, baseline: y + 4, size: Self.legendSize)
            )
            y += r + 8
        }
        let widest = (scaleLabels.map(\.text.box.maxX) + legendTexts.map(\.box.maxX)).max() ?? 0
        return Layout(
            width: max(900, (widest + 16).rounded(.up)),
            height: max(mapTop + mapSize + 40, y + 20),
            map: map,
            marks: marks,
            labels: labels,
            scaleLabels: scaleLabels,
            legendTexts: legendTexts,
            legendCircles: legendCircles,
            scaleBar: bar,
            low: low,
            high: high
        )
    }

    /// The SVG text.
    public func render() -> String {
        let layout = self.layout()
        let points = self.territories
        let (low, high) = (layout.low, layout.high)
        let f = ChartText.fixed
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(layout.width, 0))" height="\(f(layout.height, 0))" \
            viewBox="0 0 \(f(layout.width, 0)) \(f(layout.height, 0))" font-family="Helvetica, Arial, sans-serif">
            <defs>
            <linearGradient id="scale" x1="0" y1="1" x2="0" y2="0">

            """
        for i in 0...10 {
            let t = Double(i) / 10
            let value = low + (high - low) * t
            svg += "<stop offset=\"\(f(t, 2))\" stop-color=\"\(Self.colour(value, low: low, high: high).hex)\"/>\n"
        }
        let map = layout.map
        svg += """
            </linearGradient>
            </defs>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="24" y="32" font-size="19" font-weight="bold" fill="#1a1a1a">\(ChartText.xml(self.title))</text>
            <text x="24" y="54" font-size="12.5" fill="#555555">\(ChartText.xml(self.subtitle))</text>
            <rect x="\(f(map.x, 0))" y="\(f(map.y, 0))" width="\(f(map.width, 0))" height="\(f(map.height, 0))" fill="#fbfbf8" stroke="#d9d9d9"/>

            """
        // Largest circles first so small ones stay visible on top.
        let order = layout.marks.indices.sorted {
            points[$0].demand > points[$1].demand || (points[$0].demand == points[$1].demand && $0 < $1)
        }
        for i in order {
            let p = points[i]
            let m = layout.marks[i]
            svg += "<circle cx=\"\(f(m.x, 1))\" cy=\"\(f(m.y, 1))\" r=\"\(f(m.radius, 1))\" "
            svg += "fill=\"\(Self.colour(p.value, low: low, high: high).hex)\" stroke=\"#4d4d4d\" stroke-width=\"0.8\" fill-opacity=\"0.92\">"
            svg += "<title>\(ChartText.xml(p.label)): shortfall \(Self.signed(p.value)), demand \(p.demand)</title></circle>\n"
        }
        for label in layout.labels {
            svg += Self.text(label, fill: "#67001f", extra: " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"")
        }
        let bar = layout.scaleBar
        svg += "<rect x=\"\(f(bar.x, 0))\" y=\"\(f(bar.y, 0))\" width=\"\(f(bar.width, 0))\" height=\"\(f(bar.height, 0))\" "
        svg += "fill=\"url(#scale)\" stroke=\"#888888\"/>\n"
        for (label, tickY) in layout.scaleLabels {
            // The tick at its true value, bent to its label when the label had to move.
            svg += "<polyline points=\"\(f(bar.maxX, 0)),\(f(tickY, 1)) \(f(bar.maxX + 6, 0)),\(f(tickY, 1)) "
            svg += "\(f(label.x - 3, 0)),\(f(label.baseline - 4, 1))\" fill=\"none\" stroke=\"#555555\"/>\n"
            svg += Self.text(label, fill: "#333333")
        }
        for circle in layout.legendCircles {
            svg += "<circle cx=\"\(f(circle.x, 1))\" cy=\"\(f(circle.y, 1))\" r=\"\(f(circle.radius, 1))\" "
            svg += "fill=\"#eeeeee\" stroke=\"#4d4d4d\" stroke-width=\"0.8\"/>\n"
        }
        for text in layout.legendTexts { svg += Self.text(text, fill: text.bold ? "#1a1a1a" : "#333333") }
        svg += "<text x=\"\(f(map.x, 0))\" y=\"\(f(map.maxY + 22, 0))\" font-size=\"11\" fill=\"#777777\">"
        svg += "Territory centroids (equirectangular). Supply = capacity − open leads of active agents in reach. "
        svg += "Labelled: the worst gaps where a label fits.</text>\n"
        svg += "</svg>\n"
        return svg
    }

    private static func text(_ t: PlacedText, fill: String, extra: String = "") -> String {
        var svg = "<text x=\"\(ChartText.fixed(t.x, 1))\" y=\"\(ChartText.fixed(t.baseline, 1))\" font-size=\"\(ChartText.compact(t.size))\""
        if t.bold { svg += " font-weight=\"bold\"" }
        if t.anchor != .start { svg += " text-anchor=\"\(t.anchor.rawValue)\"" }
        svg += " fill=\"\(fill)\"\(extra)>\(ChartText.xml(t.text))</text>\n"
        return svg
    }
}
