/// Why a minimum-cost flow instance has no solution or cannot be solved as given.
public struct MinCostFlowError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The supplies do not sum to zero.
        case unbalanced
        /// An arc is malformed (unknown node, loop, negative capacity, cost out of range).
        case invalidArc
        /// The instance exceeds the solver's documented size limits.
        case tooLarge
        /// No flow meets every supply within the capacities.
        case infeasible
    }

    public let kind: Kind
    public let message: String

    public static func unbalanced(sum: Int) -> Self {
        .init(kind: .unbalanced, message: "supplies sum to \(sum), not 0")
    }
    public static func invalidArc(arc: Int, reason: String) -> Self {
        .init(kind: .invalidArc, message: "arc \(arc): \(reason)")
    }
    public static func tooLarge(reason: String) -> Self { .init(kind: .tooLarge, message: reason) }
    public static let infeasible = Self(kind: .infeasible, message: "no flow satisfies every supply within the capacities")

    public var description: String { "min-cost flow: \(self.message)" }
}
