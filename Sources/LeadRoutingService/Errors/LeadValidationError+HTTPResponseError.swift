public import HTTPTypes
public import Hummingbird
public import LeadRoutingCore

/// Invalid Lead JSON: 422 naming the field.
extension LeadValidationError: HTTPResponseError {
    public var status: HTTPResponse.Status { .unprocessableContent }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ServiceError(self).response(instance: request.uri.path, requestId: nil)
    }
}
