import Foundation

/// A progress bar for long CLI work, drawn on stderr: `referrals [#########...........] 45% 4.5M/10M 1.2M/s`.
///
/// On a terminal it redraws one line in place (at most ten times a second) and ends it with a newline when
/// the phase changes or ``finish()`` is called. When stderr is not a terminal (logs, CI) it prints one line
/// per finished phase instead, so logs stay short. ``render(phase:done:total:rate:width:)`` is pure, for tests.
final class ProgressBar {
    /// Whether stderr is a terminal.
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    private let interactive: Bool
    private let enabled: Bool
    private let width: Int
    private let clock = ContinuousClock()
    private var phase: String?
    private var phaseStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var lastDone = 0
    private var lastTotal = 0
    private var lastLineLength = 0

    /// - Parameters:
    ///   - enabled: false silences the bar entirely (for `--quiet` or `--json` pipelines that want no noise).
    ///   - interactive: redraw in place (terminal) or print one line per phase.
    ///   - width: number of cells in the bar.
    init(enabled: Bool = true, interactive: Bool = ProgressBar.standardErrorIsTerminal, width: Int = 30) {
        self.enabled = enabled
        self.interactive = interactive
        self.width = width
        self.phaseStart = self.clock.now
        self.lastDraw = self.clock.now
    }

    /// Reports `done` of `total` units of `phase`.
    func update(phase: String, done: Int, total: Int) {
        guard self.enabled else { return }
        let now = self.clock.now
        if phase != self.phase {
            self.endPhase()
            self.phase = phase
            self.phaseStart = now
            self.lastDraw = now - .seconds(1)
        }
        self.lastDone = done
        self.lastTotal = total
        if self.interactive && (now - self.lastDraw >= .milliseconds(100) || done >= total) {
            self.lastDraw = now
            self.draw(now: now)
        }
    }

    /// Ends the current line (terminal) or prints the last phase's summary line.
    func finish() {
        guard self.enabled else { return }
        self.endPhase()
        self.phase = nil
    }

    private func endPhase() {
        guard let phase = self.phase else { return }
        let now = self.clock.now
        if self.interactive {
            self.draw(now: now)
            Self.write("\n")
        } else {
            let seconds = Self.seconds(now - self.phaseStart)
            Self.write(
                "\(phase): \(Self.abbreviate(Double(self.lastDone))) in \(String(format: "%.1f", seconds))s\n"
            )
        }
    }

    private func draw(now: ContinuousClock.Instant) {
        guard let phase = self.phase else { return }
        let elapsed = Self.seconds(now - self.phaseStart)
        let rate = elapsed > 0 ? Double(self.lastDone) / elapsed : 0
        let line = Self.render(phase: phase, done: self.lastDone, total: self.lastTotal, rate: rate, width: self.width)
        let padding = String(repeating: " ", count: max(0, self.lastLineLength - line.count))
        self.lastLineLength = line.count
        Self.write("\r" + line + padding)
    }

    /// One line of the bar, e.g. `referrals [#############.................] 45% 4.5M/10M 1.2M/s`.
    static func render(phase: String, done: Int, total: Int, rate: Double, width: Int = 30) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        return "\(phase) [\(bar)] \(percent)% \(abbreviate(Double(done)))/\(abbreviate(Double(total))) \(abbreviate(rate))/s"
    }

    /// Short human number: 950, 4.5K, 12K, 1.2M, 10M, 3.4G.
    static func abbreviate(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "K")]
        for (scale, suffix) in units where value >= scale {
            let scaled = value / scale
            let text = scaled < 10 && scaled != scaled.rounded(.down) ? String(format: "%.1f", scaled) : String(Int(scaled.rounded(.down)))
            return text + suffix
        }
        return String(Int(value.rounded(.down)))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
