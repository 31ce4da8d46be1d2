import LeadRoutingCore

/// Why an analysis could not produce a result.
public struct AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Internal: Equatable, Sendable {
        case notConverged(iterations: Int)
        case invalidParameter(name: String, reason: String)
        case unknownAgent(String)
        case emptyGraph
        case cancelled
    }

    private let value: Internal

    private init(_ value: Internal) { self.value = value }

    /// An iterative method did not reach its tolerance within the allowed iterations.
    public static func notConverged(iterations: Int) -> Self { Self(.notConverged(iterations: iterations)) }
    /// A parameter is out of range.
    public static func invalidParameter(_ name: String, _ reason: String) -> Self { Self(.invalidParameter(name: name, reason: reason)) }
    /// An agent id not in the graph.
    public static func unknownAgent(_ id: String) -> Self { Self(.unknownAgent(id)) }
    /// The measure is not defined on a graph without edges (NetworkX raises the same).
    public static var emptyGraph: Self { Self(.emptyGraph) }
    /// The caller stopped the run from its progress callback (nobody waits for the result any more).
    public static var cancelled: Self { Self(.cancelled) }

    public var description: String {
        switch self.value {
        case .notConverged(let iterations): "power iteration did not converge within \(iterations) iterations"
        case .invalidParameter(let name, let reason): "\(name): \(reason)"
        case .unknownAgent(let id): "unknown agent id \(id)"
        case .emptyGraph: "not defined for a graph without edges"
        case .cancelled: "cancelled"
        }
    }
}
