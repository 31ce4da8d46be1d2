import LeadRoutingCore

/// An analysis parameter whose value is not allowed (out of range, unparsable, an unknown agent, or one the graph
/// cannot satisfy, such as too few iterations to converge). The CLI prints it against the flag, the service answers
/// 422 naming the parameter.
public struct AnalysisQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending parameter.
    public var parameter: AnalysisParameter
    /// What is wrong with its value, e.g. `must be in [0, 1]`.
    public var reason: String

    public init(parameter: AnalysisParameter, reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(self.parameter.rawValue): \(self.reason)" }
}
