import LeadRoutingCore

/// An axis-aligned rectangle in picture coordinates (y down): the space a label, a legend entry or a mark takes,
/// so the drawing code can keep them apart and tests can check that they are.
public struct ChartBox: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { self.x + self.width }
    public var maxY: Double { self.y + self.height }

    /// True when the two boxes share more than a boundary.
    public func intersects(_ other: ChartBox) -> Bool {
        self.x < other.maxX && other.x < self.maxX && self.y < other.maxY && other.y < self.maxY
    }

    /// True when `other` lies wholly inside this box.
    public func contains(_ other: ChartBox) -> Bool {
        other.x >= self.x && other.maxX <= self.maxX && other.y >= self.y && other.maxY <= self.maxY
    }

    /// The box of a circle.
    public static func circle(x: Double, y: Double, radius: Double) -> ChartBox {
        ChartBox(x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius)
    }

    /// The box of one line of text whose baseline starts at (`x`, `baseline`) (`anchor` start) in a font of
    /// `size`; the width is the estimate of ``ChartText/width(_:size:bold:)``.
    public static func text(
        _ text: String,
        x: Double,
        baseline: Double,
        size: Double,
        bold: Bool = false,
        anchor: ChartText.Anchor = .start
    )
        -> ChartBox
    {
        let width = ChartText.width(text, size: size, bold: bold)
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - width / 2
        case .end: left = x - width
        }
        return ChartBox(x: left, y: baseline - size * 0.8, width: width, height: size)
    }
}
