import ArgumentParser
import Foundation
import LeadRoutingService

/// `leadrouter token`: mints an access token from a private key for local use, or creates a key pair.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Mint a bearer token for `leadrouter serve` (or create a local ES256 key pair with --generate-key).",
        discussion: """
            leadrouter token --generate-key keys/            # writes keys/private.pem and keys/public.pem (P-256, ES256)
            leadrouter serve --auth-key keys/public.pem
            leadrouter token --key keys/private.pem --scope leads:write --scope leads:read --ttl 3600
            An RSA key works too (RS256): openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem; \
            openssl pkey -in rsa.pem -pubout -out rsa.pub.pem
            """
    )

    @Option(help: ArgumentHelp("Private key PEM (RSA ≥ 2048 bits for RS256, P-256 for ES256).", valueName: "pem"))
    var key: String?

    @Option(name: .customLong("generate-key"), help: ArgumentHelp("Write a new ES256 key pair into this directory and exit.", valueName: "dir"))
    var generateKey: String?

    @Option(
        help: ArgumentHelp(
            "Scope to grant (repeatable): leads:write, leads:read, agents:write, analytics:read, admin. Default: all but admin.",
            valueName: "scope"
        )
    )
    var scope: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Lifetime in seconds (default 3600).", valueName: "seconds"))
    var ttl: Int = 3600

    @Option(help: ArgumentHelp("Subject (client id) claim (default local-user).", valueName: "sub"))
    var subject: String = "local-user"

    @Option(help: ArgumentHelp("Issuer claim (default leadrouter).", valueName: "iss"))
    var issuer: String = "leadrouter"

    @Option(help: ArgumentHelp("Audience claim (default leadrouter-api).", valueName: "aud"))
    var audience: String = "leadrouter-api"

    func validate() throws {
        if self.generateKey == nil && self.key == nil { throw ValidationError("give --key PRIVATE.pem (or --generate-key DIR)") }
        do {
            try TokenMinter.validate(scopes: self.scope, ttl: self.ttl)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        if let directory = self.generateKey {
            let written = try TokenMinter.generateKeyPair(in: directory)
            print("private key: \(written.privateKey)\npublic key:  \(written.publicKey)")
            return
        }
        guard let path = self.key, let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("cannot read \(self.key ?? "")")
        }
        let scopes = self.scope.isEmpty ? ["leads:write", "leads:read", "agents:write", "analytics:read"] : self.scope
        do {
            let token = try await TokenMinter.mint(
                privateKeyPEM: pem,
                scopes: scopes,
                ttl: self.ttl,
                subject: self.subject,
                issuer: self.issuer,
                audience: self.audience
            )
            print(token)
        } catch let error as TokenMinterError {
            throw CLIError("\(path): \(error.message)")
        }
    }
}
