import LeadRoutingCore

/// A horizontal bar chart as a standalone SVG document (used for the PageRank top-N picture).
public struct BarChartSVG: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var subtitle: String
    /// Bars top to bottom.
    public var bars: [Bar]
    /// Width of the document in pixels.
    public var width: Double

    public init(title: String, subtitle: String, bars: [Bar], width: Double = 820) {
        self.title = title
        self.subtitle = subtitle
        self.bars = bars
        self.width = width
    }

    /// The SVG text.
    public func render() -> String {
        let barHeight = 22.0
        let gap = 8.0
        let top = 78.0
        let longest = self.bars.map(\.label.count).max() ?? 0
        let left = min(320, max(80, Double(longest) * 7.2 + 52))
        let right = 70.0
        let plotWidth = self.width - left - right
        let height = top + Double(self.bars.count) * (barHeight + gap) + 46
        let ticks = ChartText.ticks(upTo: self.bars.map(\.value).max() ?? 0)
        let axisMax = max(ticks.last ?? 1, 1e-300)
        let ramp = [ChartText.Colour(0x9ecae1), ChartText.Colour(0x3182bd), ChartText.Colour(0x08306b)]
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(ChartText.fixed(self.width, 0))" height="\(ChartText.fixed(height, 0))" \
            viewBox="0 0 \(ChartText.fixed(self.width, 0)) \(ChartText.fixed(height, 0))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="24" y="32" font-size="19" font-weight="bold" fill="#1a1a1a">\(ChartText.xml(self.title))</text>
            <text x="24" y="54" font-size="12.5" fill="#555555">\(ChartText.xml(self.subtitle))</text>

            """
        let axisBottom = top + Double(self.bars.count) * (barHeight + gap)
        for tick in ticks {
            let x = left + tick / axisMax * plotWidth
            svg += "<line x1=\"\(ChartText.fixed(x, 1))\" y1=\"\(ChartText.fixed(top - 6, 1))\" x2=\"\(ChartText.fixed(x, 1))\" "
            svg += "y2=\"\(ChartText.fixed(axisBottom, 1))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(ChartText.fixed(x, 1))\" y=\"\(ChartText.fixed(axisBottom + 18, 1))\" font-size=\"11\" fill=\"#666666\" "
            svg += "text-anchor=\"middle\">\(ChartText.compact(tick))</text>\n"
        }
        let maxValue = self.bars.map(\.value).max() ?? 1
        for (i, bar) in self.bars.enumerated() {
            let y = top + Double(i) * (barHeight + gap)
            let w = max(1, bar.value / axisMax * plotWidth)
            let colour = ChartText.Colour.ramp(ramp, maxValue > 0 ? bar.value / maxValue : 0).hex
            svg += "<text x=\"\(ChartText.fixed(left - 10, 1))\" y=\"\(ChartText.fixed(y + barHeight * 0.7, 1))\" font-size=\"12.5\" "
            svg += "fill=\"#222222\" text-anchor=\"end\">\(i + 1). \(ChartText.xml(bar.label))</text>\n"
            svg += "<rect x=\"\(ChartText.fixed(left, 1))\" y=\"\(ChartText.fixed(y, 1))\" width=\"\(ChartText.fixed(w, 1))\" "
            svg += "height=\"\(ChartText.fixed(barHeight, 1))\" rx=\"3\" fill=\"\(colour)\"/>\n"
            svg += "<text x=\"\(ChartText.fixed(left + w + 6, 1))\" y=\"\(ChartText.fixed(y + barHeight * 0.7, 1))\" font-size=\"11.5\" "
            svg += "fill=\"#333333\">\(ChartText.compact(bar.value))</text>\n"
        }
        svg += "<line x1=\"\(ChartText.fixed(left, 1))\" y1=\"\(ChartText.fixed(top - 6, 1))\" x2=\"\(ChartText.fixed(left, 1))\" "
        svg += "y2=\"\(ChartText.fixed(axisBottom, 1))\" stroke=\"#888888\" stroke-width=\"1\"/>\n"
        svg += "</svg>\n"
        return svg
    }
}
