/// A byte-level RFC 4180 scanner: the fast, allocation-free front end of ``DatasetDecoder``.
///
/// It understands comma separators, quoted fields (with embedded commas, doubled quotes and line breaks),
/// LF or CRLF line ends, an optional UTF-8 byte-order mark, an optional final line end and blank trailing
/// lines (ignored). Each call to ``next()`` fills ``fields`` with the byte ranges of one record, reusing
/// the same array, and records the record's physical line in ``recordLine``. Nothing is converted until
/// asked: ``string(_:)``, ``integer(_:)`` and ``decimal(_:)`` work on a field's bytes directly, so a
/// numeric column never builds a `String`.
///
/// The scanner does not own its bytes: the buffer passed to ``init(bytes:file:)`` must stay valid for the
/// scanner's whole life (typically the body of `Array.withUnsafeBufferPointer`).
/// For small inputs and tests, ``records(in:file:)`` is a safe, allocating convenience.
public struct CSVScanner {
    /// One field of the current record: the byte range of its content (without surrounding quotes).
    public struct Field: Sendable, Hashable {
        /// Offset of the first content byte in the scanner's buffer.
        public var start: Int
        /// Offset one past the last content byte.
        public var end: Int
        /// Whether the field was quoted (a quoted empty field is still empty).
        public var isQuoted: Bool
        /// Whether the content contains doubled quotes that must be collapsed when read.
        public var hasEscapedQuotes: Bool

        /// Number of content bytes (before collapsing doubled quotes).
        public var byteCount: Int { self.end - self.start }
    }

    /// The bytes being scanned.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// File name used in errors, for example `agents.csv`.
    public let file: String
    /// Column names used in errors (`DatasetError.columnName`); set it once the header is read.
    public var header: [String] = []
    /// Fields of the current record, valid after ``next()`` returned true.
    public private(set) var fields: [Field] = []
    /// 1-based physical line on which the current record starts.
    public private(set) var recordLine = 0

    private var position: Int
    private let end: Int
    private var line = 1

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Prepares to scan `bytes`, skipping a UTF-8 byte-order mark and ignoring trailing line ends
    /// (so the final line end is optional and blank trailing lines produce no records).
    public init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var end = bytes.count
        while end > start && (bytes[end - 1] == Self.lineFeed || bytes[end - 1] == Self.carriageReturn) { end -= 1 }
        self.position = start
        self.end = end
        self.fields.reserveCapacity(16)
    }

    /// Scans the next record into ``fields``; returns false at the end of the input.
    public mutating func next() throws(DatasetError) -> Bool {
        self.fields.removeAll(keepingCapacity: true)
        guard self.position < self.end else { return false }
        self.recordLine = self.line
        let bytes = self.bytes
        let end = self.end
        var i = self.position
        while true {
            if i < end && bytes[i] == Self.quote {
                let openingLine = self.line
                i += 1
                let start = i
                var escaped = false
                while true {
                    guard i < end else {
                        throw self.error(.unterminatedQuote, line: openingLine, field: self.fields.count, message: "quoted field is never closed")
                    }
                    let byte = bytes[i]
                    if byte == Self.quote {
                        if i + 1 < end && bytes[i + 1] == Self.quote {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    if byte == Self.lineFeed { self.line += 1 }
                    i += 1
                }
                self.fields.append(Field(start: start, end: i, isQuoted: true, hasEscapedQuotes: escaped))
                i += 1
                if i >= end { break }
                let byte = bytes[i]
                if byte == Self.comma {
                    i += 1
                    continue
                }
                if byte == Self.lineFeed {
                    i += 1
                    break
                }
                if byte == Self.carriageReturn && i + 1 < end && bytes[i + 1] == Self.lineFeed {
                    i += 2
                    break
                }
                throw self.error(.invalidQuote, line: self.line, field: self.fields.count - 1, message: "unexpected text after a closing quote")
            } else {
                let start = i
                var byte: UInt8 = 0
                while i < end {
                    byte = bytes[i]
                    if byte == Self.comma || byte == Self.lineFeed || byte == Self.quote { break }
                    if byte == Self.carriageReturn && i + 1 < end && bytes[i + 1] == Self.lineFeed { break }
                    i += 1
                }
                self.fields.append(Field(start: start, end: i, isQuoted: false, hasEscapedQuotes: false))
                if i >= end { break }
                if byte == Self.comma {
                    i += 1
                    continue
                }
                if byte == Self.quote {
                    throw self.error(.invalidQuote, line: self.line, field: self.fields.count - 1, message: "quote inside an unquoted field")
                }
                i += byte == Self.lineFeed ? 1 : 2
                break
            }
        }
        self.line += 1
        self.position = i
        return true
    }

    // MARK: - Field access

    /// Whether field `index` is empty (absent).
    @inline(__always)
    public func isEmpty(_ index: Int) -> Bool {
        self.fields[index].start == self.fields[index].end
    }

    /// Field `index` as a validated UTF-8 string, doubled quotes collapsed.
    public func string(_ index: Int) throws(DatasetError) -> String {
        let field = self.fields[index]
        if !field.hasEscapedQuotes {
            let slice = UnsafeBufferPointer(rebasing: self.bytes[field.start..<field.end])
            // ASCII fast path (ids, codes): `String(decoding:)` is specialised and cannot need repair here,
            // whereas the generic `String(validating:)` costs a metadata lookup per call.
            var nonASCII: UInt8 = 0
            for byte in slice { nonASCII |= byte }
            if nonASCII < 0x80 { return String(decoding: slice, as: UTF8.self) }
            if let text = String(validating: slice, as: UTF8.self) { return text }
        } else if let text = String(validating: self.unescapedBytes(field), as: UTF8.self) {
            return text
        }
        throw self.error(.invalidUTF8, field: index, message: "not valid UTF-8: \(DatasetError.quoted(self.lossyText(index)))")
    }

    /// Field `index` as a signed integer: `[+-]?[0-9]+`, nothing else (no spaces, no separators).
    public func integer(_ index: Int) throws(DatasetError) -> Int {
        let field = self.fields[index]
        var i = field.start
        let end = field.end
        var negative = false
        if i < end && (self.bytes[i] == UInt8(ascii: "-") || self.bytes[i] == UInt8(ascii: "+")) {
            negative = self.bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { throw self.notAnInteger(index) }
        var value = 0
        var overflow = false
        while i < end {
            let digit = Int(self.bytes[i]) &- 48
            guard digit >= 0 && digit <= 9 else { throw self.notAnInteger(index) }
            if !overflow {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                value = sum
                overflow = o1 || o2
            }
            i += 1
        }
        if overflow {
            throw self.error(.outOfRange, field: index, message: "integer too large: \(DatasetError.quoted(self.lossyText(index)))")
        }
        return negative ? -value : value
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Field `index` as a finite decimal: `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`.
    ///
    /// Plain decimals with at most 15–16 significant digits are converted exactly from the bytes (one
    /// correctly rounded division by an exact power of ten); anything else (exponents, long mantissas)
    /// falls back to `Double(String)`, which is correctly rounded too, so `Double.description` round-trips.
    public func decimal(_ index: Int) throws(DatasetError) -> Double {
        let field = self.fields[index]
        let bytes = self.bytes
        var i = field.start
        let end = field.end
        var negative = false
        if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var mantissaExact = true
        var digitCount = 0
        var fractionDigits = 0
        while i < end, case let digit = bytes[i] &- 48, digit <= 9 {
            if mantissa > (1 << 53) / 10 { mantissaExact = false } else { mantissa = mantissa * 10 + UInt64(digit) }
            digitCount += 1
            i += 1
        }
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, case let digit = bytes[i] &- 48, digit <= 9 {
                if mantissa > (1 << 53) / 10 { mantissaExact = false } else { mantissa = mantissa * 10 + UInt64(digit) }
                digitCount += 1
                fractionDigits += 1
                i += 1
            }
        }
        guard digitCount > 0 else { throw self.notADecimal(index) }
        if i == end && mantissaExact && fractionDigits <= 22 {
            let magnitude = Double(mantissa) / Self.exactPowersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        if i < end {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { throw self.notADecimal(index) }
            i += 1
            if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { i += 1 }
            let exponentStart = i
            while i < end && bytes[i] &- 48 <= 9 { i += 1 }
            guard i == end && i > exponentStart else { throw self.notADecimal(index) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw self.error(.outOfRange, field: index, message: "number too large: \(DatasetError.quoted(text))")
        }
        return value
    }

    /// Whether field `index` equals `lowercaseASCII` ignoring ASCII case (no allocation).
    public func equalsIgnoringCase(_ index: Int, _ lowercaseASCII: StaticString) -> Bool {
        let field = self.fields[index]
        guard field.byteCount == lowercaseASCII.utf8CodeUnitCount else { return false }
        let expected = lowercaseASCII.utf8Start
        for offset in 0..<field.byteCount {
            var byte = self.bytes[field.start + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected[offset] { return false }
        }
        return true
    }

    /// Field `index` decoded leniently (invalid UTF-8 replaced), for error messages.
    public func lossyText(_ index: Int) -> String {
        let field = self.fields[index]
        if field.hasEscapedQuotes { return String(decoding: self.unescapedBytes(field), as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: self.bytes[field.start..<field.end]), as: UTF8.self)
    }

    /// An error located at field `index` of the current record (line ``recordLine``, column `index + 1`).
    public func error(_ kind: DatasetError.Kind, field index: Int, message: String) -> DatasetError {
        self.error(kind, line: self.recordLine, field: index, message: message)
    }

    /// An error located on the current record as a whole (no column).
    public func recordError(_ kind: DatasetError.Kind, message: String) -> DatasetError {
        DatasetError(file: self.file, line: self.recordLine, kind: kind, message: message)
    }

    private func error(_ kind: DatasetError.Kind, line: Int, field index: Int, message: String) -> DatasetError {
        DatasetError(
            file: self.file,
            line: line,
            column: index + 1,
            columnName: index < self.header.count ? self.header[index] : nil,
            kind: kind,
            message: message
        )
    }

    private func notAnInteger(_ index: Int) -> DatasetError {
        self.error(.invalidNumber, field: index, message: "not an integer: \(DatasetError.quoted(self.lossyText(index)))")
    }

    private func notADecimal(_ index: Int) -> DatasetError {
        self.error(.invalidNumber, field: index, message: "not a number: \(DatasetError.quoted(self.lossyText(index)))")
    }

    private func unescapedBytes(_ field: Field) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(field.byteCount)
        var i = field.start
        while i < field.end {
            let byte = self.bytes[i]
            result.append(byte)
            i += byte == Self.quote ? 2 : 1
        }
        return result
    }

    // MARK: - Convenience

    /// Every record of `bytes` as validated strings with its starting line: convenient for tests and small
    /// inputs; the decoder uses the allocation-free interface instead.
    public static func records(in bytes: [UInt8], file: String = "input.csv") throws(DatasetError) -> [(line: Int, fields: [String])] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var scanner = CSVScanner(bytes: buffer, file: file)
            var records: [(line: Int, fields: [String])] = []
            while try scanner.next() {
                var fields: [String] = []
                for index in scanner.fields.indices { fields.append(try scanner.string(index)) }
                records.append((scanner.recordLine, fields))
            }
            return records
        }
    }
}
