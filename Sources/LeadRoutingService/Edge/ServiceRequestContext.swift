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
    /// What the handlers learn that the access log line needs (shared by every copy of this context).
    public let requestLog = RequestLogRecord()
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
