public import Foundation

/// Runs the built `leadrouter` binary as a child process from the repository root (the way users run it) and
/// captures its output.
public enum CLIProcess {
    /// Exit status and captured output of one run.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `.build/<triple>/debug/leadrouter`, next to the test bundle.
    public static var executable: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("leadrouter")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return RepositoryPaths.root.appendingPathComponent(".build/debug/leadrouter")
    }

    /// A process for the binary, started from the repository root, with `environment` added to the test's own;
    /// not yet running (for tests that talk to a long-running command such as `serve`).
    public static func process(_ arguments: [String], environment: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = self.executable
        process.arguments = arguments
        process.currentDirectoryURL = RepositoryPaths.root
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        return process
    }

    /// Runs the binary to completion: `stdin` is written and closed first (closed at once when nil).
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = self.process(arguments, environment: environment)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}
