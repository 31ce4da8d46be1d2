import Foundation

/// A duration as people write it in flags and files: `30m`, `2s`, `1h30m`, `500ms`, `1d`, or `0`. Units: `ms`,
/// `s`, `m`, `h`, `d`; parts add up; a bare `0` is zero.
public struct DurationText: Sendable, Hashable, CustomStringConvertible {
    public let milliseconds: Int64
    public let description: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "0" {
            self.milliseconds = 0
            self.description = "0"
            return
        }
        var total: Int64 = 0
        var rest = Substring(trimmed)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count <= 12, let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(unit.count)
            let scale: Int64
            switch unit {
            case "ms": scale = 1
            case "s": scale = 1_000
            case "m": scale = 60_000
            case "h": scale = 3_600_000
            case "d": scale = 86_400_000
            default: return nil
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            total += product
        }
        self.milliseconds = total
        self.description = trimmed
    }

    public var duration: Duration { .milliseconds(self.milliseconds) }
}
