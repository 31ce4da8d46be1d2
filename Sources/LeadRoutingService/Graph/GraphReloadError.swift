/// A graph reload or refresh that did not replace the graph in use (which keeps serving).
public struct GraphReloadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The dataset directory failed to load or validate; the message names the file, line and column.
        case invalidGraph
        /// The graph source or the lead store could not be reached.
        case unavailable
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { self.message }
}
