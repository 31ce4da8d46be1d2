#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one way the project writes a stored instant: ISO-8601 in UTC with milliseconds,
/// `2026-11-30T15:49:39.123Z` (what the store keeps, exactly; no locale, no time zone database).
public enum ISO8601Timestamp {
    /// `millis` since 1970-01-01T00:00:00Z as text.
    public static func string(millis: Int64) -> String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let inDay = millis - days * 86_400_000
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1_000 % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(inDay % 1_000, 3))Z"
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    public static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension ISO8601Timestamp {
    /// Parses `2026-11-30T16:02:11Z`, with or without fractional seconds or with an offset, or a date alone
    /// (`2026-11-30`, midnight UTC), as milliseconds since 1970-01-01T00:00:00Z; nil when it is not such a text.
    public static func millis(parsing text: String) -> Int64? {
        let withTime = text.count == 10 ? text + "T00:00:00Z" : text
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let date = (try? fractional.parse(withTime)) ?? (try? Date.ISO8601FormatStyle().parse(withTime))
        return date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}
