import LeadRoutingCore

/// Top-N selection shared by the analyses: highest score first, ties by lower index, NaN last.
public enum Ranking {
    /// Indices of the `count` highest scores.
    public static func top(_ count: Int, of scores: [Double]) -> [Int] {
        guard count > 0 else { return [] }
        let before: (Int, Int) -> Bool = { a, b in
            let x = scores[a]
            let y = scores[b]
            if x.isNaN != y.isNaN { return y.isNaN }
            if x != y { return x > y }
            return a < b
        }
        if count >= scores.count / 4 { return Array(scores.indices.sorted(by: before).prefix(count)) }
        // Keep a small sorted buffer: O(n log k) for large graphs.
        var best = [Int]()
        best.reserveCapacity(count + 1)
        for i in scores.indices {
            if best.count == count, let last = best.last, !before(i, last) { continue }
            var low = 0
            var high = best.count
            while low < high {
                let mid = (low + high) / 2
                if before(best[mid], i) { low = mid + 1 } else { high = mid }
            }
            best.insert(i, at: low)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
