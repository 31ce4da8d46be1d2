#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RoutingPolicy {
    /// Decodes and validates a policy document. Absent fields take the built-in defaults; unknown fields are
    /// rejected so that a misspelt weight cannot silently fall back to its default.
    public static func decode(json: [UInt8]) throws(RoutingPolicyError) -> RoutingPolicy {
        let policy: RoutingPolicy
        do {
            policy = try JSONDecoder().decode(RoutingPolicy.self, from: Data(json))
        } catch let error as RoutingPolicyError {
            throw error
        } catch let DecodingError.typeMismatch(type, context) {
            throw .malformed(field: context.codingPath.dottedPath, reason: "expected \(typeName(type))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .malformed(field: context.codingPath.dottedPath, reason: "expected \(typeName(type)), found null")
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed(field: context.codingPath.dottedPath, reason: "not valid JSON")
        } catch {
            throw .malformed(field: "", reason: "not a policy document")
        }
        try policy.validate()
        return policy
    }

    /// Checks every value's range.
    public func validate() throws(RoutingPolicyError) {
        if self.version.isEmpty || self.version.utf8.count > 64 {
            throw .invalidValue(field: "version", reason: "must be 1–64 characters")
        }
        var total = 0.0
        for (name, weight) in self.weights.named {
            guard weight.isFinite, weight >= 0 else {
                throw .invalidValue(field: "weights.\(name)", reason: "must be a finite number ≥ 0")
            }
            total += weight
        }
        if total <= 0 { throw .invalidValue(field: "weights", reason: "at least one weight must be > 0") }
        for (name, hops) in [
            ("maxTerritoryHops", self.maxTerritoryHops), ("maxReferralHops", self.maxReferralHops),
            ("referralTerritoryHops", self.referralTerritoryHops),
        ] where !(0...Self.maximumHops).contains(hops) {
            throw .invalidValue(field: name, reason: "must be between 0 and \(Self.maximumHops)")
        }
        for (name, value) in [("territoryHopDecay", self.territoryHopDecay), ("referralHopDecay", self.referralHopDecay)]
        where !(value > 0 && value <= 1) {
            throw .invalidValue(field: name, reason: "must be in (0, 1]")
        }
        for (name, value) in [
            ("referralVolumeScale", self.referralVolumeScale), ("responseHalfLifeMinutes", self.responseHalfLifeMinutes),
            ("distanceScaleKm", self.distanceScaleKm),
        ] where !(value.isFinite && value > 0) {
            throw .invalidValue(field: name, reason: "must be a finite number > 0")
        }
        for (name, value) in [
            ("performancePriorStrength", self.performancePriorStrength),
            ("responsePriorStrength", self.responsePriorStrength),
            ("urgencyResponsivenessBoost", self.urgencyResponsivenessBoost), ("ownLanguageBonus", self.ownLanguageBonus),
            ("loadConversionPenalty", self.loadConversionPenalty),
        ] where !(value.isFinite && value >= 0) {
            throw .invalidValue(field: name, reason: "must be a finite number ≥ 0")
        }
        if !(self.unknownFeatureValue >= 0 && self.unknownFeatureValue <= 1) {
            throw .invalidValue(field: "unknownFeatureValue", reason: "must be in [0, 1]")
        }
        if !(1...100).contains(self.explainTopK) {
            throw .invalidValue(field: "explainTopK", reason: "must be between 1 and 100")
        }
        try self.rebalance.validate()
    }

    /// The policy as pretty, key-sorted JSON (the format ``decode(json:)`` reads).
    public func encodedJSON() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// The `version` of a policy file that gives none: it must not pass for the built-in `default-2`.
    public static let unversionedLabel = "unversioned"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, weights, maxTerritoryHops, maxReferralHops, referralTerritoryHops, territoryHopDecay
        case referralHopDecay, referralVolumeScale, performancePriorStrength, responseHalfLifeMinutes, responsePriorStrength
        case ownLanguageBonus, loadConversionPenalty, distanceScaleKm, urgencyResponsivenessBoost, unknownFeatureValue, stickyReturningClients,
            explainTopK
        case rebalance, exploration
    }

    /// Encodes every field; `exploration` only when on, `responsePriorStrength` only when not the default and
    /// `ownLanguageBonus` only when not 0, so policies without them keep their identity hash.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.version, forKey: .version)
        try c.encode(self.weights, forKey: .weights)
        try c.encode(self.maxTerritoryHops, forKey: .maxTerritoryHops)
        try c.encode(self.maxReferralHops, forKey: .maxReferralHops)
        try c.encode(self.referralTerritoryHops, forKey: .referralTerritoryHops)
        try c.encode(self.territoryHopDecay, forKey: .territoryHopDecay)
        try c.encode(self.referralHopDecay, forKey: .referralHopDecay)
        try c.encode(self.referralVolumeScale, forKey: .referralVolumeScale)
        try c.encode(self.performancePriorStrength, forKey: .performancePriorStrength)
        try c.encode(self.responseHalfLifeMinutes, forKey: .responseHalfLifeMinutes)
        if self.responsePriorStrength != Self.defaultResponsePriorStrength {
            try c.encode(self.responsePriorStrength, forKey: .responsePriorStrength)
        }
        if self.ownLanguageBonus != 0 { try c.encode(self.ownLanguageBonus, forKey: .ownLanguageBonus) }
        try c.encode(self.loadConversionPenalty, forKey: .loadConversionPenalty)
        try c.encode(self.distanceScaleKm, forKey: .distanceScaleKm)
        try c.encode(self.urgencyResponsivenessBoost, forKey: .urgencyResponsivenessBoost)
        try c.encode(self.unknownFeatureValue, forKey: .unknownFeatureValue)
        try c.encode(self.stickyReturningClients, forKey: .stickyReturningClients)
        try c.encode(self.explainTopK, forKey: .explainTopK)
        try c.encode(self.rebalance, forKey: .rebalance)
        if self.exploration != .none { try c.encode(self.exploration, forKey: .exploration) }
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RoutingPolicy.default
        self.init(
            version: try c.decodeIfPresent(String.self, forKey: .version) ?? Self.unversionedLabel,
            weights: try c.decodeIfPresent(FeatureWeights.self, forKey: .weights) ?? d.weights,
            maxTerritoryHops: try c.decodeIfPresent(Int.self, forKey: .maxTerritoryHops) ?? d.maxTerritoryHops,
            maxReferralHops: try c.decodeIfPresent(Int.self, forKey: .maxReferralHops) ?? d.maxReferralHops,
            referralTerritoryHops: try c.decodeIfPresent(Int.self, forKey: .referralTerritoryHops) ?? d.referralTerritoryHops,
            territoryHopDecay: try c.decodeIfPresent(Double.self, forKey: .territoryHopDecay) ?? d.territoryHopDecay,
            referralHopDecay: try c.decodeIfPresent(Double.self, forKey: .referralHopDecay) ?? d.referralHopDecay,
            referralVolumeScale: try c.decodeIfPresent(Double.self, forKey: .referralVolumeScale) ?? d.referralVolumeScale,
            performancePriorStrength: try c.decodeIfPresent(Double.self, forKey: .performancePriorStrength)
                ?? d.performancePriorStrength,
            responseHalfLifeMinutes: try c.decodeIfPresent(Double.self, forKey: .responseHalfLifeMinutes)
                ?? d.responseHalfLifeMinutes,
            responsePriorStrength: try c.decodeIfPresent(Double.self, forKey: .responsePriorStrength) ?? d.responsePriorStrength,
            ownLanguageBonus: try c.decodeIfPresent(Double.self, forKey: .ownLanguageBonus) ?? d.ownLanguageBonus,
            loadConversionPenalty: try c.decodeIfPresent(Double.self, forKey: .loadConversionPenalty) ?? d.loadConversionPenalty,
            distanceScaleKm: try c.decodeIfPresent(Double.self, forKey: .distanceScaleKm) ?? d.distanceScaleKm,
            urgencyResponsivenessBoost: try c.decodeIfPresent(Double.self, forKey: .urgencyResponsivenessBoost)
                ?? d.urgencyResponsivenessBoost,
            unknownFeatureValue: try c.decodeIfPresent(Double.self, forKey: .unknownFeatureValue) ?? d.unknownFeatureValue,
            stickyReturningClients: try c.decodeIfPresent(Bool.self, forKey: .stickyReturningClients) ?? d.stickyReturningClients,
            explainTopK: try c.decodeIfPresent(Int.self, forKey: .explainTopK) ?? d.explainTopK,
            rebalance: try c.decodeIfPresent(RebalancePolicy.self, forKey: .rebalance) ?? d.rebalance,
            exploration: try Self.decodeExploration(c)
        )
    }
}

extension RoutingPolicy {
    /// `exploration`: absent is `none`; an unknown name is refused naming the known ones.
    fileprivate static func decodeExploration(_ c: KeyedDecodingContainer<CodingKeys>) throws -> Exploration {
        guard let name = try c.decodeIfPresent(String.self, forKey: .exploration) else { return .none }
        guard let exploration = Exploration(rawValue: name) else {
            let known = Exploration.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw RoutingPolicyError.invalidValue(field: "exploration", reason: "must be \(known)")
        }
        return exploration
    }
}

extension FeatureVector {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case coverage, referral, performance, headroom, fairness, responsiveness, distance
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            coverage: try c.decodeIfPresent(Double.self, forKey: .coverage) ?? 0,
            referral: try c.decodeIfPresent(Double.self, forKey: .referral) ?? 0,
            performance: try c.decodeIfPresent(Double.self, forKey: .performance) ?? 0,
            headroom: try c.decodeIfPresent(Double.self, forKey: .headroom) ?? 0,
            fairness: try c.decodeIfPresent(Double.self, forKey: .fairness) ?? 0,
            responsiveness: try c.decodeIfPresent(Double.self, forKey: .responsiveness) ?? 0,
            distance: try c.decodeIfPresent(Double.self, forKey: .distance) ?? 0
        )
    }
}

private struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

func rejectUnknownKeys(in decoder: any Decoder, allowed: [String]) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
        throw RoutingPolicyError.unknownField((decoder.codingPath + [key]).dottedPath)
    }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type: "a number"
    case is Int.Type: "an integer"
    case is Bool.Type: "true or false"
    case is String.Type: "a string"
    default: "an object"
    }
}

extension [any CodingKey] {
    fileprivate var dottedPath: String { self.map(\.stringValue).joined(separator: ".") }
}
