/// Why a candidate agent was excluded by a hard constraint. Each excluded candidate is counted once, under the
/// first reason it fails in ``allCases`` order.
public enum ExclusionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Excluded for this lead by the caller (for example an agent who already declined it).
    case excluded
    /// The agent is not active.
    case inactive
    /// The agent is paused (availability switched off).
    case unavailable
    /// Not licensed in the state of the lead's territory.
    case notLicensed = "not_licensed"
    /// Does not handle the lead's kind (buy / sell / rent).
    case kind
    /// The lead requires a language the agent does not speak.
    case language
    /// The lead's price is outside the agent's price band.
    case priceBand = "price_band"
    /// Open leads have reached capacity.
    case atCapacity = "at_capacity"
}
