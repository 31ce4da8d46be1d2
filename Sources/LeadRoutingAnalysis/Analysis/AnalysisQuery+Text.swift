import LeadRoutingCore

extension AnalysisQuery {
    /// The query of `algorithm` from textual values keyed by parameter name (a URL query string): omitted parameters
    /// take their ``Default``s, parameters the algorithm does not read are ignored.
    /// - Throws: ``AnalysisQueryError`` naming the first parameter that does not parse or is out of range.
    public init(algorithm: AnalysisAlgorithm, text: [String: String]) throws(AnalysisQueryError) {
        let reader = TextParameters(values: text)
        let parameters: Parameters
        switch algorithm {
        case .pagerank:
            let stop = try reader.choice(.stop) ?? Default.stop
            parameters = .pagerank(
                damping: try reader.number(.damping) ?? Default.damping,
                tolerance: try reader.number(.tolerance) ?? Default.tolerance(stop),
                stop: stop,
                maxIterations: try reader.integer(.maxIterations) ?? Default.maxIterations
            )
        case .betweenness:
            parameters = .betweenness(k: try reader.integer(.k), seed: try reader.seed() ?? Default.seed)
        case .communities:
            parameters = .communities(resolution: try reader.number(.resolution) ?? Default.resolution, seed: try reader.seed() ?? Default.seed)
        case .components:
            parameters = .components(kind: try reader.choice(.kind) ?? Default.kind)
        case .reciprocity:
            parameters = .reciprocity
        case .topReferrers:
            parameters = .topReferrers
        case .leakage:
            parameters = .leakage(
                by: try reader.choice(.by) ?? Default.by,
                resolution: try reader.number(.resolution) ?? Default.resolution,
                seed: try reader.seed() ?? Default.seed
            )
        case .coverageGaps:
            parameters = .coverageGaps(
                hops: try reader.integer(.hops) ?? Default.coverageHops,
                demandScale: try reader.number(.demandScale) ?? Default.demandScale
            )
        case .reach:
            parameters = .reach(
                agent: reader.values[AnalysisParameter.agent.rawValue],
                hops: try reader.integer(.hops) ?? Default.reachHops,
                direction: try reader.choice(.direction) ?? Default.direction
            )
        }
        try self.init(parameters, top: try reader.integer(.top) ?? Default.top, offset: try reader.integer(.offset) ?? Default.offset)
    }

    /// Every parameter the algorithm reads with its value as text (a given `k` or `agent` only), then `top` and
    /// `offset`: ``init(algorithm:text:)`` of these gives this query back.
    public var textParameters: [(name: AnalysisParameter, value: String)] {
        var list: [(name: AnalysisParameter, value: String)]
        switch self.parameters {
        case .pagerank(let damping, let tolerance, let stop, let maxIterations):
            list = [
                (.damping, Self.text(damping)), (.tolerance, Self.text(tolerance)), (.stop, stop.rawValue),
                (.maxIterations, String(maxIterations)),
            ]
        case .betweenness(let k, let seed):
            list = (k.map { [(AnalysisParameter.k, String($0))] } ?? []) + [(.seed, String(seed))]
        case .communities(let resolution, let seed):
            list = [(.resolution, Self.text(resolution)), (.seed, String(seed))]
        case .components(let kind):
            list = [(.kind, kind.rawValue)]
        case .reciprocity, .topReferrers:
            list = []
        case .leakage(let by, let resolution, let seed):
            list = [(.by, by.rawValue), (.resolution, Self.text(resolution)), (.seed, String(seed))]
        case .coverageGaps(let hops, let demandScale):
            list = [(.hops, String(hops)), (.demandScale, Self.text(demandScale))]
        case .reach(let agent, let hops, let direction):
            list = (agent.map { [(AnalysisParameter.agent, $0)] } ?? []) + [(.hops, String(hops)), (.direction, direction.rawValue)]
        }
        return list + [(.top, String(self.top)), (.offset, String(self.offset))]
    }

    /// Shortest text that parses back to `value` (integral values without a fraction).
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

/// Typed reads of textual parameter values, each failure naming its parameter.
private struct TextParameters {
    var values: [String: String]

    func integer(_ parameter: AnalysisParameter) throws(AnalysisQueryError) -> Int? {
        guard let text = self.values[parameter.rawValue] else { return nil }
        guard let value = Int(text) else { throw AnalysisQueryError(parameter: parameter, reason: "must be an integer, got \(text)") }
        return value
    }

    func seed() throws(AnalysisQueryError) -> UInt64? {
        guard let text = self.values[AnalysisParameter.seed.rawValue] else { return nil }
        guard let value = UInt64(text) else {
            let limit = AnalysisQuery.Limit.seed
            throw AnalysisQueryError(parameter: .seed, reason: "must be an integer \(limit.lowerBound)–\(limit.upperBound), got \(text)")
        }
        return value
    }

    func number(_ parameter: AnalysisParameter) throws(AnalysisQueryError) -> Double? {
        guard let text = self.values[parameter.rawValue] else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw AnalysisQueryError(parameter: parameter, reason: "must be a finite number, got \(text)")
        }
        return value
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ parameter: AnalysisParameter) throws(AnalysisQueryError) -> Choice?
    where Choice.RawValue == String {
        guard let text = self.values[parameter.rawValue] else { return nil }
        guard let value = Choice(rawValue: text) else {
            throw AnalysisQueryError(parameter: parameter, reason: "must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
