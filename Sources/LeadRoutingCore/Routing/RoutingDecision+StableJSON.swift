extension RoutingDecision: StableJSONWritable {
    public func write(to w: inout StableJSONWriter) {
        w.raw(UInt8(ascii: "{"))
        w.key("agentId", first: true)
        if let agentId = self.agentId { w.string(agentId) } else { w.null() }
        w.key("candidates")
        w.array(self.candidates) { w, candidate in candidate.write(to: &w) }
        w.key("eligibleCount")
        w.number(self.eligibleCount)
        w.key("excluded")
        w.object(self.excluded)
        w.key("graphVersion")
        w.string(self.graphVersion)
        w.key("leadId")
        w.string(self.leadId)
        w.key("notes")
        w.array(self.notes) { w, note in w.string(note) }
        w.key("path")
        PathStep.write(self.path, to: &w)
        w.key("policy")
        w.string(self.policy)
        w.key("reason")
        if let reason = self.reason { w.string(reason.rawValue) } else { w.null() }
        w.key("rule")
        if let rule = self.rule { w.string(rule.rawValue) } else { w.null() }
        w.key("score")
        if let score = self.score { w.number(score) } else { w.null() }
        w.key("status")
        w.string(self.status.rawValue)
        w.raw(UInt8(ascii: "}"))
    }
}

extension CandidateExplanation: StableJSONWritable {
    public func write(to w: inout StableJSONWriter) {
        w.raw(UInt8(ascii: "{"))
        w.key("agentId", first: true)
        w.string(self.agentId)
        w.key("features")
        self.features.write(to: &w)
        w.key("path")
        PathStep.write(self.path, to: &w)
        w.key("paths")
        w.array(self.paths) { w, featurePath in
            w.raw(UInt8(ascii: "{"))
            w.key("feature", first: true)
            w.string(featurePath.feature)
            w.key("path")
            PathStep.write(featurePath.path, to: &w)
            w.raw(UInt8(ascii: "}"))
        }
        w.key("score")
        w.number(self.score)
        w.raw(UInt8(ascii: "}"))
    }
}

extension FeatureVector: StableJSONWritable {
    public func write(to w: inout StableJSONWriter) {
        w.raw(UInt8(ascii: "{"))
        w.key("coverage", first: true)
        w.number(self.coverage)
        w.key("distance")
        w.number(self.distance)
        w.key("fairness")
        w.number(self.fairness)
        w.key("headroom")
        w.number(self.headroom)
        w.key("performance")
        w.number(self.performance)
        w.key("referral")
        w.number(self.referral)
        w.key("responsiveness")
        w.number(self.responsiveness)
        w.raw(UInt8(ascii: "}"))
    }
}

extension PathStep {
    static func write(_ steps: [PathStep], to w: inout StableJSONWriter) {
        w.array(steps) { w, step in
            w.raw(UInt8(ascii: "{"))
            w.key("from", first: true)
            w.string(step.from)
            w.key("to")
            w.string(step.to)
            w.key("via")
            w.string(step.via)
            w.raw(UInt8(ascii: "}"))
        }
    }
}

extension Array: StableJSONWritable where Element == PathStep {
    public func write(to w: inout StableJSONWriter) {
        PathStep.write(self, to: &w)
    }
}
