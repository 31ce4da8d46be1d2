import LeadRoutingCore

/// Per-community figures for the summary and the drawing.
public struct CommunitySummary: Sendable {
    public var internalVolume: [Double]
    /// Referral volume between communities, `(from, to) → sent`.
    public var crossVolume: [Pair: Double]
    /// Members of every community with their referral volume (sent + received), largest first.
    public var members: [[(agent: Int, volume: Double)]]

    public struct Pair: Hashable, Sendable {
        public var a: Int
        public var b: Int

        public init(a: Int, b: Int) {
            self.a = a
            self.b = b
        }
    }

    public init(graph: WeightedDigraph, communities: [Int32], count: Int) {
        var internalVolume = [Double](repeating: 0, count: count)
        var cross = [Pair: Double]()
        var volume = [Double](repeating: 0, count: graph.nodeCount)
        for u in 0..<graph.nodeCount {
            let cu = Int(communities[u])
            for e in graph.outgoing.edgeRange(of: Int32(u)) {
                let v = Int(graph.outgoing.targets[e])
                let w = graph.outWeights[e]
                volume[u] += w
                volume[v] += w
                let cv = Int(communities[v])
                if cu == cv { internalVolume[cu] += w } else { cross[Pair(a: cu, b: cv), default: 0] += w }
            }
        }
        var members = [[(agent: Int, volume: Double)]](repeating: [], count: count)
        for u in 0..<graph.nodeCount { members[Int(communities[u])].append((u, volume[u])) }
        for c in 0..<count { members[c].sort { $0.volume > $1.volume || ($0.volume == $1.volume && $0.agent < $1.agent) } }
        self.internalVolume = internalVolume
        self.crossVolume = cross
        self.members = members
    }

    /// The name of a community everywhere (text, CSV, JSON, pictures): `C` and its number, `C0` the largest.
    public static func label(_ community: Int) -> String { "C\(community)" }

    public func topMembers(of community: Int, count: Int) -> [Int] { self.members[community].prefix(count).map(\.agent) }
}
