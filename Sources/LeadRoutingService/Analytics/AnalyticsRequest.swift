import LeadRoutingAnalysis
import LeadRoutingCore

/// `GET /analytics/{algorithm}` as the core's ``AnalysisQuery``: the path segment names the algorithm, the query
/// string carries the parameters under the `leadrouter analyze` flags' names (``AnalysisQuery/init(algorithm:text:)``
/// holds their defaults and limits). The only thing added here is HTTP: 404 for an unknown algorithm, 422 naming an
/// invalid parameter.
enum AnalyticsRequest {
    /// The query of a request; the first value of a repeated parameter counts.
    static func query(algorithm name: String, parameters: [(key: Substring, value: Substring)]) throws(ServiceError) -> AnalysisQuery {
        guard let algorithm = AnalysisAlgorithm(rawValue: name) else {
            throw ServiceError.notFound(
                "no analytics algorithm \(name); one of \(AnalysisAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var text: [String: String] = [:]
        for (key, value) in parameters where text[String(key)] == nil { text[String(key)] = String(value) }
        do {
            return try AnalysisQuery(algorithm: algorithm, text: text)
        } catch {
            throw ServiceError(error)
        }
    }
}

extension ServiceError {
    /// 422 problem details naming the parameter (`field`) of an invalid analysis query.
    init(_ error: AnalysisQueryError) {
        self = .badParameter(error.parameter.rawValue, error.reason)
    }
}
