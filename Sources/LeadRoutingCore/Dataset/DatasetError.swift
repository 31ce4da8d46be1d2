/// Why a dataset was rejected, and exactly where ("rejected whole with file, line and column").
///
/// The decoder stops at the first problem and throws one of these; nothing is half-imported.
/// ``description`` renders the familiar compiler-style location, for example
/// `agents.csv:12:9 (capacity): not an integer: "ab"`.
public struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of problem, as an open set of static values (so new kinds do not break exhaustive switches).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case missingFile
            case missingColumn
            case duplicateColumn
            case wrongFieldCount
            case unterminatedQuote
            case invalidQuote
            case invalidUTF8
            case emptyRequiredField
            case invalidNumber
            case outOfRange
            case invalidValue
            case duplicateId
            case unknownReference
            case duplicateEdge
            case selfReference
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A required file (``DatasetFile/isRequired``) is not in the input.
        public static let missingFile = Kind(.missingFile)
        /// A required column (``DatasetFile/requiredColumns``) is not in the header (reported on line 1).
        public static let missingColumn = Kind(.missingColumn)
        /// The header names the same column twice (reported on line 1, at the second occurrence).
        public static let duplicateColumn = Kind(.duplicateColumn)
        /// A record has a different number of fields than the header.
        public static let wrongFieldCount = Kind(.wrongFieldCount)
        /// A quoted field runs to the end of the file (reported at the line where the quote opened).
        public static let unterminatedQuote = Kind(.unterminatedQuote)
        /// A quote inside an unquoted field, or text between a closing quote and the next separator.
        public static let invalidQuote = Kind(.invalidQuote)
        /// A field that is not valid UTF-8.
        public static let invalidUTF8 = Kind(.invalidUTF8)
        /// A required column is empty on some record.
        public static let emptyRequiredField = Kind(.emptyRequiredField)
        /// A numeric field that is not a number of the expected shape (integer, or decimal).
        public static let invalidNumber = Kind(.invalidNumber)
        /// A well-formed number outside the allowed range (negative capacity, weight above 1, latitude 95, ...).
        public static let outOfRange = Kind(.outOfRange)
        /// A malformed boolean, lead kind or ISO-8601 timestamp.
        public static let invalidValue = Kind(.invalidValue)
        /// A lead id that appears twice, or an agent or territory id repeated with different values.
        public static let duplicateId = Kind(.duplicateId)
        /// An id that does not name a known agent or territory.
        public static let unknownReference = Kind(.unknownReference)
        /// A coverage pair, referral pair or (undirected) adjacency pair repeated with values that contradict the
        /// earlier row (repeats that agree are merged; see ``DatasetMerges``).
        public static let duplicateEdge = Kind(.duplicateEdge)
        /// A referral from an agent to itself, or a territory adjacent to itself.
        public static let selfReference = Kind(.selfReference)

        /// The kind's name, for example `invalidNumber`.
        public var description: String { self.base.rawValue }
    }

    /// File name inside the dataset directory, for example `agents.csv`.
    public var file: String
    /// 1-based physical line (the header is line 1); nil for file-level problems.
    public var line: Int?
    /// 1-based field index within the record; nil for file- and record-level problems.
    public var column: Int?
    /// Header name of ``column`` (or of the missing column), when known.
    public var columnName: String?
    /// The class of problem.
    public var kind: Kind
    /// Human-readable explanation, quoting the offending value.
    public var message: String

    /// Creates an error; prefer the decoder's own errors, this is public so other readers can report alike.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.kind = kind
        self.message = message
    }

    /// `file[:line[:column]][ (columnName)]: message`.
    public var description: String {
        var text = self.file
        if let line = self.line {
            text += ":\(line)"
            if let column = self.column { text += ":\(column)" }
        }
        if let columnName = self.columnName { text += " (\(columnName))" }
        return text + ": " + self.message
    }

    /// Quotes a value for a message, truncated to 40 characters so a huge field cannot flood a log.
    static func quoted(_ value: String) -> String {
        let limit = 40
        if value.count <= limit { return "\"\(value)\"" }
        return "\"\(value.prefix(limit))…\""
    }
}
