public import Hummingbird
public import NIOCore

/// Per-request state shared between the middleware and the handlers.
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's socket address (nil in router tests).
    public let remoteAddress: SocketAddress?
    /// Echoed from `X-Request-Id` when well-formed, else generated.
    public var requestId: String = ""
    /// The authenticated caller; nil when auth is off or the route is public.
    public var identity: CallerIdentity?
    /// Largest accepted request body, set from the configuration by the edge middleware.
    public var maxUploadSize: Int = 65_536

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Rate-limiting key: the token subject when authenticated, else the remote IP address.
    var clientKey: String {
        if let identity { return "sub:" + identity.subject }
        if let ip = self.remoteAddress?.ipAddress { return "ip:" + ip }
        return "ip:unknown"
    }
}

/// Who called, from a verified access token.
public struct CallerIdentity: Sendable, Equatable {
    public var subject: String
    public var scopes: Set<Scope>
}

/// Permission a route requires; granted by the token's `scope` claim (space-separated).
public struct Scope: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { self.rawValue }

    /// Submit leads and change their lifecycle.
    public static let leadsWrite = Scope(rawValue: "leads:write")
    /// Read leads and preview decisions.
    public static let leadsRead = Scope(rawValue: "leads:read")
    /// Pause and resume agents.
    public static let agentsWrite = Scope(rawValue: "agents:write")
    /// Read agents, coverage and network analytics.
    public static let analyticsRead = Scope(rawValue: "analytics:read")

    public static let all: [Scope] = [.leadsWrite, .leadsRead, .agentsWrite, .analyticsRead]
}
