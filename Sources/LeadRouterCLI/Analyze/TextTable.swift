/// A plain-text table for the `analyze` summaries: every column as wide as its widest cell, text left-aligned,
/// numbers right-aligned, two spaces between columns, no trailing spaces.
struct TextTable {
    enum Alignment { case left, right }

    struct Column {
        var title: String
        var alignment: Alignment

        static func text(_ title: String) -> Column { Column(title: title, alignment: .left) }
        static func number(_ title: String) -> Column { Column(title: title, alignment: .right) }
    }

    var columns: [Column]
    /// One cell per column in every row.
    var rows: [[String]]

    /// The header line and one line per row, each ending in a newline.
    func render() -> String {
        let widths = self.columns.indices.map { c in
            ([self.columns[c].title] + self.rows.map { c < $0.count ? $0[c] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (c, column) in self.columns.enumerated() {
                let cell = c < cells.count ? cells[c] : ""
                let padding = String(repeating: " ", count: widths[c] - cell.count)
                text += (c == 0 ? "" : "  ") + (column.alignment == .right ? padding + cell : cell + padding)
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        return line(self.columns.map(\.title)) + self.rows.map(line).joined()
    }
}
