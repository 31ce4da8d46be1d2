/// Shape and range check for the ISO-8601 timestamps the contracts accept: `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]`. The original text is kept as received; only its form is checked.
public enum ISO8601Shape {
    /// Whether `text` has an accepted shape.
    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { self.isValid($0) }
    }

    /// Whether `bytes` are an ISO-8601 date or date-time of the accepted shape (calendar-checked, leap years included).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let digit = Int(bytes[i + offset]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            i += width
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard i < bytes.count && bytes[i] == character else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")), let day = number(2)
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let daysInMonth = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= daysInMonth else { return false }
        if i == bytes.count { return true }
        guard expect(UInt8(ascii: "T")), let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2), hour <= 23, minute <= 59
        else { return false }
        if expect(UInt8(ascii: ":")) {
            guard let second = number(2), second <= 60 else { return false }
            if expect(UInt8(ascii: ".")) {
                let start = i
                while i < bytes.count && bytes[i] &- 48 <= 9 { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == bytes.count { return true }
        if expect(UInt8(ascii: "Z")) { return i == bytes.count }
        guard expect(UInt8(ascii: "+")) || expect(UInt8(ascii: "-")) else { return false }
        guard let offsetHours = number(2), expect(UInt8(ascii: ":")), let offsetMinutes = number(2), offsetHours <= 23, offsetMinutes <= 59
        else { return false }
        return i == bytes.count
    }
}
