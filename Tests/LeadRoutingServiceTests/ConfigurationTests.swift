import Foundation
import LeadRoutingService
import Testing

@Suite("Service configuration: precedence and validation")
struct ConfigurationTests {
    typealias S = ServiceTestSupport

    @Test func defaults() {
        let configuration = ServiceConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.insecureNoAuth == false)
        #expect(configuration.rateLimit == 100)
        #expect(configuration.bodyLimit == 65_536)
    }

    @Test func flagsBeatEnvironmentBeatFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json").path
        try #"{"host":"0.0.0.0","port":9001,"issuer":"from-file","audience":"file-aud","rateLimit":5}"#.write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        var flags = ServiceConfiguration.Overrides()
        flags.port = 9003
        let environment = [
            "LEADROUTER_CONFIG": path, "LEADROUTER_PORT": "9002", "LEADROUTER_ISSUER": "from-env", "LEADROUTER_AUTH_KEYS": "a.pem, b.pem",
        ]
        let configuration = try ServiceConfiguration.resolve(flags: flags, environment: environment)
        #expect(configuration.port == 9003)
        #expect(configuration.issuer == "from-env")
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.audience == "file-aud")
        #expect(configuration.rateLimit == 5)
        #expect(configuration.authKeys == ["a.pem", "b.pem"])
        #expect(configuration.bodyLimit == 65_536)
    }

    @Test func unknownKeyInTheFileIsRejected() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json").path
        try #"{"prot":9001}"#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var flags = ServiceConfiguration.Overrides()
        flags.config = path
        #expect(throws: ServiceConfigurationError.self) { try ServiceConfiguration.resolve(flags: flags, environment: [:]) }
        do {
            _ = try ServiceConfiguration.resolve(flags: flags, environment: [:])
        } catch {
            #expect(error.description.contains("prot"))
        }
    }

    @Test func analyticsConcurrencyHasADefaultAndEverySource() throws {
        #expect(ServiceConfiguration().analyticsConcurrency == 2)
        var flags = ServiceConfiguration.Overrides()
        flags.analyticsConcurrency = 3
        #expect(try ServiceConfiguration.resolve(flags: flags, environment: ["LEADROUTER_ANALYTICS_CONCURRENCY": "5"]).analyticsConcurrency == 3)
        #expect(try ServiceConfiguration.resolve(flags: .init(), environment: ["LEADROUTER_ANALYTICS_CONCURRENCY": "5"]).analyticsConcurrency == 5)
    }

    @Test func badEnvironmentNumberNamesTheVariable() {
        #expect(throws: ServiceConfigurationError.self) {
            try ServiceConfiguration.resolve(flags: .init(), environment: ["LEADROUTER_PORT": "eighty"])
        }
    }

    @Test(arguments: ["port", "dataset", "store", "auth-key", "auth-key-file", "rate-limit", "body-limit", "analytics-concurrency", "log-level"])
    func invalidSettingsAreNamed(case name: String) {
        var configuration = S.configuration()
        var setting = name
        switch name {
        case "port": configuration.port = 70_000
        case "dataset": configuration.dataset = "/nonexistent"
        case "store": configuration.store = "mysql://x"
        case "auth-key": configuration.authKeys = []
        case "auth-key-file":
            configuration.authKeys = ["/nonexistent.pem"]
            setting = "auth-key"
        case "rate-limit": configuration.rateLimit = -1
        case "body-limit": configuration.bodyLimit = 0
        case "analytics-concurrency": configuration.analyticsConcurrency = 0
        default: configuration.logLevel = "loud"
        }
        do {
            try configuration.validate()
            Issue.record("expected \(setting) to be rejected")
        } catch {
            #expect(error.setting == setting)
        }
    }

    @Test func validConfigurationsPass() throws {
        try S.configuration().validate()
        try S.configuration(auth: false).validate()
        var postgres = S.configuration()
        postgres.store = "postgres://user@localhost/leads"
        try postgres.validate()
    }
}
