import LeadRoutingCore

/// Communities as a Graphviz graph: one node per community sized by its agent count and labelled with its top
/// agents, one edge per pair of communities weighted by the referral volume between them (links under 10% of
/// the strongest shape the layout but are not drawn, to keep the picture readable).
public struct CommunityGraphDOT: Sendable {
    /// One community.
    public struct Node: Sendable {
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

    static let palette: [UInt32] = [
        0x8dd3c7, 0xffffb3, 0xbebada, 0xfb8072, 0x80b1d3, 0xfdb462, 0xb3de69, 0xfccde5,
        0xd9d9d9, 0xbc80bd, 0xccebc5, 0xffed6f,
    ]

    /// The DOT text (neato layout, so `dot -Tpng` places communities by their links).
    public func render() -> String {
        let maxAgents = Double(max(1, self.nodes.map(\.agents).max() ?? 1))
        let maxVolume = max(1, self.edges.map(\.volume).max() ?? 1)
        var text = """
            graph communities {
              layout=neato; overlap=false; splines=true; sep="+12"; outputorder=edgesfirst;
              bgcolor="white"; pad=0.3; fontname="Helvetica"; fontsize=22; labelloc=t;
              label="\(ChartText.dot(self.title))";
              node [shape=circle, style="filled", fontname="Helvetica", color="#555555", penwidth=1.2];
              edge [color="#7f7f7f", fontname="Helvetica", fontsize=11, fontcolor="#444444"];

            """
        for node in self.nodes {
            let size = 1.6 + 1.6 * (Double(node.agents) / maxAgents).squareRoot()
            let fill = ChartText.Colour(Self.palette[node.id % Self.palette.count]).hex
            let label = "C\(node.id) · \(node.agents) agents\n" + node.topAgents.joined(separator: "\n")
            text += "  c\(node.id) [label=\"\(ChartText.dot(label))\", width=\(ChartText.fixed(size, 2)), fixedsize=true, "
            text += "fontsize=\(ChartText.fixed(10 + 4 * (Double(node.agents) / maxAgents).squareRoot(), 1)), fillcolor=\"\(fill)\"];\n"
        }
        // Links under 10% of the strongest still pull the layout together but are not drawn, to stay readable.
        for edge in self.edges {
            let share = edge.volume / maxVolume
            text += "  c\(edge.from) -- c\(edge.to) [penwidth=\(ChartText.fixed(0.6 + 7 * share, 2)), "
            text += "label=\"\(ChartText.compact(edge.volume))\", len=\(ChartText.fixed(2.4 - 0.8 * share, 2))"
            text += share < 0.1 ? ", style=invis];\n" : share < 0.2 ? ", style=dashed];\n" : "];\n"
        }
        text += "}\n"
        return text
    }
}
