/// The hidden rules of a simulated world: what the agents really do with the leads a policy gives them. A simulation
/// draws every acceptance, response time and won/lost outcome from one, so other truths can be tried by passing
/// another model. The router never sees it; only the oracle baseline reads it.
public protocol TruthModel: Sendable {
    /// The probability in [0, 1] that `lead` converts when the agent at projection index `agent` works it while
    /// holding `openLeads` open leads (this one included) out of `capacity`.
    func conversionProbability(lead: Lead, agent: Int32, openLeads: Int, capacity: Int) -> Double
    /// The probability in [0, 1] that the agent accepts an offer of `lead` (otherwise they decline).
    func acceptProbability(lead: Lead, agent: Int32, openLeads: Int, capacity: Int) -> Double
    /// The agent's mean minutes from an offer to their answer (exponentially distributed around it).
    func meanResponseMinutes(agent: Int32) -> Double
}
