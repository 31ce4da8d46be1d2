import Synchronization

/// The simulated time: a ``WallClock`` the simulation moves forward event by event, so the lifecycle and the store
/// record simulated instants (offer SLAs expire in simulated time).
public final class SimulationClock: WallClock {
    private let millis: Mutex<Int64>

    public init(startMillis: Int64) { self.millis = Mutex(startMillis) }

    public func nowMillis() -> Int64 { self.millis.withLock { $0 } }

    /// Moves the clock to `millis` (never backwards).
    func advance(to millis: Int64) { self.millis.withLock { $0 = max($0, millis) } }
}
