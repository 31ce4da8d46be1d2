#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Wall-clock time for records (decided at, SLA expiry). Injected so tests control time.
public protocol WallClock: Sendable {
    /// Milliseconds since the Unix epoch (UTC).
    func nowMillis() -> Int64
}

/// The system clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
