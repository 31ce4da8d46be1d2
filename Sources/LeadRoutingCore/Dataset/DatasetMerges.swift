/// Rows the decoder accepted but did not add, because they repeated an earlier row and agreed with it.
///
/// Real files repeat harmless rows: adjacency lists name each pair in both directions, exports join in exact
/// duplicates. Which repeats a file accepts (and what "agree" means) is listed in the README; a repeat that
/// contradicts the earlier row is rejected by the decoder naming both lines.
public struct DatasetMerges: Sendable, Hashable {
    /// Merged rows per file; a file with none is absent.
    public var rows: [DatasetFile: Int] = [:]
    /// How many of the merged adjacency rows list an earlier pair in the other direction.
    public var reversedAdjacency = 0

    /// No row was merged.
    public init() {}

    /// Whether nothing was merged.
    public var isEmpty: Bool { self.rows.isEmpty }

    /// Total merged rows over all files.
    public var total: Int { self.rows.values.reduce(0, +) }

    /// One line for a load summary, files in contract order, for example
    /// `merged 2 repeated rows: adjacency.csv 2 (2 listed in both directions)`; empty when nothing was merged.
    public var summary: String {
        guard !self.isEmpty else { return "" }
        var parts: [String] = []
        for file in DatasetFile.allCases {
            guard let count = self.rows[file] else { continue }
            var part = "\(file.fileName) \(count)"
            if file == .adjacency && self.reversedAdjacency > 0 { part += " (\(self.reversedAdjacency) listed in both directions)" }
            parts.append(part)
        }
        let total = self.total
        return "merged \(total) repeated row\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    mutating func merged(_ file: DatasetFile) {
        self.rows[file, default: 0] += 1
    }
}
