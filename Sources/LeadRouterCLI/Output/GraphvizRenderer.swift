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

    /// The error when `dot` is missing, said before anything is computed or written.
    static let missing = CLIError(
        "--png needs Graphviz `dot`, which is not on PATH (Debian/Ubuntu: apt-get install graphviz); nothing was written. "
            + "Use --dot FILE and render it elsewhere."
    )

    /// The PNG bytes of `dot` (nothing is written to the final path here: the caller writes the bytes).
    static func png(dot: String) throws -> Data {
        guard let executable = self.dotExecutable else { throw self.missing }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("leadrouter-dot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("graph.dot")
        let output = scratch.appendingPathComponent("graph.png")
        try Data(dot.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tpng", "-Gdpi=64", "-o", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let png = try? Data(contentsOf: output), !png.isEmpty else {
            throw CLIError("Graphviz dot failed (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
        return png
    }
}
