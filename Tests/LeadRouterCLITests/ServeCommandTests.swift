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
}
