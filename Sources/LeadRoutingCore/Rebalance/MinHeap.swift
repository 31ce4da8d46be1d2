/// A binary min-heap of (key, node), ties by node index so the order of pops is deterministic.
struct MinHeap {
    private var keys: [Int] = []
    private var nodes: [Int] = []

    private func less(_ i: Int, _ j: Int) -> Bool {
        self.keys[i] < self.keys[j] || (self.keys[i] == self.keys[j] && self.nodes[i] < self.nodes[j])
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        self.keys.swapAt(i, j)
        self.nodes.swapAt(i, j)
    }

    mutating func push(_ key: Int, _ node: Int) {
        self.keys.append(key)
        self.nodes.append(node)
        var i = self.keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard self.less(i, p) else { break }
            self.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard let key = self.keys.first, let node = self.nodes.first else { return nil }
        let last = self.keys.count - 1
        self.swapAt(0, last)
        self.keys.removeLast()
        self.nodes.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < self.keys.count && self.less(l, m) { m = l }
            if r < self.keys.count && self.less(r, m) { m = r }
            if m == i { break }
            self.swapAt(i, m)
            i = m
        }
        return (key, node)
    }
}
