import LeadRoutingCore

/// Communities as a Graphviz graph: one node per community, its area proportional to its agent count, its own
/// colour and its label (`C0 · 66 agents` and its busiest agents); one line per pair of communities weighted by the
/// referral volume between them. A legend under the title says what sizes, lines and dashes mean. Links under 10%
/// of the strongest shape the layout but are not drawn, to keep the picture readable.
public struct CommunityGraphDOT: Sendable {
    /// One community.
    public struct Node: Sendable {
        /// Community number (`C0` is the largest).
        public var id: Int
        public var agents: Int
        public var topAgents: [String]

        public init(id: Int, agents: Int, topAgents: [String]) {
            self.id = id
            self.agents = agents
            self.topAgents = topAgents
        }
    }

    /// Referral volume between two communities (both directions).
    public struct Edge: Sendable {
        public var from: Int
        public var to: Int
        public var volume: Double

        public init(from: Int, to: Int, volume: Double) {
            self.from = from
            self.to = to
            self.volume = volume
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]

    public init(title: String, nodes: [Node], edges: [Edge]) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
    }

    /// Diameter in inches of the largest community's circle.
    static let largestDiameter = 3.2
    /// The smallest diameter drawn, so that a one-agent community stays visible.
    static let smallestDiameter = 0.14
    /// The smallest font (points) for a label inside its circle; a circle too small for it is labelled beside.
    static let smallestInsideFont = 9.0
    /// A link under this share of the strongest is not drawn; under `dashedShare` it is dashed.
    static let hiddenShare = 0.1
    static let dashedShare = 0.2

    /// Fill colours for `count` communities, all different: evenly spaced hues in three shades (each light enough
    /// for black text), the shade changing from one community to the next so neighbours in the size order differ
    /// most.
    public static func colours(count: Int) -> [ChartText.Colour] {
        let shades: [(saturation: Double, lightness: Double)] = [(0.85, 0.8), (0.65, 0.6), (0.75, 0.7)]
        let hues = max(1, (count + shades.count - 1) / shades.count)
        let step = 360.0 / Double(hues)
        return (0..<max(0, count)).map { i in
            let shade = i % shades.count
            let hue = 200 + Double(i / shades.count) * step + Double(shade) * step / Double(shades.count)
            return ChartText.Colour(hue: hue, saturation: shades[shade].saturation, lightness: shades[shade].lightness)
        }
    }

    /// Diameter in inches of the circle of a community of `agents` when the largest drawn has `largest`: area
    /// proportional to the agent count, never under ``smallestDiameter``.
    public static func diameter(agents: Int, largest: Int) -> Double {
        max(self.smallestDiameter, self.largestDiameter * (Double(max(0, agents)) / Double(max(1, largest))).squareRoot())
    }

    /// The legend lines under the title.
    static let legend = [
        "Circle area ∝ agents in the community; each community has its own colour and its name (C0 = largest).",
        "Lines: referrals between two communities, both directions added (so no arrows); width and number = referrals.",
        "Solid: at least 20 % of the strongest link · dashed: 10–20 % · weaker links are not drawn.",
    ]

    /// The largest font (points, at most 14) at which `lines` fit a circle of `diameter` inches, or nil when that
    /// is under `smallest`.
    static func fontSize(fitting lines: [String], diameter: Double, smallest: Double) -> Double? {
        let width = lines.map { ChartText.width($0, size: 1) }.max() ?? 0
        let height = Double(lines.count) * 1.25
        let font = min(14, 0.92 * diameter * 72 / (width * width + height * height).squareRoot())
        return font >= smallest ? font : nil
    }

    /// The DOT text (neato layout, so `dot -Tpng` places communities by their links).
    public func render() -> String {
        let largest = self.nodes.map(\.agents).max() ?? 1
        let maxVolume = max(1, self.edges.map(\.volume).max() ?? 1)
        let colours = Self.colours(count: (self.nodes.map(\.id).max() ?? -1) + 1)
        var heading = "<b>\(ChartText.xml(self.title))</b>"
        for line in Self.legend { heading += "<br/><font point-size=\"13\" color=\"#444444\">\(ChartText.xml(line))</font>" }
        var text = """
            graph communities {
              layout=neato; overlap=false; splines=true; sep="+12"; outputorder=edgesfirst; forcelabels=true;
              bgcolor="white"; pad=0.3; fontname="Helvetica"; fontsize=22; labelloc=t;
              label=<\(heading)>;
              node [shape=circle, style="filled", fontname="Helvetica", color="#555555", penwidth=1.2];
              edge [color="#7f7f7f", fontname="Helvetica", fontsize=11, fontcolor="#444444"];

            """
        for node in self.nodes {
            let size = Self.diameter(agents: node.agents, largest: largest)
            let name = CommunitySummary.label(node.id)
            let agents = ChartText.counted(node.agents, "agent")
            let full = ["\(name) · \(agents)"] + node.topAgents
            let fill = colours[node.id].hex
            text += "  c\(node.id) [width=\(ChartText.fixed(size, 3)), fixedsize=true, fillcolor=\"\(fill)\", "
            // Everything inside when it fits at a readable size; else the name and size inside and the busiest
            // agents beside (prefixed with the name); else everything beside.
            if let font = Self.fontSize(fitting: full, diameter: size, smallest: Self.smallestInsideFont) {
                text += "label=\"\(ChartText.dot(full.joined(separator: "\n")))\", fontsize=\(ChartText.fixed(font, 1))];\n"
            } else if let font = Self.fontSize(fitting: [name, agents], diameter: size, smallest: 8) {
                let beside = (["\(name):"] + node.topAgents).map(ChartText.xml).joined(separator: "<br/>")
                text += "label=\"\(ChartText.dot(name + "\n" + agents))\", fontsize=\(ChartText.fixed(font, 1)), "
                text += "xlabel=<<font point-size=\"9\">\(beside)</font>>];\n"
            } else {
                text += "label=\"\", xlabel=\"\(ChartText.dot(full.joined(separator: "\n")))\", fontsize=9];\n"
            }
        }
        // Links under 10% of the strongest still pull the layout together but are not drawn, to stay readable.
        for edge in self.edges {
            let share = edge.volume / maxVolume
            text += "  c\(edge.from) -- c\(edge.to) [penwidth=\(ChartText.fixed(0.6 + 7 * share, 2)), "
            text += "label=\"\(ChartText.compact(edge.volume))\", len=\(ChartText.fixed(2.4 - 0.8 * share, 2))"
            text += share < Self.hiddenShare ? ", style=invis];\n" : share < Self.dashedShare ? ", style=dashed];\n" : "];\n"
        }
        text += "}\n"
        return text
    }
}
