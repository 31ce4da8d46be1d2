import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: request ids, body-size limit, every error rendered as problem+json (404 turned into
/// 405 where another method fits), security headers, HTTP metrics and the access log line.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let bodyLimit: Int
    let metrics: ServiceMetrics

    /// Largest request head (target and header fields) answered; above it 431 with a problem document. The HTTP
    /// parser admits heads up to ``parserHeaderLimit`` so that such requests reach this middleware.
    static let headerLimit = 64 * 1024
    /// What the HTTP parser accepts before it answers a bare 400 itself (the server's decoder configuration).
    static let parserHeaderLimit = 1024 * 1024

    static let requestIdHeader = HTTPField.Name("X-Request-Id")!
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Content-Security-Policy")!, "default-src 'none'; frame-ancestors 'none'"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (.cacheControl, "no-store"),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        let requestId = Self.requestId(request.headers[Self.requestIdHeader])
        context.requestId = requestId
        context.maxUploadSize = self.bodyLimit
        context.logger[metadataKey: "request_id"] = .string(requestId)
        var response: Response
        do {
            let headBytes =
                request.uri.description.utf8.count + request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
            if headBytes > Self.headerLimit { throw ServiceError.headerTooLarge(Self.headerLimit) }
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > self.bodyLimit {
                throw ServiceError.contentTooLarge(self.bodyLimit)
            }
            response = try await next(request, context)
        } catch {
            var problem = ServiceError.from(error, bodyLimit: self.bodyLimit)
            if error is HTTPError, problem.status == .notFound {
                let allowed = APIRoute.allowedMethods(at: Substring(request.uri.path))
                if !allowed.isEmpty { problem = .methodNotAllowed(allowed.compactMap { HTTPRequest.Method($0) }) }
            }
            if problem.status.code >= 500 {
                // The error's type only: its description may carry SQL or lead data.
                context.logger.error("request failed", metadata: ["error_type": .string(String(reflecting: type(of: error)))])
            }
            response = problem.response(instance: request.uri.path, requestId: requestId)
        }
        response.headers[Self.requestIdHeader] = requestId
        for (name, value) in Self.securityHeaders where response.headers[name] == nil { response.headers[name] = value }
        let route = context.endpointPath.map { $0 == "NotFound" ? "unmatched" : $0 } ?? "unmatched"
        let duration = start.duration(to: .now)
        self.metrics.http(route: route, method: request.method.rawValue, status: response.status.code, duration: duration)
        if context.logger.logLevel <= .info {
            var metadata: Logger.Metadata = [
                "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(response.status.code),
                "latency_ms": .string(Self.milliseconds(duration)),
            ]
            if let subject = context.requestLog.callerSubject { metadata["subject"] = .string(subject) }
            context.logger.info("request", metadata: metadata)
        }
        return response
    }

    /// A caller's id when it is 1–128 characters of `[A-Za-z0-9._:-]`, else a new random one.
    static func requestId(_ given: String?) -> String {
        if let given, (1...128).contains(given.utf8.count),
            given.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E
                    || byte == 0x5F || byte == 0x2D || byte == 0x3A
            })
        {
            return given
        }
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
        return String(Double(Int(ms * 1000)) / 1000)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        self.count >= width ? self : String(repeating: "0", count: width - self.count) + self
    }
}
