/// Writes JSON bytes exactly as ``StableJSON`` (Foundation's `JSONEncoder` with sorted keys and unescaped slashes)
/// writes them, without going through `Encoder`: for the types on the hot paths (a decision is encoded for every lead
/// routed, committed and answered), where the generic encoder's boxing cost a fifth of the commit path. The caller
/// writes an object's keys in sorted order; a test holds every writer to byte equality with `JSONEncoder`.
public struct StableJSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// A NaN or infinity was written (as its description): not JSON, so ``StableJSON`` encodes the value with
    /// `JSONEncoder` instead, which refuses it with its error.
    public private(set) var wroteNonFinite = false

    public init(capacity: Int = 1024) {
        self.bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ byte: UInt8) { self.bytes.append(byte) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { self.bytes.append(contentsOf: $0) }
    }

    /// A JSON string: `"`, `\` and control characters escaped as `JSONEncoder` escapes them; `/` and non-ASCII as is.
    mutating func string(_ value: String) {
        self.bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                self.bytes.append(contentsOf: utf8[start..<index])
                start = index + 1
                self.bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): self.bytes.append(byte)
                case 0x08: self.bytes.append(UInt8(ascii: "b"))
                case 0x0C: self.bytes.append(UInt8(ascii: "f"))
                case 0x0A: self.bytes.append(UInt8(ascii: "n"))
                case 0x0D: self.bytes.append(UInt8(ascii: "r"))
                case 0x09: self.bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    self.bytes.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                }
            }
            self.bytes.append(contentsOf: utf8[start...])
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":` (the key is a plain identifier: nothing to escape).
    mutating func key(_ key: StaticString, first: Bool = false) {
        if !first { self.bytes.append(UInt8(ascii: ",")) }
        self.bytes.append(UInt8(ascii: "\""))
        self.raw(key)
        self.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A finite double as `JSONEncoder` writes it: Swift's shortest round-trip form, without a trailing `.0`.
    mutating func number(_ value: Double) {
        if !value.isFinite { self.wroteNonFinite = true }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.bytes.append(contentsOf: text.utf8)
    }

    mutating func number(_ value: Int) {
        self.bytes.append(contentsOf: String(value).utf8)
    }

    mutating func null() { self.raw("null") }

    /// An array, each element written by `element`.
    mutating func array<C: Collection>(_ elements: C, _ element: (inout StableJSONWriter, C.Element) -> Void) {
        self.bytes.append(UInt8(ascii: "["))
        var first = true
        for value in elements {
            if !first { self.bytes.append(UInt8(ascii: ",")) }
            first = false
            element(&self, value)
        }
        self.bytes.append(UInt8(ascii: "]"))
    }

    /// A string-keyed object of integers, keys in `JSONEncoder`'s sorted order (by UTF-8 bytes).
    mutating func object(_ values: [String: Int]) {
        self.bytes.append(UInt8(ascii: "{"))
        let keys = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (offset, key) in keys.enumerated() {
            if offset > 0 { self.bytes.append(UInt8(ascii: ",")) }
            self.string(key)
            self.bytes.append(UInt8(ascii: ":"))
            self.number(values[key]!)
        }
        self.bytes.append(UInt8(ascii: "}"))
    }
}

/// A value with a hand-written ``StableJSONWriter`` encoding, byte for byte its `Encodable` one under ``StableJSON``.
public protocol StableJSONWritable: Encodable {
    func write(to writer: inout StableJSONWriter)
}
