#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How records show times: ISO-8601 in UTC with milliseconds (`2026-11-30T16:02:11.417Z`), from the Unix epoch
/// milliseconds the stores keep; and back, for filters such as `since`.
public enum Timestamp {
    public static func iso8601(millis: Int64) -> String {
        Date(timeIntervalSince1970: Double(millis) / 1000).formatted(Self.style)
    }

    /// Parses `2026-11-30T16:02:11Z`, with or without fractional seconds, or a date alone (`2026-11-30`, midnight UTC).
    public static func millis(iso8601 text: String) -> Int64? {
        let withTime = text.count == 10 ? text + "T00:00:00Z" : text
        let date = (try? Self.style.parse(withTime)) ?? (try? Date.ISO8601FormatStyle().parse(withTime))
        return date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
