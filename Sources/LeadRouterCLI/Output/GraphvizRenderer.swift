import Foundation

/// Renders DOT to PNG with Graphviz's `dot` when it is installed (Graphviz stays optional).
enum GraphvizRenderer {
    /// `dot` on PATH, if any.
    static var dotExecutable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes `dot` rendered as PNG to `path`.
    static func png(dot: String, to path: String) throws {
        guard let executable = self.dotExecutable else {
            throw CLIError(
                "--png needs Graphviz `dot`, which is not installed (Debian/Ubuntu: apt-get install graphviz); "
                    + "use --dot FILE and render it elsewhere"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tpng", "-Gdpi=64", "-o", path]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("dot failed (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
    }
}
