import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#endif

@Suite("leadrouter serve and token (the built binary)")
struct ServeCommandTests {
    @Test func tokenGeneratesKeysAndMintsAnES256Token() throws {
        let directory = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try CLIProcess.run(["token", "--generate-key", directory.path])
        #expect(generated.status == 0)
        let privateKey = directory.appendingPathComponent("private.pem").path
        let attributes = try FileManager.default.attributesOfItem(atPath: privateKey)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let minted = try CLIProcess.run(["token", "--key", privateKey, "--scope", "leads:read", "--ttl", "60"])
        #expect(minted.status == 0)
        let parts = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
        #expect(parts.count == 3)
        var header = String(parts[0]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while header.count % 4 != 0 { header += "=" }
        let json = try #require(Data(base64Encoded: header).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        #expect(json["alg"] as? String == "ES256")
        let missing = try CLIProcess.run(["token"])
        #expect(missing.status != 0)
    }

    @Test func serveRefusesToStartWithoutKeysOrInsecureFlag() throws {
        let result = try CLIProcess.run(["serve", "--dataset", "fixtures/tiny", "--port", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("auth-key"))
        let badPort = try CLIProcess.run(["serve", "--dataset", "fixtures/tiny", "--insecure-no-auth", "--port", "99999"])
        #expect(badPort.status != 0)
        #expect(badPort.stderr.contains("port"))
    }

    /// Starts the server on a free port, calls it over HTTP, then SIGTERM: it must exit 0 (graceful shutdown).
    @Test func serveAnswersAndStopsCleanlyOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = [
            "serve", "--dataset", "fixtures/tiny", "--insecure-no-auth", "--port", "0", "--log-level", "notice", "--store", "sqlite::memory:",
        ]
        process.currentDirectoryURL = CLIProcess.repositoryRoot
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The `listening` log line carries the bound address: …127.0.0.1:PORT"
        var log = ""
        var port: Int? = nil
        let deadline = Date().addingTimeInterval(30)
        while port == nil && Date() < deadline && process.isRunning {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            log += String(decoding: chunk, as: UTF8.self)
            for line in log.split(separator: "\n") where line.contains("\"msg\":\"listening\"") {
                if let range = line.range(of: #":(\d+)""#, options: .regularExpression) {
                    port = Int(line[range].dropFirst().dropLast())
                }
            }
        }
        let bound = try #require(port, "no listening line in: \(log)")
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/api/v1/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == #"{"status":"ok"}"#)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
