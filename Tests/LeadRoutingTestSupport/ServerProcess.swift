public import Foundation

/// A long-running `leadrouter serve` child process and the port it bound (`--port 0`), read from its
/// `listening` log line on stderr.
public final class ServerProcess: @unchecked Sendable {
    /// The child process.
    public let process: Process
    /// The bound port.
    public let port: Int
    /// What the server logged until it was listening.
    public let startupLog: String
    private let stderr: Pipe

    private init(process: Process, port: Int, startupLog: String, stderr: Pipe) {
        self.process = process
        self.port = port
        self.startupLog = startupLog
        self.stderr = stderr
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(self.port)" }

    /// Errors of ``start(_:environment:timeout:)``.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong, with the log so far.
        public var description: String
    }

    /// Starts `leadrouter <arguments>` (which must include `serve … --port 0`) and waits for its `listening`
    /// line; throws with the log when the process exits first or `timeout` passes.
    public static func start(
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws -> ServerProcess {
        let process = CLIProcess.process(arguments, environment: environment)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var log = ""
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && process.isRunning {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            log += String(decoding: chunk, as: UTF8.self)
            // The `listening` log line carries the bound address: …127.0.0.1:PORT"
            for line in log.split(separator: "\n") where line.contains("\"msg\":\"listening\"") {
                if let range = line.range(of: #":(\d+)""#, options: .regularExpression), let port = Int(line[range].dropFirst().dropLast()) {
                    return ServerProcess(process: process, port: port, startupLog: log, stderr: err)
                }
            }
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        log += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        throw StartError(description: "no listening line (exit status \(process.terminationStatus)): \(log)")
    }

    /// Sends SIGTERM, waits for the exit, and returns the exit status with the rest of the log.
    @discardableResult
    public func stop() -> (status: Int32, reason: Process.TerminationReason, log: String) {
        if self.process.isRunning { self.process.terminate() }
        self.process.waitUntilExit()
        let rest = String(decoding: self.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (self.process.terminationStatus, self.process.terminationReason, self.startupLog + rest)
    }

    deinit {
        if self.process.isRunning { self.process.terminate() }
    }
}
