/// How evenly leads were spread over agents.
public enum LoadFairness {
    /// The Gini coefficient of non-negative loads: 0 when equal, towards 1 when one agent has everything; 0 for no load.
    public static func gini(_ loads: [Double]) -> Double {
        let total = loads.reduce(0, +)
        guard loads.count > 1, total > 0 else { return 0 }
        let sorted = loads.sorted()
        let n = Double(sorted.count)
        var weighted = 0.0
        for (i, x) in sorted.enumerated() { weighted += (2 * Double(i + 1) - n - 1) * x }
        return weighted / (n * total)
    }

    /// Jain's fairness index (Σx)² / (n·Σx²): 1 when equal, 1/n when one agent has everything; 1 for no load.
    public static func jain(_ loads: [Double]) -> Double {
        let total = loads.reduce(0, +)
        let squares = loads.reduce(0) { $0 + $1 * $1 }
        guard !loads.isEmpty, squares > 0 else { return 1 }
        return total * total / (Double(loads.count) * squares)
    }
}
