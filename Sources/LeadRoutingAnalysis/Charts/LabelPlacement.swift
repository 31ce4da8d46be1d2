import LeadRoutingCore

/// Places labels so that none overlaps another, a mark it must not hide, or the edge of its area: deterministic
/// greedy placement in priority order, each label tried at a few positions around its anchor and dropped when
/// none is free; and a vertical spread for the tick labels of a legend.
public enum LabelPlacement {
    /// A label to place: the box it takes at each acceptable position, best first, and the mark it names.
    public struct Candidate: Sendable {
        public var positions: [ChartBox]
        /// The mark the label names (a circle's box): no label may cover it once this label is placed, and this
        /// label is dropped when one placed before it already covers it.
        public var anchor: ChartBox?

        public init(positions: [ChartBox], anchor: ChartBox? = nil) {
            self.positions = positions
            self.anchor = anchor
        }
    }

    /// For each candidate in order, the index of the first position that stays inside `bounds` and overlaps no
    /// obstacle, no label placed before it and no mark of a label placed before it; nil when there is none or its
    /// own mark is already covered (the label is dropped). Earlier candidates win.
    public static func place(_ candidates: [Candidate], obstacles: [ChartBox], bounds: ChartBox) -> [Int?] {
        var taken = [ChartBox]()
        var marks = [ChartBox]()
        var chosen = [Int?]()
        for candidate in candidates {
            if let anchor = candidate.anchor, taken.contains(where: { $0.intersects(anchor) }) {
                chosen.append(nil)
                continue
            }
            let index = candidate.positions.firstIndex { box in
                bounds.contains(box) && !obstacles.contains { $0.intersects(box) } && !taken.contains { $0.intersects(box) }
                    && !marks.contains { $0.intersects(box) }
            }
            if let index {
                taken.append(candidate.positions[index])
                if let anchor = candidate.anchor { marks.append(anchor) }
            }
            chosen.append(index)
        }
        return chosen
    }

    /// Label centres for `wanted` centres (in increasing order) at least `gap` apart and inside `lower...upper`,
    /// each moved as little as this simple pass allows: pushed down past its predecessor, then the whole run
    /// pulled back up from `upper`. When the labels cannot fit at all they are spaced evenly from `lower`.
    public static func spread(_ wanted: [Double], gap: Double, lower: Double, upper: Double) -> [Double] {
        guard !wanted.isEmpty else { return [] }
        if Double(wanted.count - 1) * gap > upper - lower {
            return wanted.indices.map { lower + Double($0) * gap }
        }
        var centres = wanted.map { min(upper, max(lower, $0)) }
        for i in 1..<centres.count where centres[i] < centres[i - 1] + gap { centres[i] = centres[i - 1] + gap }
        if centres[centres.count - 1] > upper {
            centres[centres.count - 1] = upper
            for i in stride(from: centres.count - 2, through: 0, by: -1) where centres[i] > centres[i + 1] - gap {
                centres[i] = centres[i + 1] - gap
            }
        }
        return centres
    }
}
