/// A value sent to or received from Neo4j, decoded faithfully: integers stay integers and floats floats; graph
/// entities, points and temporals keep their type where the wire format says what they are.
///
/// What each wire format can express:
/// - Query API typed JSON (`application/vnd.neo4j.query`): every type, exactly.
/// - Query API plain JSON: entities and paths are self-describing; points (WKT) and temporals (ISO-8601) arrive
///   as strings and stay ``string`` (plain JSON cannot tell them from text).
/// - Transactional API `row` + `meta`: entities (properties only: labels and types are not sent), paths, points
///   and temporals, guided by `meta`.
public enum CypherValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CypherValue])
    case map([String: CypherValue])
    case node(CypherNode)
    case relationship(CypherRelationship)
    case path(CypherPath)
    case point(CypherPoint)
    case temporal(CypherTemporal)

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }

    /// The integer, also accepting a float without a fraction (FalkorDB's `sum()` returns floats).
    public var intValue: Int64? {
        switch self {
        case .int(let value): value
        case .double(let value) where value.rounded() == value && abs(value) < 9.0e15: Int64(value)
        default: nil
        }
    }

    /// The number as a float (integers convert).
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }

    public var listValue: [CypherValue]? { if case .list(let value) = self { value } else { nil } }

    public var mapValue: [String: CypherValue]? { if case .map(let value) = self { value } else { nil } }

    /// Strings of a list value; nil when any element is not a string.
    public var stringList: [String]? {
        guard let list = self.listValue else { return nil }
        var result: [String] = []
        result.reserveCapacity(list.count)
        for element in list {
            guard let text = element.stringValue else { return nil }
            result.append(text)
        }
        return result
    }
}

extension CypherValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: CypherValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, CypherValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension CypherValue {
    /// An optional string (nil becomes null).
    public static func from(_ value: String?) -> CypherValue { value.map { .string($0) } ?? .null }
    /// An optional float (nil and NaN become null).
    public static func from(_ value: Double?) -> CypherValue {
        guard let value, !value.isNaN else { return .null }
        return .double(value)
    }
    /// An optional integer.
    public static func from(_ value: Int?) -> CypherValue { value.map { .int(Int64($0)) } ?? .null }
}

/// A node. `labels` is empty and `id` may be nil when the wire format does not carry them.
public struct CypherNode: Sendable, Hashable {
    public var elementId: String
    public var id: Int64?
    public var labels: [String]
    public var properties: [String: CypherValue]

    public init(elementId: String, id: Int64? = nil, labels: [String] = [], properties: [String: CypherValue] = [:]) {
        self.elementId = elementId
        self.id = id
        self.labels = labels
        self.properties = properties
    }
}

/// A relationship. `type` and the endpoints are nil in the transactional API's row format.
public struct CypherRelationship: Sendable, Hashable {
    public var elementId: String
    public var id: Int64?
    public var type: String?
    public var startNodeElementId: String?
    public var endNodeElementId: String?
    public var properties: [String: CypherValue]

    public init(
        elementId: String,
        id: Int64? = nil,
        type: String? = nil,
        startNodeElementId: String? = nil,
        endNodeElementId: String? = nil,
        properties: [String: CypherValue] = [:]
    ) {
        self.elementId = elementId
        self.id = id
        self.type = type
        self.startNodeElementId = startNodeElementId
        self.endNodeElementId = endNodeElementId
        self.properties = properties
    }
}

/// A path: `nodes.count == relationships.count + 1`.
public struct CypherPath: Sendable, Hashable {
    public var nodes: [CypherNode]
    public var relationships: [CypherRelationship]

    public init(nodes: [CypherNode], relationships: [CypherRelationship]) {
        self.nodes = nodes
        self.relationships = relationships
    }
}

/// A spatial point. For WGS-84 (`srid` 4326/4979) `x` is the longitude and `y` the latitude.
public struct CypherPoint: Sendable, Hashable {
    public var srid: Int
    public var x: Double
    public var y: Double
    public var z: Double?

    public init(srid: Int, x: Double, y: Double, z: Double? = nil) {
        self.srid = srid
        self.x = x
        self.y = y
        self.z = z
    }
}

/// A temporal value kept as Neo4j's ISO-8601 text with its kind (no lossy conversion to a clock type).
public struct CypherTemporal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case date, time
        case localTime = "localtime"
        case dateTime = "datetime"
        case localDateTime = "localdatetime"
        case duration
    }

    public var kind: Kind
    public var iso8601: String

    public init(kind: Kind, iso8601: String) {
        self.kind = kind
        self.iso8601 = iso8601
    }
}
