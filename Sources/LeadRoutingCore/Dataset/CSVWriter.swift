/// Appends RFC 4180 CSV rows to a byte buffer: fields containing a comma, quote, CR or LF are quoted,
/// quotes doubled. Used by the dataset encoder and the streaming generator.
public struct CSVWriter: Sendable {
    /// Bytes written so far; the owner drains it (for example to a file) whenever it likes.
    public var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 0) {
        self.bytes.reserveCapacity(capacity)
    }

    /// Appends one row and a line feed.
    public mutating func writeRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { self.bytes.append(UInt8(ascii: ",")) }
            self.writeField(field)
        }
        self.bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one field, quoting it when needed. Call ``endRow()`` after the last field;
    /// ``writeSeparator()`` between fields.
    public mutating func writeField(_ field: String) {
        var needsQuotes = false
        for byte in field.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            self.bytes.append(contentsOf: field.utf8)
            return
        }
        self.bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { self.bytes.append(byte) }
            self.bytes.append(byte)
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the field separator.
    public mutating func writeSeparator() {
        self.bytes.append(UInt8(ascii: ","))
    }

    /// Ends the current row.
    public mutating func endRow() {
        self.bytes.append(UInt8(ascii: "\n"))
    }

    /// Clears the buffer, keeping its capacity.
    public mutating func removeAll() {
        self.bytes.removeAll(keepingCapacity: true)
    }
}
