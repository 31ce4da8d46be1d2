import Foundation

/// Where a NATS server listens, from a URL such as `nats://host:4222`, `nats://user:pass@host`,
/// `nats://token@host` or `tls://host:4222` (TLS from the start of the session).
public struct NATSServerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var useTLS: Bool
    public var user: String?
    public var password: String?
    public var token: String?

    public init(host: String, port: Int = 4222, useTLS: Bool = false, user: String? = nil, password: String? = nil, token: String? = nil) {
        self.host = host
        self.port = port
        self.useTLS = useTLS
        self.user = user
        self.password = password
        self.token = token
    }

    /// Parses a `nats://` or `tls://` URL; the message names what is wrong.
    public init(url text: String) throws(NATSError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw NATSError(.invalidArgument, "\(text.debugDescription) is not a NATS URL (nats://host:port)")
        }
        guard scheme == "nats" || scheme == "tls" else {
            throw NATSError(.invalidArgument, "NATS URL scheme must be nats or tls, not \(scheme)")
        }
        let port = components.port ?? 4222
        guard (1...65535).contains(port) else {
            throw NATSError(.invalidArgument, "NATS URL port \(port) is out of range")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil else {
            throw NATSError(.invalidArgument, "NATS URL \(text.debugDescription) must not have a path or query")
        }
        var address = NATSServerAddress(host: host, port: port, useTLS: scheme == "tls")
        if let user = components.user, !user.isEmpty {
            if let password = components.password {
                address.user = user.removingPercentEncoding ?? user
                address.password = password.removingPercentEncoding ?? password
            } else {
                address.token = user.removingPercentEncoding ?? user
            }
        }
        self = address
    }

    /// The URL without credentials, for logs.
    public var description: String { "\(self.useTLS ? "tls" : "nats")://\(self.host):\(self.port)" }
}
