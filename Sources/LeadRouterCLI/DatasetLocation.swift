import Foundation

/// Finds the bundled demo dataset (`fixtures/metro`) when no `--dataset` is given: `LEADROUTER_DATASET`, then the
/// current directory and its parents, then the executable's directory and its parents (covers `swift run` and
/// `.build/release/leadrouter` from a clone).
enum DatasetLocation {
    static let bundledRelativePath = "fixtures/metro"

    static func resolve(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment["LEADROUTER_DATASET"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let starts = [
            FileManager.default.currentDirectoryPath,
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path,
        ]
        for start in starts {
            var directory = URL(fileURLWithPath: start)
            for _ in 0..<8 {
                let candidate = directory.appendingPathComponent(bundledRelativePath)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("agents.csv").path) {
                    return candidate.path
                }
                directory.deleteLastPathComponent()
            }
        }
        throw CLIError("no --dataset given and the bundled dataset \(bundledRelativePath) was not found; pass --dataset DIR")
    }
}
