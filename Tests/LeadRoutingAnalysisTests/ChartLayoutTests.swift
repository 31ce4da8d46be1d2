import LeadRoutingAnalysis
import LeadRoutingCore
import Testing

/// The pictures' geometry: labels and legend entries never overlap, community colours differ, circles grow with
/// what they stand for. Each checker is first shown catching a broken case.
@Suite("Chart layout")
struct ChartLayoutTests {
    /// Every pair of boxes that overlap (the checker the tests below rely on).
    static func overlapping(_ boxes: [ChartBox]) -> [(Int, Int)] {
        var pairs = [(Int, Int)]()
        for i in boxes.indices {
            for j in boxes.indices where j > i && boxes[i].intersects(boxes[j]) { pairs.append((i, j)) }
        }
        return pairs
    }

    /// A dense cluster of short territories around one point plus a few far away: the worst case for labels.
    static func crowdedMap(low: Double = -40) -> TerritoryMapSVG {
        var points = [TerritoryMapSVG.Point]()
        for i in 0..<30 {
            let ring = Double(i / 10) * 0.004
            let angle = Double(i) * 0.7
            points.append(
                .init(
                    label: "Territory \(i)",
                    latitude: 40.7 + ring * angle.truncatingRemainder(dividingBy: 1.3),
                    longitude: -74 + ring * (angle / 4).truncatingRemainder(dividingBy: 1.1),
                    value: Double(30 - i) * 7,
                    demand: 10 + i
                )
            )
        }
        points.append(.init(label: "Far", latitude: 40.9, longitude: -73.7, value: low, demand: 3))
        points.append(.init(label: "Farther", latitude: 40.5, longitude: -74.3, value: 0, demand: 1))
        return TerritoryMapSVG(title: "t", subtitle: "s", territories: points, labelled: 30)
    }

    @Test func overlapCheckerCatchesCollidingLabels() {
        let a = ChartBox.text("10004 +1,671", x: 100, baseline: 100, size: 11, bold: true)
        let b = ChartBox.text("10011 +2,149", x: 95, baseline: 106, size: 11, bold: true)
        let c = ChartBox.text("far away", x: 400, baseline: 100, size: 11)
        #expect(Self.overlapping([a, b, c]).count == 1)
        #expect(Self.overlapping([a, c]).isEmpty)
    }

    @Test func territoryLabelsNeverCollideAndStayOnTheMap() {
        let map = Self.crowdedMap()
        let layout = map.layout()
        // Broken case: every label at its first choice (right of the circle), as the picture used to do.
        let naive = map.territories.indices.filter { map.territories[$0].value > 0 }.map { i in
            let m = layout.marks[i]
            return ChartBox.text(map.territories[i].label, x: m.x + m.radius + 3, baseline: m.y + 4, size: 11, bold: true)
        }
        #expect(!Self.overlapping(naive).isEmpty, "the crowded map must be a real test")
        #expect(!layout.labels.isEmpty)
        #expect(Self.overlapping(layout.labels.map(\.box)).isEmpty)
        #expect(layout.labels.allSatisfy { layout.map.contains($0.box) })
        // No label covers the circle of a labelled territory.
        let labelledCircles = layout.labels.compactMap { label in
            map.territories.indices.first { label.text.hasPrefix(map.territories[$0].label + " ") }.map { layout.marks[$0] }
        }
        for label in layout.labels {
            #expect(!labelledCircles.contains { ChartBox.circle(x: $0.x, y: $0.y, radius: $0.radius).intersects(label.box) })
        }
        // Deterministic: the same input gives the same picture.
        #expect(map.render() == map.render())
    }

    @Test(arguments: [-40.0, 0.0, -2349.0])
    func legendTicksNeverOverprint(low: Double) {
        // Shortfalls from +1 down to `low`: the zero tick falls next to (or on) the top one.
        var points = [TerritoryMapSVG.Point]()
        points.append(.init(label: "A", latitude: 40.7, longitude: -74, value: 1, demand: 5))
        points.append(.init(label: "B", latitude: 40.8, longitude: -74.1, value: low, demand: 5))
        let layout = TerritoryMapSVG(title: "t", subtitle: "s", territories: points).layout()
        let boxes = layout.scaleLabels.map(\.text.box) + layout.legendTexts.map(\.box)
        #expect(Self.overlapping(boxes).isEmpty, "\(layout.scaleLabels.map(\.text.text))")
        #expect(boxes.allSatisfy { $0.maxX <= layout.width && $0.maxY <= layout.height })
    }

    @Test func legendWithNoShortfallSaysBalancedOnce() {
        let points = [
            TerritoryMapSVG.Point(label: "A", latitude: 40.7, longitude: -74, value: -5, demand: 5),
            TerritoryMapSVG.Point(label: "B", latitude: 40.8, longitude: -74.1, value: -500, demand: 5),
        ]
        let texts = TerritoryMapSVG(title: "t", subtitle: "s", territories: points).layout().scaleLabels.map(\.text.text)
        #expect(texts == ["0 balanced", "-500 spare capacity"])
        // Broken case: the old legend drew "+0 demand over supply" on top of "0 balanced".
        let old = [
            ChartBox.text("+0 demand over supply", x: 722, baseline: 114, size: 11.5), ChartBox.text("0 balanced", x: 722, baseline: 114, size: 11.5),
        ]
        #expect(!Self.overlapping(old).isEmpty)
    }

    @Test func spreadKeepsLabelsApartAndInRange() {
        let spread = LabelPlacement.spread([100, 100, 101, 300], gap: 15, lower: 100, upper: 300)
        #expect(spread == [100, 115, 130, 300])
        let pushedUp = LabelPlacement.spread([290, 300, 300], gap: 15, lower: 100, upper: 300)
        #expect(pushedUp == [270, 285, 300])
    }

    @Test func placementDropsALabelThatFitsNowhere() {
        let bounds = ChartBox(x: 0, y: 0, width: 100, height: 20)
        let one = LabelPlacement.Candidate(positions: [ChartBox(x: 0, y: 0, width: 60, height: 20)])
        let other = LabelPlacement.Candidate(positions: [ChartBox(x: 30, y: 0, width: 60, height: 20), ChartBox(x: 50, y: 0, width: 60, height: 20)])
        #expect(LabelPlacement.place([one, other], obstacles: [], bounds: bounds) == [0, nil])
        #expect(LabelPlacement.place([other, one], obstacles: [], bounds: bounds) == [0, nil])
    }

    @Test func placementNeverCoversAPlacedMarkAndDropsACoveredOne() {
        let bounds = ChartBox(x: 0, y: 0, width: 200, height: 100)
        let first = LabelPlacement.Candidate(
            positions: [ChartBox(x: 20, y: 0, width: 50, height: 10)],
            anchor: ChartBox(x: 0, y: 0, width: 10, height: 10)
        )
        // Its first choice covers the first mark, so it takes the second.
        let second = LabelPlacement.Candidate(
            positions: [ChartBox(x: 0, y: 5, width: 50, height: 10), ChartBox(x: 100, y: 50, width: 50, height: 10)],
            anchor: ChartBox(x: 90, y: 50, width: 8, height: 8)
        )
        // Its mark lies under the first label: dropped.
        let third = LabelPlacement.Candidate(
            positions: [ChartBox(x: 150, y: 80, width: 20, height: 10)],
            anchor: ChartBox(x: 30, y: 2, width: 6, height: 6)
        )
        #expect(LabelPlacement.place([first, second, third], obstacles: [], bounds: bounds) == [0, 1, nil])
    }

    // MARK: Bar chart

    @Test func barLabelsFitTheDocumentAndNeverCoverABar() {
        let long = String(repeating: "Bartholomew Featherstonehaugh-", count: 4) + " (A0000001)"
        let chart = BarChartSVG(
            title: "t",
            subtitle: "s",
            bars: [.init(label: long, value: 0.964), .init(label: "Wei Wu (A0000347)", value: 0.92), .init(label: "x", value: 0.0001)],
            axisTitle: "share of referral influence (%)",
            unit: " %"
        )
        let wide = BarChartSVG(title: "t", subtitle: String(repeating: "a long subtitle ", count: 12) + "\nsecond line", bars: chart.bars)
        #expect(wide.layout().width >= ChartText.width(String(repeating: "a long subtitle ", count: 12), size: 12.5) + 24)
        let layout = chart.layout()
        let boxes = layout.labels.map(\.box) + layout.values.map(\.box)
        #expect(boxes.allSatisfy { $0.x >= 0 && $0.maxX <= layout.width })
        #expect(layout.labels.allSatisfy { label in !layout.bars.contains { $0.intersects(label.box) } })
        #expect(layout.labels[0].text.hasSuffix("…"))
        #expect(layout.values.map(\.text) == ["0.964 %", "0.920 %", "0.000 %"])
        #expect(chart.render().contains("share of referral influence (%)"))
    }

    // MARK: Community graph

    @Test func everyDrawnCommunityHasItsOwnColour() {
        // Broken case: the old 12-colour palette, repeated from the 13th community on.
        let old: [UInt32] = [0x8dd3c7, 0xffffb3, 0xbebada, 0xfb8072, 0x80b1d3, 0xfdb462, 0xb3de69, 0xfccde5, 0xd9d9d9, 0xbc80bd, 0xccebc5, 0xffed6f]
        let oldColours = (0..<16).map { ChartText.Colour(old[$0 % old.count]) }
        #expect(Self.closestPair(oldColours) == 0)
        for count in [1, 2, 12, 16, 24] {
            let colours = CommunityGraphDOT.colours(count: count)
            #expect(colours.count == count)
            #expect(Self.closestPair(colours) >= 35, "\(count) communities")
        }
        let many = CommunityGraphDOT.colours(count: 200).map(\.hex)
        #expect(Set(many).count == 200)
    }

    static func closestPair(_ colours: [ChartText.Colour]) -> Double {
        var closest = Double.infinity
        for i in colours.indices {
            for j in colours.indices where j > i { closest = min(closest, colours[i].distance(to: colours[j])) }
        }
        return closest
    }

    @Test func circleAreaFollowsCommunitySize() {
        let largest = 66
        let diameters = (1...largest).map { CommunityGraphDOT.diameter(agents: $0, largest: largest) }
        #expect(zip(diameters, diameters.dropFirst()).allSatisfy { $0 < $1 })
        // Area ratio = agent ratio: a 1-agent community is a fourteenth of a 14-agent one.
        let one = CommunityGraphDOT.diameter(agents: 1, largest: largest)
        let fourteen = CommunityGraphDOT.diameter(agents: 14, largest: largest)
        #expect(abs(fourteen * fourteen / (one * one) - 14) < 1e-9)
        // Never invisible, never larger than the largest.
        #expect(CommunityGraphDOT.diameter(agents: 1, largest: 1_000_000) > 0.1)
        #expect(CommunityGraphDOT.diameter(agents: largest, largest: largest) == diameters.last)
    }

    @Test func communityGraphExplainsItselfAndCountsRight() {
        let dot = CommunityGraphDOT(
            title: "t",
            nodes: [.init(id: 0, agents: 14, topAgents: ["A"]), .init(id: 1, agents: 1, topAgents: ["B"])],
            edges: [.init(from: 0, to: 1, volume: 10)]
        ).render()
        #expect(dot.contains("C1\\n1 agent\"") && !dot.contains("1 agents"))
        #expect(dot.contains("C0 · 14 agents"))
        #expect(dot.contains("Circle area ∝ agents") && dot.contains("dashed") && dot.contains("both directions added"))
    }
}
