import Foundation
import LeadRoutingCore

/// A progress bar on stderr for long CLI work; redrawn at most every 100 ms, only when stderr is a terminal.
struct ProgressBar {
    let label: String
    let total: Int
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var drawn = false

    init(label: String, total: Int) {
        self.label = label
        self.total = total
        self.enabled = isatty(STDERR_FILENO) != 0
        self.start = self.clock.now
        self.lastDraw = self.start
    }

    mutating func update(_ done: Int) {
        guard self.enabled else { return }
        let now = self.clock.now
        guard done >= self.total || self.lastDraw.duration(to: now) >= .milliseconds(100) else { return }
        self.lastDraw = now
        self.drawn = true
        let fraction = self.total > 0 ? min(1, Double(done) / Double(self.total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let seconds = self.start.duration(to: now).seconds
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(self.label) [\(bar)] \(Int(fraction * 100))% \(done)/\(self.total) \(Int(rate))/s"
        FileHandle.standardError.write(Data(line.utf8))
    }

    mutating func finish() {
        guard self.enabled, self.drawn else { return }
        self.update(self.total)
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
