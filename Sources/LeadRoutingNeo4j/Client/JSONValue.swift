/// A JSON document as parsed from a Neo4j response: integers and floats stay distinct (a number with a fraction
/// or exponent is a float, any other number an integer), which `JSONSerialization` cannot promise on Linux.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }
}

/// Strict RFC 8259 parser over UTF-8 bytes.
struct JSONParser {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "invalid JSON at byte \(self.offset): \(self.reason)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw Failure(offset: parser.index, reason: "trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    private func fail(_ reason: String) -> Failure { Failure(offset: self.index, reason: reason) }

    private mutating func value() throws(Failure) -> JSONValue {
        guard self.index < self.bytes.count else { throw self.fail("unexpected end") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return try self.object()
        case UInt8(ascii: "["): return try self.array()
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "t"): return try self.literal("true", .bool(true))
        case UInt8(ascii: "f"): return try self.literal("false", .bool(false))
        case UInt8(ascii: "n"): return try self.literal("null", .null)
        default: return try self.number()
        }
    }

    private mutating func literal(_ text: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let count = text.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw self.fail("unexpected end") }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: count)
        for offset in 0..<count where self.bytes[self.index + offset] != expected[offset] {
            throw self.fail("invalid literal")
        }
        self.index += count
        return value
    }

    private mutating func object() throws(Failure) -> JSONValue {
        self.depth += 1
        guard self.depth < 512 else { throw self.fail("nesting too deep") }
        defer { self.depth -= 1 }
        self.index += 1
        var members: [String: JSONValue] = [:]
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            return .object(members)
        }
        while true {
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else { throw self.fail("expected a key") }
            let key = try self.string()
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else { throw self.fail("expected ':'") }
            self.index += 1
            self.skipWhitespace()
            members[key] = try self.value()
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.fail("unexpected end") }
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                continue
            }
            guard self.bytes[self.index] == UInt8(ascii: "}") else { throw self.fail("expected ',' or '}'") }
            self.index += 1
            return .object(members)
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        self.depth += 1
        guard self.depth < 512 else { throw self.fail("nesting too deep") }
        defer { self.depth -= 1 }
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
            self.index += 1
            return .array(elements)
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.value())
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.fail("unexpected end") }
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                continue
            }
            guard self.bytes[self.index] == UInt8(ascii: "]") else { throw self.fail("expected ',' or ']'") }
            self.index += 1
            return .array(elements)
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw self.fail("bad \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw self.fail("bad \\u escape")
            }
            value = value * 16 + digit
            self.index += 1
        }
        return value
    }

    private mutating func string() throws(Failure) -> String {
        self.index += 1
        var output: [UInt8] = []
        while true {
            guard self.index < self.bytes.count else { throw self.fail("unterminated string") }
            let byte = self.bytes[self.index]
            self.index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard self.index < self.bytes.count else { throw self.fail("unterminated escape") }
                let escape = self.bytes[self.index]
                self.index += 1
                switch escape {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try self.hex4()
                    if (0xD800..<0xDC00).contains(scalar), self.index + 6 <= self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                        self.bytes[self.index + 1] == UInt8(ascii: "u")
                    {
                        self.index += 2
                        let low = try self.hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    output.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
                default: throw self.fail("bad escape")
                }
            default:
                guard byte >= 0x20 else { throw self.fail("control character in string") }
                output.append(byte)
            }
        }
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = self.index
        var isFloat = false
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                self.index += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                isFloat = true
                self.index += 1
            } else {
                break
            }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        guard !text.isEmpty, text != "-" else { throw Failure(offset: start, reason: "unexpected character") }
        if !isFloat, let value = Int64(text) { return .int(value) }
        guard let value = Double(text) else { throw Failure(offset: start, reason: "bad number") }
        return .double(value)
    }
}

/// Serialises JSON; floats always carry a fraction or exponent so servers keep them floats.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: self.raw("null")
        case .bool(let flag): self.raw(flag ? "true" : "false")
        case .int(let number): self.raw(String(number))
        case .double(let number):
            var text = "\(number)"
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" || $0 == "n" || $0 == "i" }) { text += ".0" }
            self.raw(text)
        case .string(let text): self.string(text)
        case .array(let elements):
            self.bytes.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { self.bytes.append(UInt8(ascii: ",")) }
                self.write(element)
            }
            self.bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            self.bytes.append(UInt8(ascii: "{"))
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { self.bytes.append(UInt8(ascii: ",")) }
                self.string(key)
                self.bytes.append(UInt8(ascii: ":"))
                self.write(members[key]!)
            }
            self.bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func raw(_ text: String) { self.bytes.append(contentsOf: text.utf8) }

    private mutating func string(_ text: String) {
        self.bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case 0x22: self.raw("\\\"")
            case 0x5C: self.raw("\\\\")
            case 0x0A: self.raw("\\n")
            case 0x0D: self.raw("\\r")
            case 0x09: self.raw("\\t")
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                self.raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: self.bytes.append(byte)
            }
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    static func encode(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value)
        return writer.bytes
    }
}
