extension RebalancePolicy {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case churnPenalty, unassignedPenalty, maxCandidates, loadCost
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RebalancePolicy.default
        self.init(
            churnPenalty: try c.decodeIfPresent(Double.self, forKey: .churnPenalty) ?? d.churnPenalty,
            unassignedPenalty: try c.decodeIfPresent(Double.self, forKey: .unassignedPenalty) ?? d.unassignedPenalty,
            maxCandidates: try c.decodeIfPresent(Int.self, forKey: .maxCandidates) ?? d.maxCandidates,
            loadCost: try c.decodeIfPresent([LoadCostSegment].self, forKey: .loadCost) ?? d.loadCost
        )
    }

    /// Checks every value's range; errors name the field under `rebalance.`.
    public func validate() throws(RoutingPolicyError) {
        for (name, value) in [("churnPenalty", self.churnPenalty), ("unassignedPenalty", self.unassignedPenalty)]
        where !(value.isFinite && value >= 0 && value <= Self.maximumWeight) {
            throw .invalidValue(field: "rebalance.\(name)", reason: "must be a number in [0, \(Int(Self.maximumWeight))]")
        }
        if !(1...100).contains(self.maxCandidates) {
            throw .invalidValue(field: "rebalance.maxCandidates", reason: "must be between 1 and 100")
        }
        if self.loadCost.isEmpty || self.loadCost.count > 20 {
            throw .invalidValue(field: "rebalance.loadCost", reason: "must have 1–20 segments")
        }
        var previous = LoadCostSegment(upToUtilisation: 0, costPerLead: 0)
        for (index, segment) in self.loadCost.enumerated() {
            let field = "rebalance.loadCost.\(index)"
            guard segment.upToUtilisation.isFinite, segment.upToUtilisation > previous.upToUtilisation, segment.upToUtilisation <= 1 else {
                throw .invalidValue(field: "\(field).upToUtilisation", reason: "must increase, within (0, 1]")
            }
            guard segment.costPerLead.isFinite, segment.costPerLead >= previous.costPerLead, segment.costPerLead <= Self.maximumWeight else {
                throw .invalidValue(
                    field: "\(field).costPerLead",
                    reason: "must not decrease (the load cost is convex), within [0, \(Int(Self.maximumWeight))]"
                )
            }
            previous = segment
        }
        if previous.upToUtilisation != 1 {
            throw .invalidValue(field: "rebalance.loadCost", reason: "the last segment must end at utilisation 1")
        }
    }

    /// Largest penalty or load cost accepted (score units), so scaled costs stay well inside the solver's range.
    public static let maximumWeight = 1000.0
}

extension LoadCostSegment {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case upToUtilisation, costPerLead
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            upToUtilisation: try c.decode(Double.self, forKey: .upToUtilisation),
            costPerLead: try c.decode(Double.self, forKey: .costPerLead)
        )
    }
}
