import LeadRoutingCore

/// Allocation-free field writers for the generator's hot loops: integers, fixed-point decimals, padded ids
/// and UTC timestamps appended straight to the byte buffer. Text passed to ``appendRaw(_:)`` must not
/// need CSV quoting (the generator's names never contain commas, quotes or newlines).
extension CSVWriter {
    private static let powersOfTen: [Int64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// Appends text as-is (no quoting).
    @inline(__always)
    mutating func appendRaw(_ text: String) {
        self.bytes.append(contentsOf: text.utf8)
    }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        self.bytes.append(byte)
    }

    /// Appends ",".
    @inline(__always)
    mutating func comma() {
        self.bytes.append(UInt8(ascii: ","))
    }

    /// Appends a decimal integer.
    mutating func appendInt(_ value: Int64) {
        if value < 0 {
            self.bytes.append(UInt8(ascii: "-"))
            self.appendUnsigned(UInt64(0 &- value), width: 1)
        } else {
            self.appendUnsigned(UInt64(value), width: 1)
        }
    }

    @inline(__always)
    mutating func appendInt(_ value: Int) { self.appendInt(Int64(value)) }

    /// Appends `prefix` then `value` zero-padded to at least `width` digits (ids such as `A0000042`).
    mutating func appendID(prefix: UInt8, _ value: Int, width: Int) {
        self.bytes.append(prefix)
        self.appendUnsigned(UInt64(value), width: width)
    }

    /// Appends an unsigned integer zero-padded to at least `width` digits.
    mutating func appendUnsigned(_ value: UInt64, width: Int) {
        var count = 1
        var probe = value / 10
        while probe > 0 {
            count += 1
            probe /= 10
        }
        let total = max(count, width)
        let start = self.bytes.count
        for _ in 0..<total { self.bytes.append(UInt8(ascii: "0")) }
        var position = start + total - 1
        var rest = value
        while rest > 0 {
            self.bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }

    /// Appends `value` rounded half away from zero to `places` decimals (0...8), e.g. `40.712800`.
    /// Deterministic and locale-free; never uses exponent notation.
    mutating func appendFixed(_ value: Double, places: Int) {
        let scale = Self.powersOfTen[places]
        let scaled = (abs(value) * Double(scale)).rounded()
        let units = Int64(scaled)
        if value < 0 && units != 0 { self.bytes.append(UInt8(ascii: "-")) }
        self.appendUnsigned(UInt64(units / scale), width: 1)
        if places > 0 {
            self.bytes.append(UInt8(ascii: "."))
            self.appendUnsigned(UInt64(units % scale), width: places)
        }
    }

    /// Appends an ISO-8601 UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` for Unix time `seconds`.
    mutating func appendTimestamp(_ seconds: Int64) {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = ISO8601Timestamp.civilDate(daysSinceEpoch: days)
        self.appendUnsigned(UInt64(year), width: 4)
        self.bytes.append(UInt8(ascii: "-"))
        self.appendUnsigned(UInt64(month), width: 2)
        self.bytes.append(UInt8(ascii: "-"))
        self.appendUnsigned(UInt64(day), width: 2)
        self.bytes.append(UInt8(ascii: "T"))
        self.appendUnsigned(UInt64(rest / 3600), width: 2)
        self.bytes.append(UInt8(ascii: ":"))
        self.appendUnsigned(UInt64(rest % 3600 / 60), width: 2)
        self.bytes.append(UInt8(ascii: ":"))
        self.appendUnsigned(UInt64(rest % 60), width: 2)
        self.bytes.append(UInt8(ascii: "Z"))
    }
}
