/// Weighted sampling in O(1) per draw by Vose's alias method.
///
/// Used for drawing territories by population density (agents' brokerages, lead demand) and brokerages by
/// size. Construction and sampling use only basic floating-point operations in a fixed order, so draws are
/// identical on every platform for a given ``SeededRandom`` stream.
public struct AliasTable: Sendable {
    private var probability: [Double]
    private var alias: [Int32]

    /// Builds the table. Negative or non-finite weights count as zero; if all weights are zero every index is
    /// equally likely. `weights` must not be empty.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "AliasTable needs at least one weight")
        let count = weights.count
        var total = 0.0
        for weight in weights where weight.isFinite && weight > 0 { total += weight }
        var scaled = [Double](repeating: 1, count: count)
        if total > 0 {
            let factor = Double(count) / total
            for index in 0..<count {
                let weight = weights[index]
                scaled[index] = weight.isFinite && weight > 0 ? weight * factor : 0
            }
        }
        var probability = [Double](repeating: 1, count: count)
        var alias = [Int32](repeating: 0, count: count)
        var small: [Int32] = []
        var large: [Int32] = []
        for index in 0..<count {
            alias[index] = Int32(index)
            if scaled[index] < 1 { small.append(Int32(index)) } else { large.append(Int32(index)) }
        }
        while let less = small.last, let more = large.last {
            small.removeLast()
            large.removeLast()
            probability[Int(less)] = scaled[Int(less)]
            alias[Int(less)] = more
            scaled[Int(more)] = (scaled[Int(more)] + scaled[Int(less)]) - 1
            if scaled[Int(more)] < 1 { small.append(more) } else { large.append(more) }
        }
        // Whatever is left (rounding leftovers) keeps probability 1 and aliases itself.
        self.probability = probability
        self.alias = alias
    }

    /// Number of outcomes.
    public var count: Int { self.probability.count }

    /// Draws an index in `0..<count`.
    public func sample(using random: inout SeededRandom) -> Int {
        let index = random.int(below: self.probability.count)
        return random.uniform() < self.probability[index] ? index : Int(self.alias[index])
    }
}
