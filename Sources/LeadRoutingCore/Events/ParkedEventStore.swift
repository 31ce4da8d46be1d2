/// Where consumers park the outbox events they gave up delivering (implemented by each lead store), so a failing
/// destination never holds up the events behind it and nothing it missed is lost.
public protocol ParkedEventStore: Sendable {
    /// Parks `event` for `consumer` with the body it sent; parking the same event again (a crash between parking and
    /// moving the cursor) updates the row. Returns the parked row's id.
    @discardableResult
    func parkEvent(
        _ event: OutboxEvent,
        consumer: String,
        body: String,
        attempts: Int,
        lastError: String,
        atMillis: Int64
    ) async throws -> Int64

    /// Parked events with an id above `afterId` (nil: from the first), oldest first, at most `limit`.
    func parkedEvents(afterId: Int64?, limit: Int) async throws -> [ParkedEvent]

    /// One parked event, or nil.
    func parkedEvent(id: Int64) async throws -> ParkedEvent?

    /// Records another failed attempt of a parked event (a retry by hand).
    func recordParkedEventFailure(id: Int64, lastError: String, atMillis: Int64) async throws

    /// Removes a parked event once it was delivered; false when there was none.
    @discardableResult
    func removeParkedEvent(id: Int64) async throws -> Bool

    /// How many events are parked.
    func parkedEventCount() async throws -> Int
}
