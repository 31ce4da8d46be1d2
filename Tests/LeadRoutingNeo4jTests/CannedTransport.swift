import LeadRoutingNeo4j
import Synchronization

/// Replays canned responses and records the requests (no server).
final class CannedTransport: Neo4jTransport {
    typealias Responder = @Sendable (Neo4jHTTPRequest, Int) throws(Neo4jError) -> Neo4jHTTPResponse

    private let responder: Responder
    private let log = Mutex<[Neo4jHTTPRequest]>([])

    init(_ responder: @escaping Responder) { self.responder = responder }

    var requests: [Neo4jHTTPRequest] { self.log.withLock { $0 } }

    func send(_ request: Neo4jHTTPRequest) async throws(Neo4jError) -> Neo4jHTTPResponse {
        let count = self.log.withLock {
            $0.append(request)
            return $0.count
        }
        return try self.responder(request, count)
    }

    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Neo4jHTTPResponse {
        Neo4jHTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }
}

extension Neo4jClient {
    static func canned(
        api: Neo4jConfiguration.API,
        retry: Neo4jConfiguration.Retry = .init(maxAttempts: 3, initialBackoff: .milliseconds(1)),
        _ transport: CannedTransport
    )
        -> Neo4jClient
    {
        Neo4jClient(
            configuration: Neo4jConfiguration(
                url: "http://neo4j.test:7474",
                credentials: .basic(user: "neo4j", password: "verysecret"),
                api: api,
                retry: retry
            ),
            transport: transport
        )
    }
}
