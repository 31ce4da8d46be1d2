/// Assigns leads to the arms of an A/B test by a stable hash of the experiment's name and the lead id, as production
/// traffic splitting does: the first eight bytes of SHA-256 of `experiment`, a zero byte and the id, big-endian,
/// modulo the sum of the weights, fall in one arm's slice. The same id lands in the same arm of the same experiment in
/// every run, process and platform (Swift's `hashValue` is seeded per process); the experiment's name in the hash
/// keeps two experiments from splitting the same leads the same way.
public struct TrafficSplit: Sendable, Hashable {
    /// Each arm's weight, in arm order; an arm receives about weight / sum of the leads.
    public let weights: [Int]

    /// Throws ``InputError`` (field `split`) unless there are at least two weights, every one positive.
    public init(weights: [Int]) throws(InputError) {
        guard weights.count >= 2 else { throw InputError(field: "split", reason: "needs at least two arms", subject: "simulation") }
        guard weights.allSatisfy({ $0 > 0 && $0 <= Self.maximumWeight }) else {
            throw InputError(field: "split", reason: "every arm's weight must be between 1 and \(Self.maximumWeight)", subject: "simulation")
        }
        self.weights = weights
    }

    /// Equal shares over `arms` arms (at least two).
    public static func equal(_ arms: Int) throws(InputError) -> TrafficSplit {
        try TrafficSplit(weights: [Int](repeating: 1, count: arms))
    }

    /// Largest weight accepted.
    public static let maximumWeight = 1_000_000

    /// Each arm's expected share of the leads, in [0, 1].
    public var shares: [Double] {
        let total = Double(self.weights.reduce(0, +))
        return self.weights.map { Double($0) / total }
    }

    /// The lead's position in the experiment's hash space: the first eight bytes of SHA-256 of the experiment's
    /// name, a zero byte and the lead id, big-endian.
    public static func hash(of leadId: String, experiment: String) -> UInt64 {
        SHA256Digest.hash(Array(experiment.utf8) + [0] + Array(leadId.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The arm (index into ``weights``) that `leadId` belongs to in `experiment`.
    public func arm(of leadId: String, experiment: String) -> Int {
        var bucket = Int(Self.hash(of: leadId, experiment: experiment) % UInt64(self.weights.reduce(0, +)))
        for (arm, weight) in self.weights.enumerated() {
            if bucket < weight { return arm }
            bucket -= weight
        }
        return self.weights.count - 1
    }
}
