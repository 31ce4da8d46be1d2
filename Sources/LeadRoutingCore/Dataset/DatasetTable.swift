/// One CSV file of a dataset: its records, with the contract's columns resolved by header name (a scanner plus
/// the header mapping). Columns are addressed by their ordinal in
/// `DatasetFile.columns`; accessors return nil for an absent column or an empty field.
struct DatasetTable {
    var scanner: CSVScanner
    /// Field index of each contract column, or -1 when the header lacks it.
    let fieldIndex: [Int]
    let fieldCount: Int
    let file: DatasetFile
    /// Rough number of data rows (line feeds), for reserving capacity.
    let estimatedRows: Int

    init(file: DatasetFile, bytes: UnsafeBufferPointer<UInt8>, fileName: String? = nil) throws(DatasetError) {
        self.file = file
        self.scanner = CSVScanner(bytes: bytes, file: fileName ?? file.fileName)
        var lineFeeds = 0
        for byte in bytes where byte == 10 { lineFeeds += 1 }
        self.estimatedRows = lineFeeds
        let columns = file.columns
        var fieldIndex = Array(repeating: -1, count: columns.count)
        var header: [String] = []
        if try self.scanner.next() {
            for index in self.scanner.fields.indices {
                let name = Self.trimmed(try self.scanner.string(index))
                header.append(name)
            }
            self.scanner.header = header
            for (index, name) in header.enumerated() {
                guard let ordinal = columns.firstIndex(of: name) else { continue }
                if fieldIndex[ordinal] >= 0 {
                    throw self.scanner.error(.duplicateColumn, field: index, message: "column \(DatasetError.quoted(name)) appears twice")
                }
                fieldIndex[ordinal] = index
            }
        }
        for name in file.requiredColumns where fieldIndex[columns.firstIndex(of: name)!] < 0 {
            throw DatasetError(
                file: fileName ?? file.fileName,
                line: 1,
                columnName: name,
                kind: .missingColumn,
                message: "required column \(DatasetError.quoted(name)) is missing from the header"
            )
        }
        self.fieldIndex = fieldIndex
        self.fieldCount = header.count
    }

    var line: Int { self.scanner.recordLine }

    /// Advances to the next record, checking its field count.
    mutating func next() throws(DatasetError) -> Bool {
        guard try self.scanner.next() else { return false }
        if self.scanner.fields.count != self.fieldCount {
            throw self.scanner.recordError(
                .wrongFieldCount,
                message: "expected \(self.fieldCount) fields as in the header, got \(self.scanner.fields.count)"
            )
        }
        return true
    }

    /// Field index of contract column `ordinal` when present and non-empty.
    @inline(__always)
    func field(_ ordinal: Int) -> Int? {
        let index = self.fieldIndex[ordinal]
        guard index >= 0, !self.scanner.isEmpty(index) else { return nil }
        return index
    }

    /// Field index used for errors about column `ordinal` (which is present whenever it has a value).
    func errorField(_ ordinal: Int) -> Int { self.fieldIndex[ordinal] }

    func error(_ kind: DatasetError.Kind, _ ordinal: Int, _ message: String) -> DatasetError {
        self.scanner.error(kind, field: self.fieldIndex[ordinal], message: message)
    }

    func quotedValue(_ ordinal: Int) -> String {
        DatasetError.quoted(self.scanner.lossyText(self.fieldIndex[ordinal]))
    }

    /// A required column's text; empty → emptyRequiredField.
    func required(_ ordinal: Int) throws(DatasetError) -> String {
        guard let index = self.field(ordinal) else {
            throw self.error(.emptyRequiredField, ordinal, "required field is empty")
        }
        return try self.scanner.string(index)
    }

    func text(_ ordinal: Int) throws(DatasetError) -> String? {
        guard let index = self.field(ordinal) else { return nil }
        return try self.scanner.string(index)
    }

    func integer(_ ordinal: Int, in range: ClosedRange<Int>) throws(DatasetError) -> Int? {
        guard let index = self.field(ordinal) else { return nil }
        let value = try self.scanner.integer(index)
        guard range.contains(value) else {
            throw self.error(.outOfRange, ordinal, "must be \(Self.describe(range)): \(self.quotedValue(ordinal))")
        }
        return value
    }

    func decimal(_ ordinal: Int, in range: ClosedRange<Double>) throws(DatasetError) -> Double? {
        guard let index = self.field(ordinal) else { return nil }
        let value = try self.scanner.decimal(index)
        guard range.contains(value) else {
            throw self.error(.outOfRange, ordinal, "must be \(Self.describe(range)): \(self.quotedValue(ordinal))")
        }
        return value
    }

    func boolean(_ ordinal: Int) throws(DatasetError) -> Bool? {
        guard let index = self.field(ordinal) else { return nil }
        let s = self.scanner
        if s.equalsIgnoringCase(index, "true") || s.equalsIgnoringCase(index, "1") || s.equalsIgnoringCase(index, "yes") { return true }
        if s.equalsIgnoringCase(index, "false") || s.equalsIgnoringCase(index, "0") || s.equalsIgnoringCase(index, "no") { return false }
        throw self.error(.invalidValue, ordinal, "not a boolean (true/false/1/0/yes/no): \(self.quotedValue(ordinal))")
    }

    func kind(_ ordinal: Int) throws(DatasetError) -> LeadKind? {
        guard let index = self.field(ordinal) else { return nil }
        for kind in LeadKind.allCases where self.scanner.equalsIgnoringCase(index, kind.staticName) { return kind }
        throw self.error(.invalidValue, ordinal, "not a lead kind (buy/sell/rent): \(self.quotedValue(ordinal))")
    }

    /// A `|`-separated list, items trimmed, empty items dropped; nil when no item remains.
    func list(_ ordinal: Int, uppercased: Bool) throws(DatasetError) -> [String]? {
        guard let text = try self.text(ordinal) else { return nil }
        var items: [String] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: true) {
            let item = Self.trimmed(Substring(part))
            if item.isEmpty { continue }
            items.append(uppercased ? item.uppercased() : item.lowercased())
        }
        return items.isEmpty ? nil : items
    }

    /// An ISO-8601 date or date-time, kept as written.
    func timestamp(_ ordinal: Int) throws(DatasetError) -> String? {
        guard let index = self.field(ordinal) else { return nil }
        let field = self.scanner.fields[index]
        let valid =
            !field.hasEscapedQuotes && ISO8601Shape.isValid(UnsafeBufferPointer(rebasing: self.scanner.bytes[field.start..<field.end]))
        guard valid else {
            throw self.error(.invalidValue, ordinal, "not an ISO-8601 date or date-time: \(self.quotedValue(ordinal))")
        }
        return try self.scanner.string(index)
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "≥ \(range.lowerBound)" }
        return "in \(range.lowerBound)...\(range.upperBound)"
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        if range.upperBound == .greatestFiniteMagnitude { return "≥ \(range.lowerBound)" }
        return "in [\(range.lowerBound), \(range.upperBound)]"
    }

    /// Removes leading and trailing spaces and tabs.
    static func trimmed(_ text: some StringProtocol) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = text.lastIndex(where: { !isBlank($0) })!
        return String(text[first...last])
    }
}

extension LeadKind {
    fileprivate var staticName: StaticString {
        switch self {
        case .buy: "buy"
        case .sell: "sell"
        case .rent: "rent"
        }
    }
}
