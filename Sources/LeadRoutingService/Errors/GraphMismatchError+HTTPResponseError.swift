public import HTTPTypes
public import Hummingbird
public import LeadRoutingCore

/// A re-route the graph rule refused (a lead's territory is not in the service's graph): 409 naming the leads.
extension GraphMismatchError: HTTPResponseError {
    public var status: HTTPResponse.Status { ServiceError(self).status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ServiceError(self).response(instance: request.uri.path, requestId: nil)
    }
}

extension ServiceError {
    init(_ error: GraphMismatchError) {
        self.init(.conflict, kind: "graph-mismatch", title: "Conflict", detail: error.description)
    }
}
