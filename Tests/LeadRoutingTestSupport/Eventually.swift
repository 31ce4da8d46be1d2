/// Polls `condition` until it holds, at most `polls` times with `interval` between tries, and says whether it held.
///
/// The budget is a number of tries, not a wall-clock deadline: when the whole test run keeps every cooperative thread
/// busy (long simulations beside this test), a deadline can pass before the awaited task was ever scheduled, while
/// each try here still gives it a turn. With the defaults it waits at least 10 s before giving up.
public func eventually(
    polls: Int = 500,
    every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    for _ in 0..<polls {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
