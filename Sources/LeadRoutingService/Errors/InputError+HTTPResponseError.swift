public import HTTPTypes
public import Hummingbird
public import LeadRoutingCore

/// Bad input: 400 when malformed, 422 when invalid, with the CLI's message as the detail.
extension InputError: HTTPResponseError {
    public var status: HTTPResponse.Status { ServiceError(self).status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ServiceError(self).response(instance: request.uri.path, requestId: nil)
    }
}
