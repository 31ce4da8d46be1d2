/// Lets one task at a time through, in arrival order: graph loads and installs run one after another, so an older
/// graph never replaces a newer one.
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits until no other task holds the gate, then holds it.
    func enter() async {
        guard self.busy else {
            self.busy = true
            return
        }
        await withCheckedContinuation { self.waiting.append($0) }
    }

    /// Hands the gate to the next waiting task, or opens it.
    func leave() {
        if self.waiting.isEmpty { self.busy = false } else { self.waiting.removeFirst().resume() }
    }

    /// Runs `body` holding the gate.
    func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await self.enter()
        let result = await body()
        self.leave()
        return result
    }
}
