public import HTTPTypes
public import Hummingbird

/// A graph reload that left the graph in use serving: 422 with the loader's message (file, line, column) for a
/// graph that failed validation, 503 when the source or the lead store is out of reach.
extension GraphReloadError: HTTPResponseError {
    public var status: HTTPResponse.Status { ServiceError(self).status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ServiceError(self).response(instance: request.uri.path, requestId: nil)
    }
}

extension ServiceError {
    init(_ error: GraphReloadError) {
        switch error.kind {
        case .invalidGraph:
            self.init(.unprocessableContent, kind: "invalid-graph", title: "Invalid Graph", detail: error.message)
        case .unavailable:
            self.init(.serviceUnavailable, kind: "graph-unavailable", title: "Graph Source Unavailable", detail: error.message, retryAfter: 5)
        }
    }
}
