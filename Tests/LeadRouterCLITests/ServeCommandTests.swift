import Foundation
import LeadRoutingTestSupport
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
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
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
        let server = try await ServerProcess.start([
            "serve", "--dataset", "fixtures/tiny", "--insecure-no-auth", "--port", "0", "--log-level", "notice", "--store", "sqlite::memory:",
        ])
        let (data, response) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/api/v1/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == #"{"status":"ok"}"#)
        let stopped = server.stop()
        #expect(stopped.reason == .exit)
        #expect(stopped.status == 0, "\(stopped.log)")
    }

    /// `SIGHUP` reloads the dataset directory: a change is served; a file that fails validation is logged and the
    /// old graph keeps serving; the process keeps running either way.
    @Test func sighupReloadsTheDatasetDirectory() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.tinyFixture) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: RepositoryPaths.tinyFixture + "/" + file, toPath: directory.appendingPathComponent(file).path)
        }
        let agents = directory.appendingPathComponent("agents.csv").path
        let original = try String(contentsOfFile: agents, encoding: .utf8)
        let server = try await ServerProcess.start([
            "serve", "--dataset", directory.path, "--insecure-no-auth", "--port", "0", "--store", "sqlite::memory:",
        ])
        func graph() async throws -> [String: Any] {
            let (data, _) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/api/v1/ready")!)
            let ready = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return try #require(ready["graph"] as? [String: Any])
        }
        func waitFor(_ condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
            var current = try await graph()
            for _ in 0..<100 where !condition(current) {
                try await Task.sleep(for: .milliseconds(100))
                current = try await graph()
            }
            return current
        }
        let first = try #require(try await graph()["version"] as? String)

        try original.replacingOccurrences(of: "A1,Ann Archer,true,", with: "A1,Ann Archer,false,").write(
            toFile: agents,
            atomically: true,
            encoding: .utf8
        )
        kill(server.process.processIdentifier, SIGHUP)
        let reloaded = try await waitFor { ($0["version"] as? String) != first }
        let second = try #require(reloaded["version"] as? String)
        #expect(second != first, "SIGHUP did not reload the directory")

        try original.replacingOccurrences(of: "A1,Ann Archer,true,", with: "A1,Ann Archer,maybe,").write(
            toFile: agents,
            atomically: true,
            encoding: .utf8
        )
        kill(server.process.processIdentifier, SIGHUP)
        let refused = try await waitFor { ($0["consecutiveFailures"] as? Int) == 1 }
        #expect(refused["consecutiveFailures"] as? Int == 1 && refused["version"] as? String == second, "\(refused)")
        #expect((refused["lastError"] as? String)?.contains("agents.csv:2:") == true, "\(refused)")
        #expect(server.process.isRunning)

        let stopped = server.stop()
        #expect(stopped.status == 0, "\(stopped.log)")
        #expect(stopped.log.contains("graph reload failed; the graph in use keeps serving"), "the failure is logged")
    }
}
