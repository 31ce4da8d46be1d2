extension Router {
    /// The agent's mean offer→accept time in minutes as the router believes it: the dataset's `response_minutes` as a
    /// prior worth `responsePriorStrength` observations, combined with the accepts the lead store recorded (in
    /// `load`): `(prior·m + observed minutes) / (m + accepts)`. Without a dataset figure it is the observed mean;
    /// with neither, NaN (unknown). Without accepts it is the dataset's figure unchanged.
    public func responseMinutesEstimate(of agent: Int32, load: AgentLoadTable) -> Double {
        let a = Int(agent)
        let prior = Double(self.agentRecords[a].responseMinutes)
        let accepted = load.acceptedOffers[a]
        guard accepted > 0 else { return prior }
        let observed = Double(load.acceptLatencyMillis[a]) / Self.millisPerMinute
        guard !prior.isNaN else { return observed / Double(accepted) }
        let strength = self.policy.responsePriorStrength
        return (max(0, prior) * strength + observed) / (strength + Double(accepted))
    }

    /// The responsiveness feature: `halfLife / (halfLife + minutes)` of ``responseMinutesEstimate(of:load:)``, the
    /// policy's unknown value when that is unknown. Without accepts in the store it is computed from the dataset's
    /// figure exactly as before learning existed, so decisions without a store do not change by a bit.
    func responsivenessScore(_ agent: Int32, record: AgentRoutingRecord, load: AgentLoadTable) -> Double {
        let halfLife = self.policy.responseHalfLifeMinutes
        guard load.acceptedOffers[Int(agent)] > 0 else {
            let minutes = record.responseMinutes
            return minutes.isNaN ? self.policy.unknownFeatureValue : halfLife / (halfLife + Double(max(0, minutes)))
        }
        let minutes = self.responseMinutesEstimate(of: agent, load: load)
        return minutes.isNaN ? self.policy.unknownFeatureValue : halfLife / (halfLife + max(0, minutes))
    }

    static let millisPerMinute = 60_000.0
}
