/// One HTTP exchange with the server. The client speaks Neo4j's APIs over this seam, so unit tests replay canned
/// responses without a server; ``AsyncHTTPClientTransport`` is the production implementation.
public protocol Neo4jTransport: Sendable {
    /// Sends the request. Throws ``Neo4jError`` with kind `connectionFailed` or `timeout` when no response arrives.
    func send(_ request: Neo4jHTTPRequest) async throws(Neo4jError) -> Neo4jHTTPResponse
}

public struct Neo4jHTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case delete = "DELETE"
    }

    public var method: Method
    /// Absolute URL.
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: Method, url: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

public struct Neo4jHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
