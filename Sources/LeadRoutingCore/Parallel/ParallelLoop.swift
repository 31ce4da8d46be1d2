import Dispatch

/// Deterministic data parallelism for the analysis algorithms and the dataset decoder.
///
/// Work is split into a fixed number of blocks that does not depend on the machine, so partial results can be
/// combined in block order and every run gives bit-identical results on 1 or 64 cores.
///
/// The bodies write to disjoint parts of caller-owned buffers (one block, one slot); `concurrentPerform` returns
/// only when every iteration is done, so the body never outlives the call. That contract is what the
/// `@unchecked Sendable` box below stands for.
package enum ParallelLoop {
    /// Runs `body(block, range)` for `blocks` contiguous ranges covering `0..<count`, concurrently.
    package static func forEachBlock(count: Int, blocks: Int, _ body: (Int, Range<Int>) -> Void) {
        let blocks = max(1, min(blocks, count))
        if count == 0 { return }
        if blocks == 1 {
            body(0, 0..<count)
            return
        }
        self.forEach(blocks) { block in
            body(block, self.range(of: block, blocks: blocks, count: count))
        }
    }

    /// Runs `body(index)` for every index in `0..<count`, concurrently.
    package static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 {
            body(0)
            return
        }
        guard count > 1 else { return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { index in box.value(index) }
        }
    }

    /// The `block`-th of `blocks` near-equal contiguous ranges of `0..<count`.
    package static func range(of block: Int, blocks: Int, count: Int) -> Range<Int> {
        let base = count / blocks
        let extra = count % blocks
        let start = block * base + min(block, extra)
        return start..<(start + base + (block < extra ? 1 : 0))
    }
}

/// Carries a loop body into `concurrentPerform` (see ``ParallelLoop``).
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
