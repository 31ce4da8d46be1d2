import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import LeadRoutingService
import Logging
import NIOCore
import Synchronization
import Testing

/// The edge refuses what it cannot trust at start, throttles refused callers, spares probes, and logs who called.
@Suite("Edge hardening")
struct EdgeHardeningTests {
    typealias S = ServiceTestSupport

    // MARK: JWKS rules

    static let ecKey: (x: String, y: String) = {
        let key = try! ES256PrivateKey(pem: S.pem(S.ecPrivate))
        let parameters = key.publicKey.parameters!
        return (parameters.x, parameters.y)
    }()

    /// JWKS documents that must stop the server at start, with a part of the message that names the problem.
    static let refusedJWKS: [(String, String)] = [
        (#"{"keys":[]}"#, "empty"),
        (#"{"kid":"k1"}"#, "not a JWKS document"),
        (
            #"{"keys":[{"kty":"EC","crv":"P-384","kid":"p384","x":"\#(ecKey.x)","y":"\#(ecKey.y)"}]}"#,
            "key \"p384\": an EC key must be on curve P-256"
        ),
        (#"{"keys":[{"kty":"EC","crv":"P-256","use":"enc","kid":"e","x":"\#(ecKey.x)","y":"\#(ecKey.y)"}]}"#, "key \"e\": \"use\" is \"enc\""),
        (#"{"keys":[{"kty":"EC","crv":"P-256","key_ops":["encrypt"],"x":"\#(ecKey.x)","y":"\#(ecKey.y)"}]}"#, "key #1: \"key_ops\""),
        (#"{"keys":[{"kty":"EC","crv":"P-256","alg":"RS256","kid":"mixed","x":"\#(ecKey.x)","y":"\#(ecKey.y)"}]}"#, "must be for ES256"),
        (#"{"keys":[{"kty":"oct","alg":"HS256","kid":"h","k":"c2VjcmV0"}]}"#, "only RSA (RS256) and EC P-256 (ES256) keys"),
    ]

    @Test(arguments: Self.refusedJWKS)
    func jwksThatCannotVerifySignaturesIsRefusedAtStart(_ document: String, _ expected: String) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID().uuidString).json").path
        try document.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = S.configuration()
        configuration.authKeys = []
        configuration.jwks = path
        let error = await #expect(throws: ServiceConfigurationError.self) { _ = try await buildApplication(configuration, logger: S.logger) }
        #expect(error?.setting == "jwks")
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
    }

    // MARK: Rate limiting

    @Test func refusedCallersAreThrottledToo() async throws {
        let app = try await buildApplication(S.configuration(rateLimit: 0.01, rateBurst: 2), logger: S.logger)
        try await app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/agents/A1", method: .get) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { response throws in
                #expect(response.status == .tooManyRequests)
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            }
        }
    }

    @Test func probesAreNeverThrottled() async throws {
        let app = try await buildApplication(S.configuration(auth: false, rateLimit: 0.01, rateBurst: 1), logger: S.logger)
        try await app.test(.router) { client in
            for _ in 0..<5 {
                for probe in ["/api/v1/health", "/api/v1/ready", "/api/v1/metrics"] {
                    try await client.execute(uri: probe, method: .get) { #expect($0.status == .ok, "\(probe)") }
                }
            }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get) { #expect($0.status == .tooManyRequests) }
        }
    }

    // MARK: Access log

    @Test func accessLogNamesTheTokenSubject() async throws {
        let records = LogRecords()
        var logger = Logger(label: "test") { _ in RecordingLogHandler(records: records) }
        logger.logLevel = .info
        var configuration = S.configuration()
        configuration.logLevel = "info"
        let app = try await buildApplication(configuration, logger: logger)
        let alice = try await TokenMinter.mint(privateKeyPEM: S.pem(S.rsaPrivate), scopes: ["analytics:read"], ttl: 600, subject: "alice")
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(alice)) { #expect($0.status == .ok) }
        }
        let line = try #require(records.all.last { $0.message == "request" })
        #expect(line.metadata["subject"] == "alice")
        #expect(line.metadata["route"] == "/api/v1/agents/{id}")
    }
}

/// Log lines captured in memory.
final class LogRecords: Sendable {
    struct Record: Sendable {
        var message: String
        var metadata: [String: String]
    }

    private let records = Mutex<[Record]>([])
    var all: [Record] { self.records.withLock { $0 } }
    func append(_ record: Record) { self.records.withLock { $0.append(record) } }
}

struct RecordingLogHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = self.metadata.merging(event.metadata ?? [:]) { $1 }
        self.records.append(.init(message: event.message.description, metadata: merged.mapValues { "\($0)" }))
    }
}

/// Tokens living longer than the configured maximum are refused.
@Suite("Token lifetime")
struct TokenLifetimeTests {
    typealias S = ServiceTestSupport

    @Test func aTokenLivingLongerThanTheMaximumIsRefused() async throws {
        var configuration = S.configuration()
        configuration.maxTokenLifetime = 3_600
        let app = try await buildApplication(configuration, logger: S.logger)
        let short = try await S.token(scopes: ["analytics:read"], ttl: 3_000)
        let long = try await S.token(scopes: ["analytics:read"], ttl: 3_700)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(short)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/agents/A1", method: .get, headers: S.bearer(long)) { response throws in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("lifetime exceeds the maximum of 3600 seconds"))
            }
        }
    }

    @Test func theMaximumIsValidatedAndReadFromTheEnvironment() throws {
        let configuration = try ServiceConfiguration.resolve(flags: .init(), environment: ["LEADROUTER_MAX_TOKEN_LIFETIME": "600"])
        #expect(configuration.maxTokenLifetime == 600)
        #expect(ServiceConfiguration().maxTokenLifetime == 86_400)
        var invalid = S.configuration()
        invalid.maxTokenLifetime = 0
        #expect(throws: ServiceConfigurationError(setting: "max-token-lifetime", message: "must be at least 1 second")) { try invalid.validate() }
    }
}
