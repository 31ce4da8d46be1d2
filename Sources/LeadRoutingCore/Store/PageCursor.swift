#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Opaque cursors of paged listings: base64url of a kind tag and the last id returned, so a cursor of one listing
/// is not mistaken for another's and callers do not build them by hand.
public enum PageCursor {
    /// The cursor that continues after `id` in the listing tagged `kind`.
    public static func encode(kind: String, after id: String) -> String {
        String(
            Data("\(kind):\(id)".utf8).base64EncodedString().compactMap { character -> Character? in
                switch character {
                case "+": "-"
                case "/": "_"
                case "=": nil
                default: character
                }
            }
        )
    }

    /// The id a cursor of listing `kind` continues after; nil when it is not such a cursor.
    public static func decode(_ cursor: String, kind: String) -> String? {
        var base64 = String(cursor.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8), text.hasPrefix(kind + ":") else {
            return nil
        }
        return String(text.dropFirst(kind.count + 1))
    }
}
