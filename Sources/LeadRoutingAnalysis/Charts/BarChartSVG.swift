import LeadRoutingCore

/// A horizontal bar chart as a standalone SVG document (used for the PageRank top-N picture): each bar's value
/// printed at its end with its unit, and an axis title saying what the number means. ``layout()`` gives every box
/// so tests can check that labels fit the document and never cover a bar.
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

    /// Where everything goes.
    public struct Layout: Sendable {
        public var width: Double
        public var height: Double
        /// One box per bar, top to bottom.
        public var bars: [ChartBox]
        /// The row label left of each bar (rank and label, shortened with "…" when too long).
        public var labels: [(text: String, box: ChartBox)]
        /// The value printed right of each bar.
        public var values: [(text: String, box: ChartBox)]
        var left: Double
        var top: Double
        var plotWidth: Double
        var axisBottom: Double
        var ticks: [Double]
        var axisMax: Double
    }

    public var title: String
    public var subtitle: String
    /// Bars top to bottom.
    public var bars: [Bar]
    /// Under the axis: what the values are (e.g. "share of referral influence (%)").
    public var axisTitle: String
    /// Appended to every printed value and tick (e.g. " %").
    public var unit: String
    /// Width of the document in pixels.
    public var width: Double

    public init(title: String, subtitle: String, bars: [Bar], axisTitle: String = "", unit: String = "", width: Double = 860) {
        self.title = title
        self.subtitle = subtitle
        self.bars = bars
        self.axisTitle = axisTitle
        self.unit = unit
        self.width = width
    }

    static let barHeight = 22.0
    static let gap = 8.0
    static let labelSize = 12.5
    static let valueSize = 11.5
    /// The widest row label column, in pixels; longer labels are shortened.
    static let maxLabelWidth = 340.0

    /// The values as printed: rounded alike, the largest to three significant digits, with the unit.
    func valueTexts() -> [String] {
        let digits = ChartText.decimals(for: self.bars.map(\.value))
        return self.bars.map { ChartText.fixed($0.value, digits) + self.unit }
    }

    /// The subtitle's lines (it may hold several, separated by newlines).
    var subtitleLines: [Substring] { self.subtitle.split(separator: "\n", omittingEmptySubsequences: false) }

    /// `text` shortened with "…" until it is at most `width` pixels wide at `size`.
    static func shortened(_ text: String, width: Double, size: Double) -> String {
        guard ChartText.width(text, size: size) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty && ChartText.width(String(characters) + "…", size: size) > width { characters.removeLast() }
        return String(characters) + "…"
    }

    /// Positions every bar and text.
    public func layout() -> Layout {
        let top = 64 + 17 * Double(self.subtitleLines.count)
        let rowLabels = self.bars.enumerated().map { "\($0.offset + 1). \($0.element.label)" }
        let longest = rowLabels.map { ChartText.width($0, size: Self.labelSize) }.max() ?? 0
        let labelWidth = min(Self.maxLabelWidth, longest)
        let left = 24 + labelWidth + 10
        let valueTexts = self.valueTexts()
        let right = (valueTexts.map { ChartText.width($0, size: Self.valueSize) }.max() ?? 0) + 24
        let headings = [ChartText.width(self.title, size: 19, bold: true)] + self.subtitleLines.map { ChartText.width(String($0), size: 12.5) }
        let width = max(self.width, (headings.max() ?? 0) + 48)
        let plotWidth = max(100, width - left - right)
        let ticks = ChartText.ticks(upTo: self.bars.map(\.value).max() ?? 0)
        let axisMax = max(ticks.last ?? 1, 1e-300)
        let axisBottom = top + Double(self.bars.count) * (Self.barHeight + Self.gap)
        var bars = [ChartBox]()
        var labels = [(text: String, box: ChartBox)]()
        var values = [(text: String, box: ChartBox)]()
        for (i, bar) in self.bars.enumerated() {
            let y = top + Double(i) * (Self.barHeight + Self.gap)
            let w = max(1, bar.value / axisMax * plotWidth)
            bars.append(ChartBox(x: left, y: y, width: w, height: Self.barHeight))
            let label = Self.shortened(rowLabels[i], width: labelWidth, size: Self.labelSize)
            labels.append((label, .text(label, x: left - 10, baseline: y + Self.barHeight * 0.7, size: Self.labelSize, anchor: .end)))
            values.append((valueTexts[i], .text(valueTexts[i], x: left + w + 6, baseline: y + Self.barHeight * 0.7, size: Self.valueSize)))
        }
        return Layout(
            width: left + plotWidth + right,
            height: axisBottom + (self.axisTitle.isEmpty ? 46 : 64),
            bars: bars,
            labels: labels,
            values: values,
            left: left,
            top: top,
            plotWidth: plotWidth,
            axisBottom: axisBottom,
            ticks: ticks,
            axisMax: axisMax
        )
    }

    /// The SVG text.
    public func render() -> String {
        let layout = self.layout()
        let f = ChartText.fixed
        let ramp = [ChartText.Colour(0x9ecae1), ChartText.Colour(0x3182bd), ChartText.Colour(0x08306b)]
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(layout.width, 0))" height="\(f(layout.height, 0))" \
            viewBox="0 0 \(f(layout.width, 0)) \(f(layout.height, 0))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="24" y="32" font-size="19" font-weight="bold" fill="#1a1a1a">\(ChartText.xml(self.title))</text>

            """
        for (i, line) in self.subtitleLines.enumerated() {
            svg += "<text x=\"24\" y=\"\(f(54 + 17 * Double(i), 0))\" font-size=\"12.5\" fill=\"#555555\">\(ChartText.xml(String(line)))</text>\n"
        }
        for tick in layout.ticks {
            let x = layout.left + tick / layout.axisMax * layout.plotWidth
            svg += "<line x1=\"\(f(x, 1))\" y1=\"\(f(layout.top - 6, 1))\" x2=\"\(f(x, 1))\" "
            svg += "y2=\"\(f(layout.axisBottom, 1))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(f(x, 1))\" y=\"\(f(layout.axisBottom + 18, 1))\" font-size=\"11\" fill=\"#666666\" "
            svg += "text-anchor=\"middle\">\(ChartText.xml(ChartText.compact(tick) + self.unit))</text>\n"
        }
        if !self.axisTitle.isEmpty {
            svg += "<text x=\"\(f(layout.left + layout.plotWidth / 2, 1))\" y=\"\(f(layout.axisBottom + 40, 1))\" font-size=\"12\" "
            svg += "fill=\"#444444\" text-anchor=\"middle\">\(ChartText.xml(self.axisTitle))</text>\n"
        }
        let maxValue = self.bars.map(\.value).max() ?? 1
        for (i, bar) in self.bars.enumerated() {
            let box = layout.bars[i]
            let colour = ChartText.Colour.ramp(ramp, maxValue > 0 ? bar.value / maxValue : 0).hex
            let baseline = box.y + Self.barHeight * 0.7
            svg += "<text x=\"\(f(layout.left - 10, 1))\" y=\"\(f(baseline, 1))\" font-size=\"\(ChartText.compact(Self.labelSize))\" "
            svg += "fill=\"#222222\" text-anchor=\"end\">\(ChartText.xml(layout.labels[i].text))</text>\n"
            svg += "<rect x=\"\(f(box.x, 1))\" y=\"\(f(box.y, 1))\" width=\"\(f(box.width, 1))\" "
            svg += "height=\"\(f(box.height, 1))\" rx=\"3\" fill=\"\(colour)\"/>\n"
            svg += "<text x=\"\(f(layout.values[i].box.x, 1))\" y=\"\(f(baseline, 1))\" font-size=\"\(ChartText.compact(Self.valueSize))\" "
            svg += "fill=\"#333333\">\(ChartText.xml(layout.values[i].text))</text>\n"
        }
        svg += "<line x1=\"\(f(layout.left, 1))\" y1=\"\(f(layout.top - 6, 1))\" x2=\"\(f(layout.left, 1))\" "
        svg += "y2=\"\(f(layout.axisBottom, 1))\" stroke=\"#888888\" stroke-width=\"1\"/>\n"
        svg += "</svg>\n"
        return svg
    }
}
