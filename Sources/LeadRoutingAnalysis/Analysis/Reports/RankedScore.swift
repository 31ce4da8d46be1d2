import LeadRoutingCore

/// One ranked agent (or territory) in a report.
public struct RankedScore: Codable, Sendable, Equatable {
    public var rank: Int
    public var id: String
    public var score: Double

    public init(rank: Int, id: String, score: Double) {
        self.rank = rank
        self.id = id
        self.score = score
    }

    /// Ranked rows for the node `indices`, best first, with their `scores` and `ids`; the first row has rank
    /// `firstRank` (1, or one past the rows skipped when paging).
    public static func ranked(_ indices: some Collection<Int>, scores: [Double], ids: [String], firstRank: Int = 1) -> [RankedScore] {
        indices.enumerated().map { RankedScore(rank: firstRank + $0.offset, id: ids[$0.element], score: scores[$0.element]) }
    }
}
