import LeadRoutingCore

/// A line chart as a standalone SVG document (used for cumulative conversions per policy over simulated days): one
/// coloured line per series over a shared x axis, a legend to the right naming each series with its last value.
/// ``layout()`` gives the legend boxes so tests can check they fit and stay apart.
public struct LineChartSVG: Sendable {
    /// One line: a value per x step (x = 1, 2, …).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Where everything goes.
    public struct Layout: Sendable {
        public var width: Double
        public var height: Double
        /// The plot area.
        public var plot: ChartBox
        /// One legend entry per series, in series order.
        public var legend: [(text: String, box: ChartBox)]
        var xTicks: [Double]
        var yTicks: [Double]
        var xMax: Double
        var yMax: Double
    }

    public var title: String
    public var subtitle: String
    public var series: [Series]
    public var xTitle: String
    public var yTitle: String
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String, series: [Series], xTitle: String, yTitle: String, width: Double = 860, height: Double = 460) {
        self.title = title
        self.subtitle = subtitle
        self.series = series
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.width = width
        self.height = height
    }

    static let legendSize = 12.0

    /// The legend texts: series name and its last value.
    func legendTexts() -> [String] {
        let digits = ChartText.decimals(for: self.series.compactMap(\.values.last))
        return self.series.map { "\($0.name) (\(ChartText.fixed($0.values.last ?? 0, digits)))" }
    }

    /// Positions the plot and the legend.
    public func layout() -> Layout {
        let texts = self.legendTexts()
        let legendWidth = (texts.map { ChartText.width($0, size: Self.legendSize) }.max() ?? 0) + 28
        let left = 64.0
        let top = 76.0
        let plotWidth = max(200, self.width - left - legendWidth - 32)
        let plotHeight = max(120, self.height - top - 56)
        let plot = ChartBox(x: left, y: top, width: plotWidth, height: plotHeight)
        let xMax = Double(self.series.map(\.values.count).max() ?? 1)
        let yTicks = ChartText.ticks(upTo: self.series.flatMap(\.values).max() ?? 0)
        var legend: [(String, ChartBox)] = []
        for (i, text) in texts.enumerated() {
            let baseline = top + 12 + Double(i) * 20
            legend.append((text, .text(text, x: plot.maxX + 40, baseline: baseline, size: Self.legendSize)))
        }
        let bottom = max(plot.maxY + 56, (legend.last?.1.maxY ?? 0) + 16)
        return Layout(
            width: plot.maxX + legendWidth + 32,
            height: bottom,
            plot: plot,
            legend: legend,
            xTicks: ChartText.ticks(upTo: xMax),
            yTicks: yTicks,
            xMax: max(ChartText.ticks(upTo: xMax).last ?? 1, 1),
            yMax: max(yTicks.last ?? 1, 1e-300)
        )
    }

    /// The colour of series `index`: hues spread around the wheel.
    static func colour(_ index: Int, of count: Int) -> String {
        ChartText.Colour(hue: 360 * Double(index) / Double(max(1, count)) + 210, saturation: 0.65, lightness: 0.42).hex
    }

    /// The SVG text.
    public func render() -> String {
        let layout = self.layout()
        let f = ChartText.fixed
        let plot = layout.plot
        func x(_ value: Double) -> Double { plot.x + value / layout.xMax * plot.width }
        func y(_ value: Double) -> Double { plot.maxY - value / layout.yMax * plot.height }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(layout.width, 0))" height="\(f(layout.height, 0))" \
            viewBox="0 0 \(f(layout.width, 0)) \(f(layout.height, 0))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="24" y="32" font-size="19" font-weight="bold" fill="#1a1a1a">\(ChartText.xml(self.title))</text>
            <text x="24" y="54" font-size="12.5" fill="#555555">\(ChartText.xml(self.subtitle))</text>

            """
        for tick in layout.yTicks {
            svg += "<line x1=\"\(f(plot.x, 1))\" y1=\"\(f(y(tick), 1))\" x2=\"\(f(plot.maxX, 1))\" y2=\"\(f(y(tick), 1))\" "
            svg += "stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(f(plot.x - 8, 1))\" y=\"\(f(y(tick) + 4, 1))\" font-size=\"11\" fill=\"#666666\" "
            svg += "text-anchor=\"end\">\(ChartText.xml(ChartText.compact(tick)))</text>\n"
        }
        for tick in layout.xTicks {
            svg += "<text x=\"\(f(x(tick), 1))\" y=\"\(f(plot.maxY + 18, 1))\" font-size=\"11\" fill=\"#666666\" "
            svg += "text-anchor=\"middle\">\(ChartText.xml(ChartText.compact(tick)))</text>\n"
        }
        svg += "<text x=\"\(f(plot.x + plot.width / 2, 1))\" y=\"\(f(plot.maxY + 40, 1))\" font-size=\"12\" fill=\"#444444\" "
        svg += "text-anchor=\"middle\">\(ChartText.xml(self.xTitle))</text>\n"
        svg += "<text x=\"18\" y=\"\(f(plot.y + plot.height / 2, 1))\" font-size=\"12\" fill=\"#444444\" text-anchor=\"middle\" "
        svg += "transform=\"rotate(-90 18 \(f(plot.y + plot.height / 2, 1)))\">\(ChartText.xml(self.yTitle))</text>\n"
        svg += "<rect x=\"\(f(plot.x, 1))\" y=\"\(f(plot.y, 1))\" width=\"\(f(plot.width, 1))\" height=\"\(f(plot.height, 1))\" "
        svg += "fill=\"none\" stroke=\"#888888\" stroke-width=\"1\"/>\n"
        for (i, series) in self.series.enumerated() {
            let colour = Self.colour(i, of: self.series.count)
            let points = ([(0.0, 0.0)] + series.values.enumerated().map { (Double($0.offset + 1), $0.element) })
                .map { "\(f(x($0.0), 1)),\(f(y($0.1), 1))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            let entry = layout.legend[i]
            svg += "<line x1=\"\(f(entry.box.x - 28, 1))\" y1=\"\(f(entry.box.y + entry.box.height / 2, 1))\" "
            svg += "x2=\"\(f(entry.box.x - 6, 1))\" y2=\"\(f(entry.box.y + entry.box.height / 2, 1))\" stroke=\"\(colour)\" stroke-width=\"3\"/>\n"
            svg += "<text x=\"\(f(entry.box.x, 1))\" y=\"\(f(entry.box.maxY - 3, 1))\" font-size=\"\(ChartText.compact(Self.legendSize))\" "
            svg += "fill=\"#222222\">\(ChartText.xml(entry.text))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }
}
