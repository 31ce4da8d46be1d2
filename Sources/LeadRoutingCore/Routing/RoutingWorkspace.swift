/// Scratch memory for routing one lead at a time, reused across leads so the hot path does not allocate
/// per candidate. Not shared between concurrent tasks: each task owns one (they are cheap to create).
///
/// Entries are valid only when their stamp equals the current round's stamp, so nothing is cleared between leads.
public struct RoutingWorkspace: Sendable {
    var round: UInt32 = 0
    var layerRound: UInt32 = 0

    // Agents.
    /// Candidate stamp, best coverage strength and its territory, together: one memory access per candidate.
    var candidateSlots: [CandidateSlot]
    var referralStamp: [UInt32]
    var referral: [Double]
    /// Layer and entry of the agent's best referral chain (see ``referralLayers``).
    var referralLayer: [UInt8]
    var referralEntry: [Int32]
    var layerStamp: [UInt32]
    var layerSlot: [Int32]
    var candidates: [Int32] = []
    var eligible: [ScoredCandidate] = []

    /// Referral chain search, one array of entries per hop.
    var referralLayers: [[ReferralEntry]] = []
    /// Leads whose two-edge referral chains were completed backwards from the candidates (pruned search).
    var backwardChainSearches = 0

    // Territories.
    var territoryStamp: [UInt32]
    var territoryHop: [UInt8]
    var territoryParent: [Int32]
    var territoryDistance: [Float]
    var reachedTerritories: [Int32] = []

    /// A workspace sized for `projection`.
    public init(projection: GraphProjection) {
        let agents = projection.agentCount
        let territories = projection.territoryCount
        self.candidateSlots = [CandidateSlot](repeating: CandidateSlot(), count: agents)
        self.referralStamp = [UInt32](repeating: 0, count: agents)
        self.referral = [Double](repeating: 0, count: agents)
        self.referralLayer = [UInt8](repeating: 0, count: agents)
        self.referralEntry = [Int32](repeating: -1, count: agents)
        self.layerStamp = [UInt32](repeating: 0, count: agents)
        self.layerSlot = [Int32](repeating: -1, count: agents)
        self.territoryStamp = [UInt32](repeating: 0, count: territories)
        self.territoryHop = [UInt8](repeating: 0, count: territories)
        self.territoryParent = [Int32](repeating: -1, count: territories)
        self.territoryDistance = [Float](repeating: 0, count: territories)
    }

    /// Whether this workspace fits `projection` (a refreshed projection needs a new workspace).
    public func fits(_ projection: GraphProjection) -> Bool {
        self.candidateSlots.count == projection.agentCount && self.territoryStamp.count == projection.territoryCount
    }

    /// Starts a new round; on wrap-around all stamps are cleared so stale entries cannot look current.
    mutating func nextRound() -> UInt32 {
        if self.round == UInt32.max {
            self.round = 0
            for i in self.candidateSlots.indices {
                self.candidateSlots[i].stamp = 0
                self.referralStamp[i] = 0
                self.layerStamp[i] = 0
            }
            for i in self.territoryStamp.indices { self.territoryStamp[i] = 0 }
        }
        self.round += 1
        return self.round
    }

    /// Starts a new referral-search layer (its own stamp, so a node can appear once per layer).
    mutating func nextLayer() -> UInt32 {
        if self.layerRound == UInt32.max {
            self.layerRound = 0
            for i in self.layerStamp.indices { self.layerStamp[i] = 0 }
        }
        self.layerRound += 1
        return self.layerRound
    }
}

/// An agent's candidate state in the current round (valid when `stamp` is the round's).
struct CandidateSlot: Sendable {
    var stamp: UInt32 = 0
    /// Territory that gave the best coverage strength.
    var territory: Int32 = -1
    /// Best coverage strength `weight × territoryHopDecay^hops`.
    var coverage: Double = 0
}

/// One agent reached at some hop of the referral chain search.
struct ReferralEntry: Sendable {
    var agent: Int32
    var strength: Double
    /// Entry index in the previous layer; -1 for the source agent.
    var parent: Int32
}

/// An eligible candidate during ranking.
struct ScoredCandidate: Sendable {
    var agent: Int32
    var score: Double
    var features: FeatureScores
    /// open × capacity of the others is compared by cross-multiplication; kept as a ratio for the tie-break.
    var utilisation: Double
}
