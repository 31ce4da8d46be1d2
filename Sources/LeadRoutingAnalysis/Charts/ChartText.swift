import LeadRoutingCore

/// Text helpers for the pictures the core draws (SVG, DOT) and the text reports, without Foundation: fixed-point,
/// compact and grouped numbers, counted nouns, text width estimates, XML/DOT escaping and colour interpolation.
public enum ChartText {
    /// Where a line of text is anchored (SVG `text-anchor`).
    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    /// `count` and the noun, singular for exactly one: `counted(1, "agent") == "1 agent"`,
    /// `counted(1500, "hop") == "1,500 hops"`; `plural` for irregular nouns (default: the noun + "s").
    public static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(self.grouped(count)) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// An integer with thousands separators: `grouped(-12345) == "-12,345"`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return value < 0 ? "-" + text : text
    }

    /// `share` (0–1) as a percentage with `digits` decimals: `percent(0.20396, 1) == "20.4 %"`.
    public static func percent(_ share: Double, _ digits: Int = 1) -> String {
        self.fixed(share * 100, digits) + " %"
    }

    /// Decimals that show the largest of `values` with `significant` significant digits (0–12), so a column of
    /// numbers printed with them is rounded alike: `decimals(for: [0.0986, 0.04]) == 4`.
    public static func decimals(for values: [Double], significant: Int = 3) -> Int {
        let largest = values.map(abs).filter(\.isFinite).max() ?? 0
        guard largest > 0 else { return max(0, significant - 1) }
        return min(12, max(0, significant - 1 - self.decade(largest).exponent))
    }

    /// A number with three significant digits, in scientific notation when it is far from 1 (a convergence
    /// change, say): `scientific(0.000403922) == "4.04e-4"`, `scientific(27.336) == "27.3"`.
    public static func scientific(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : "\(value)" }
        let (mantissa, exponent) = self.decade(abs(value))
        if (-3...3).contains(exponent) { return self.fixed(value, max(0, 2 - exponent)) }
        return (value < 0 ? "-" : "") + self.fixed(mantissa, 2) + "e" + String(exponent)
    }

    /// `magnitude` (positive, finite) as mantissa in [1, 10) × 10^exponent.
    private static func decade(_ magnitude: Double) -> (mantissa: Double, exponent: Int) {
        var exponent = 0
        var mantissa = magnitude
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        return (mantissa, exponent)
    }

    /// Estimated width in pixels of `text` drawn in a sans-serif font of `size` (DejaVu Sans, the widest of the
    /// usual fallbacks, so real text is at most this wide): used to keep labels apart.
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "j", "l", "I", "!", "'", "|", ".", ",", ":", ";": ems += 0.32
            case " ", "f", "t", "r", "(", ")", "[", "]", "-": ems += 0.42
            case "m", "w", "M", "W", "%", "—", "·": ems += 0.95
            case "0"..."9", "+", "−", "=", "<", ">", "×": ems += 0.64
            case "A"..."Z": ems += 0.74
            default: ems += 0.62
            }
        }
        return ems * size * (bold ? 1.1 : 1)
    }

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

        /// From hue (degrees), saturation and lightness (0–1), as CSS `hsl()`.
        public init(hue: Double, saturation: Double, lightness: Double) {
            let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 60
            let chroma = (1 - abs(2 * lightness - 1)) * saturation
            let x = chroma * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
            let (r, g, b): (Double, Double, Double)
            switch h {
            case ..<1: (r, g, b) = (chroma, x, 0)
            case ..<2: (r, g, b) = (x, chroma, 0)
            case ..<3: (r, g, b) = (0, chroma, x)
            case ..<4: (r, g, b) = (0, x, chroma)
            case ..<5: (r, g, b) = (x, 0, chroma)
            default: (r, g, b) = (chroma, 0, x)
            }
            let m = lightness - chroma / 2
            self.red = ((r + m) * 255).rounded()
            self.green = ((g + m) * 255).rounded()
            self.blue = ((b + m) * 255).rounded()
        }

        /// Euclidean distance in RGB (0–441): how far apart two colours look, roughly.
        public func distance(to other: Colour) -> Double {
            let (r, g, b) = (self.red - other.red, self.green - other.green, self.blue - other.blue)
            return (r * r + g * g + b * b).squareRoot()
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
