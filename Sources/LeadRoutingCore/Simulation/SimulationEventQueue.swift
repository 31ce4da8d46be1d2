/// A binary min-heap of timed events: the next event is the earliest, and events at the same instant come out in
/// the order they were scheduled (a sequence number breaks ties), so a run is deterministic.
struct SimulationEventQueue<Event> {
    private struct Entry {
        var atMillis: Int64
        var sequence: Int
        var event: Event

        func precedes(_ other: Entry) -> Bool {
            self.atMillis != other.atMillis ? self.atMillis < other.atMillis : self.sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var nextSequence = 0

    var isEmpty: Bool { self.heap.isEmpty }
    var count: Int { self.heap.count }

    mutating func schedule(_ event: Event, atMillis: Int64) {
        self.heap.append(Entry(atMillis: atMillis, sequence: self.nextSequence, event: event))
        self.nextSequence += 1
        var child = self.heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard self.heap[child].precedes(self.heap[parent]) else { break }
            self.heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event.
    mutating func next() -> (atMillis: Int64, event: Event)? {
        guard !self.heap.isEmpty else { return nil }
        self.heap.swapAt(0, self.heap.count - 1)
        let first = self.heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < self.heap.count && self.heap[left].precedes(self.heap[smallest]) { smallest = left }
            if right < self.heap.count && self.heap[right].precedes(self.heap[smallest]) { smallest = right }
            if smallest == parent { break }
            self.heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (first.atMillis, first.event)
    }
}
