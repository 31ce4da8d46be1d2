import Foundation
public import HTTPTypes
public import Hummingbird
public import LeadRoutingCore
import NIOCore

/// A client-visible error: a status, a stable problem type and a message without internals. HTTP statuses are
/// chosen here and in the `HTTPResponseError` extensions of this module only.
public struct ServiceError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Last path component of the problem type URI, e.g. `invalid-lead`.
    public var kind: String
    public var title: String
    public var detail: String?
    public var field: String?
    /// Seconds, for 429 and 503.
    public var retryAfter: Int?
    /// Allowed methods, for 405.
    public var allow: [HTTPRequest.Method]

    public init(
        _ status: HTTPResponse.Status,
        kind: String,
        title: String,
        detail: String? = nil,
        field: String? = nil,
        retryAfter: Int? = nil,
        allow: [HTTPRequest.Method] = []
    ) {
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.field = field
        self.retryAfter = retryAfter
        self.allow = allow
    }

    static let typeBase = "https://leadrouter.dev/problems/"

    public static func notFound(_ detail: String) -> Self { .init(.notFound, kind: "not-found", title: "Not Found", detail: detail) }
    public static func methodNotAllowed(_ allow: [HTTPRequest.Method]) -> Self {
        .init(
            .methodNotAllowed,
            kind: "method-not-allowed",
            title: "Method Not Allowed",
            detail: "allowed: \(allow.map(\.rawValue).joined(separator: ", "))",
            allow: allow
        )
    }
    /// A query or path parameter with a value that is not allowed: 422 naming it, like every invalid value.
    public static func badParameter(_ name: String, _ reason: String) -> Self {
        ServiceError(InputError(field: name, reason: reason, subject: "parameter"))
    }
    public static func unsupportedMediaType(_ expected: String) -> Self {
        .init(.unsupportedMediaType, kind: "unsupported-media-type", title: "Unsupported Media Type", detail: "send Content-Type: \(expected)")
    }
    public static func contentTooLarge(_ limit: Int) -> Self {
        .init(.contentTooLarge, kind: "content-too-large", title: "Content Too Large", detail: "request body larger than \(limit) bytes")
    }
    public static func headerTooLarge(_ limit: Int) -> Self {
        .init(
            .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
            kind: "header-too-large",
            title: "Request Header Fields Too Large",
            detail: "request header fields larger than \(limit) bytes"
        )
    }
    public static func unauthorized(_ detail: String) -> Self {
        .init(.unauthorized, kind: "unauthorized", title: "Unauthorized", detail: detail)
    }
    public static func forbidden(_ detail: String) -> Self { .init(.forbidden, kind: "forbidden", title: "Forbidden", detail: detail) }
    public static func tooManyRequests(retryAfter: Int) -> Self {
        .init(.tooManyRequests, kind: "rate-limited", title: "Too Many Requests", detail: "rate limit exceeded", retryAfter: retryAfter)
    }
    public static var storeNotConfigured: Self {
        .init(
            .serviceUnavailable,
            kind: "store-not-configured",
            title: "Service Unavailable",
            detail: "lead store not configured",
            retryAfter: 60
        )
    }
    public static var storeUnavailable: Self {
        .init(.serviceUnavailable, kind: "store-unavailable", title: "Service Unavailable", detail: "lead store unavailable", retryAfter: 5)
    }
    /// Too many distinct analytics computations run at once (the configured `analytics-concurrency`).
    public static func analyticsBusy(running: Int) -> Self {
        .init(
            .serviceUnavailable,
            kind: "analytics-busy",
            title: "Service Unavailable",
            detail: "\(running) analyses are running, the most this service runs at once; retry shortly",
            retryAfter: 2
        )
    }

    /// The lead store refused the service's login (wrong password, unknown user): a configuration fault, not an outage.
    public static var storeAuthenticationFailed: Self {
        .init(
            .serviceUnavailable,
            kind: "store-authentication-failed",
            title: "Service Unavailable",
            detail: "lead store refused the service's credentials (authentication failed)",
            retryAfter: 60
        )
    }

    public static var internalError: Self {
        .init(.internalServerError, kind: "internal", title: "Internal Server Error", detail: "the request could not be completed")
    }

    /// The problem document for a request.
    func problem(instance: String?, requestId: String?) -> ProblemDetails {
        ProblemDetails(
            type: Self.typeBase + self.kind,
            title: self.title,
            status: self.status.code,
            detail: self.detail,
            instance: instance,
            field: self.field,
            requestId: requestId
        )
    }

    /// A complete problem+json response.
    func response(instance: String?, requestId: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = ProblemDetails.mediaType
        if let retryAfter = self.retryAfter { headers[.retryAfter] = String(retryAfter) }
        if !self.allow.isEmpty { headers[.allow] = self.allow.map(\.rawValue).joined(separator: ", ") }
        let body = (try? StableJSON.bytes(self.problem(instance: instance, requestId: requestId))) ?? []
        return Response(status: self.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension ServiceError: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        self.response(instance: request.uri.path, requestId: nil)
    }
}

extension ServiceError {
    /// The problem for bad input: 400 "Malformed JSON" when it could not be parsed, else 422 with a title naming
    /// what was invalid ("Invalid Lead", "Invalid Availability", "Invalid Parameter"); the detail is the text the
    /// CLI prints for the same mistake.
    public init(_ error: InputError) {
        let words = error.subject.split(separator: " ")
        switch error.kind {
        case .malformed:
            self.init(.badRequest, kind: "malformed-json", title: "Malformed JSON", detail: error.description)
        case .invalid:
            self.init(
                .unprocessableContent,
                kind: "invalid-" + words.joined(separator: "-"),
                title: "Invalid " + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " "),
                detail: error.description,
                field: error.field.isEmpty ? nil : error.field
            )
        }
    }

    /// Any error as a client-visible problem: known errors keep their status and message, Hummingbird's HTTP
    /// errors keep their status with a generic title, everything else is a 500 without details.
    static func from(_ error: any Error, bodyLimit: Int) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as InputError:
            return ServiceError(error)
        case is NIOTooManyBytesError:
            // A streamed (chunked) body that outgrew the limit while it was read.
            return .contentTooLarge(bodyLimit)
        case let error as LeadStoreError:
            return ServiceError(error)
        case let error as GraphMismatchError:
            return ServiceError(error)
        case let error as GraphReloadError:
            return ServiceError(error)
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound("no such resource")
            case .contentTooLarge: return .contentTooLarge(bodyLimit)
            case .unsupportedMediaType: return .unsupportedMediaType("application/json")
            default:
                let code = error.status.code
                if code >= 500 { return .internalError }
                return ServiceError(error.status, kind: "http-\(code)", title: error.status.reasonPhrase)
            }
        default:
            return .internalError
        }
    }
}
