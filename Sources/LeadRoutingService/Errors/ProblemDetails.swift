import Foundation

/// An RFC 7807 problem document (`application/problem+json`), the body of every error response.
public struct ProblemDetails: Codable, Sendable, Equatable {
    /// A URI naming the kind of problem; `about:blank` for plain HTTP statuses.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    /// The request path.
    public var instance: String?
    /// The offending field of a validation error (Lead JSON field or query parameter).
    public var field: String?
    /// The request id (also in the `X-Request-Id` header).
    public var requestId: String?

    public static let mediaType = "application/problem+json"
}
