/// The optimum of a ``RebalanceNetwork``.
public struct RebalanceSolution: Sendable, Hashable {
    /// Optimal total cost of the network (integer, ``RebalanceNetwork/costScale`` per score unit): the same
    /// number any exact solver reports for the exported instance.
    public let objective: Int
    /// Agent index per movable lead in instance order; nil when the lead stays unplaced.
    public let assignment: [Int?]
    /// Per agent (instance order): how much the objective, in score units, improves with one more unit of the
    /// agent's capacity — where raising a cap or hiring would help most. 0 when it would not help.
    public let shadowPrices: [Double]

    public init(objective: Int, assignment: [Int?], shadowPrices: [Double]) {
        self.objective = objective
        self.assignment = assignment
        self.shadowPrices = shadowPrices
    }
}
