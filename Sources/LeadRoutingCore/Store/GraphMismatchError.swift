/// A re-route (decline, expiry, retry) refused because the graph at hand is not the one the leads were routed on.
/// Nothing was written: the whole batch is checked before the first change.
///
/// The rule: a lead whose territory is not in the graph is never re-routed on it (it would only become
/// `unroutable — unknown_territory`); a lead routed on another graph version is re-routed only when the caller
/// allows a graph change (``LeadLifecycle/Configuration/allowGraphChange``).
public struct GraphMismatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong for one lead.
    public enum Problem: Sendable, Hashable {
        /// The lead's territory is not in the graph.
        case unknownTerritory(String)
        /// The lead was routed on another graph version (the one recorded in its decision).
        case otherGraphVersion(recorded: String)
    }

    /// One refused lead.
    public struct Refusal: Sendable, Hashable {
        public var leadId: String
        public var problem: Problem

        public init(leadId: String, problem: Problem) {
            self.leadId = leadId
            self.problem = problem
        }
    }

    /// Every refused lead, in the order checked.
    public var refusals: [Refusal]
    /// The version of the graph the caller would re-route on.
    public var graphVersion: String

    public init(refusals: [Refusal], graphVersion: String) {
        self.refusals = refusals
        self.graphVersion = graphVersion
    }

    /// True when every refusal is a version difference (allowing a graph change would lift them all).
    public var onlyVersionDiffers: Bool {
        self.refusals.allSatisfy {
            if case .otherGraphVersion = $0.problem { return true }
            return false
        }
    }

    /// How many refusals the message spells out; the rest are counted.
    static let listed = 5

    public var description: String {
        let lines = self.refusals.prefix(Self.listed).map { refusal -> String in
            switch refusal.problem {
            case .unknownTerritory(let territory):
                "lead \(refusal.leadId): its territory \(territory) is not in graph \(self.graphVersion)"
            case .otherGraphVersion(let recorded):
                "lead \(refusal.leadId): routed on graph \(recorded), the given graph is \(self.graphVersion)"
            }
        }
        let more = self.refusals.count > Self.listed ? "; and \(self.refusals.count - Self.listed) more" : ""
        let count = self.refusals.count == 1 ? "1 lead" : "\(self.refusals.count) leads"
        return "refusing to re-route \(count), nothing changed: " + lines.joined(separator: "; ") + more
    }
}
