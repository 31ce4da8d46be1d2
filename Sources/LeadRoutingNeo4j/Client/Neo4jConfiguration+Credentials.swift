import Foundation

extension Neo4jConfiguration.Credentials {
    /// Credentials from files or the environment, never from flag values (they would show in process lists): a
    /// bearer token from `tokenFile` or `NEO4J_TOKEN`; else basic auth for `user` (or `NEO4J_USER`) with the
    /// password from `passwordFile` or `NEO4J_PASSWORD`; else none. The one reading of Neo4j secrets, for the CLI
    /// and the service alike.
    public static func resolve(
        user: String?,
        passwordFile: String?,
        tokenFile: String?,
        environment: [String: String]
    ) throws(Neo4jCredentialsError) -> Self {
        if let token = try Self.secret(file: tokenFile, environment: environment["NEO4J_TOKEN"]) { return .bearer(token: token) }
        let user = user ?? environment["NEO4J_USER"].flatMap { $0.isEmpty ? nil : $0 }
        guard let user else { return .none }
        guard let password = try Self.secret(file: passwordFile, environment: environment["NEO4J_PASSWORD"]) else {
            throw Neo4jCredentialsError(message: "--neo4j-user needs a password: --neo4j-password-file FILE or NEO4J_PASSWORD")
        }
        return .basic(user: user, password: password)
    }

    private static func secret(file: String?, environment value: String?) throws(Neo4jCredentialsError) -> String? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Neo4jCredentialsError(message: "\(file): cannot read the secret file")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let value, !value.isEmpty { return value }
        return nil
    }
}

/// Neo4j credentials that cannot be read: a secret file that is missing, or a user without a password.
public struct Neo4jCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(message: String) { self.message = message }

    public var description: String { self.message }
}
