extension MinCostFlowProblem {
    /// The instance in the DIMACS minimum-cost flow format, so that any other solver can check an optimum:
    /// `p min N M`, one `n ID SUPPLY` line per node with a non-zero supply, one `a FROM TO 0 CAP COST` line per arc
    /// in arc order. Node ids are 1-based (node `i` is `i + 1`); `comments` become leading `c` lines.
    public func dimacs(comments: [String] = []) -> String {
        var lines: [String] = []
        lines.reserveCapacity(self.arcCount + self.nodeCount + comments.count + 1)
        for comment in comments { lines.append(comment.isEmpty ? "c" : "c \(comment)") }
        lines.append("p min \(self.nodeCount) \(self.arcCount)")
        for (node, supply) in self.supplies.enumerated() where supply != 0 { lines.append("n \(node + 1) \(supply)") }
        for arc in 0..<self.arcCount {
            let from = Int(self.arcSources[arc]) + 1
            let to = Int(self.arcTargets[arc]) + 1
            lines.append("a \(from) \(to) 0 \(self.arcCapacities[arc]) \(self.arcCosts[arc])")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
