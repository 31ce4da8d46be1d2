import LeadRoutingCore

/// Text helpers for the pictures the core draws (SVG, DOT) without Foundation: fixed-point numbers, compact
/// numbers, XML/DOT escaping and colour interpolation.
public enum ChartText {
    /// `value` with exactly `digits` decimals (`fixed(3.14159, 2) == "3.14"`).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        guard scaled < 9e18 else { return "\(value)" }
        let integer = Int(scaled)
        let whole = integer / Int(scale)
        let fraction = integer % Int(scale)
        var text = (negative ? "-" : "") + String(whole)
        if digits > 0 {
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }

    /// Short human number for axis labels: 0.0123, 1.5, 950, 4.5K, 1.2M.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 { return self.trimmed(value / 1e6, 1) + "M" }
        if magnitude >= 1e4 { return self.trimmed(value / 1e3, 1) + "K" }
        if magnitude >= 100 || value == value.rounded() { return self.trimmed(value, 0) }
        if magnitude >= 1 { return self.trimmed(value, 2) }
        // Three significant digits.
        var digits = 3
        var probe = magnitude
        while probe < 0.1 && digits < 12 {
            probe *= 10
            digits += 1
        }
        return self.trimmed(value, digits)
    }

    private static func trimmed(_ value: Double, _ digits: Int) -> String {
        var text = self.fixed(value, digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Escapes text for XML content and attributes.
    public static func xml(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escapes text for a double-quoted DOT string.
    public static func dot(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// An sRGB colour.
    public struct Colour: Sendable, Equatable {
        public var red: Double
        public var green: Double
        public var blue: Double

        /// From `0xRRGGBB`.
        public init(_ hex: UInt32) {
            self.red = Double((hex >> 16) & 0xFF)
            self.green = Double((hex >> 8) & 0xFF)
            self.blue = Double(hex & 0xFF)
        }

        /// `#rrggbb`.
        public var hex: String {
            let digits = Array("0123456789abcdef")
            var text = "#"
            for component in [self.red, self.green, self.blue] {
                let value = Int(min(255, max(0, component.rounded())))
                text.append(digits[value / 16])
                text.append(digits[value % 16])
            }
            return text
        }

        /// Linear interpolation along `stops` for `t` in [0, 1].
        public static func ramp(_ stops: [Colour], _ t: Double) -> Colour {
            guard stops.count > 1 else { return stops.first ?? Colour(0) }
            let clamped = min(1, max(0, t.isNaN ? 0 : t))
            let position = clamped * Double(stops.count - 1)
            let index = min(stops.count - 2, Int(position))
            let f = position - Double(index)
            let a = stops[index]
            let b = stops[index + 1]
            var c = a
            c.red = a.red + (b.red - a.red) * f
            c.green = a.green + (b.green - a.green) * f
            c.blue = a.blue + (b.blue - a.blue) * f
            return c
        }
    }

    /// "Nice" axis ticks covering `0...maximum` (about `count` of them).
    public static func ticks(upTo maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0] }
        let raw = maximum / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks = [Double]()
        var value = 0.0
        while value <= maximum * 1.0001 {
            ticks.append(value)
            value += step
        }
        if let last = ticks.last, last < maximum { ticks.append(last + step) }
        return ticks
    }
}
