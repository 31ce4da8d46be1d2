/// Conversions between ``CypherValue`` and the JSON of Neo4j's HTTP APIs.
extension CypherValue {
    /// Parameter JSON (plain JSON, as both APIs accept). Entities cannot be parameters.
    func parameterJSON() throws(Neo4jError) -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .double(let value):
            guard value.isFinite else { throw .invalidParameter("a non-finite float") }
            return .double(value)
        case .string(let value): return .string(value)
        case .bytes(let value): return .array(value.map { .int(Int64($0)) })
        case .list(let values):
            var out: [JSONValue] = []
            out.reserveCapacity(values.count)
            for value in values { out.append(try value.parameterJSON()) }
            return .array(out)
        case .map(let members):
            var out: [String: JSONValue] = [:]
            for (key, value) in members { out[key] = try value.parameterJSON() }
            return .object(out)
        case .temporal(let value): return .string(value.iso8601)
        case .point, .node, .relationship, .path:
            throw .invalidParameter("a graph entity or point")
        }
    }

    // MARK: Query API

    /// Decodes a Query API value: typed JSON (`{"$type", "_value"}`) when present, else plain JSON.
    static func fromQueryAPI(_ json: JSONValue) throws(Neo4jError) -> CypherValue {
        switch json {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .string(let value): return .string(value)
        case .array(let elements):
            var values: [CypherValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try fromQueryAPI(element)) }
            if let path = Self.pathFromAlternating(values) { return .path(path) }
            return .list(values)
        case .object(let members):
            if case .string(let type)? = members["$type"], let raw = members["_value"] {
                return try fromTyped(type: type, raw)
            }
            if let node = try nodeFromQueryAPI(members) { return .node(node) }
            if let relationship = try relationshipFromQueryAPI(members) { return .relationship(relationship) }
            var out: [String: CypherValue] = [:]
            for (key, value) in members { out[key] = try fromQueryAPI(value) }
            return .map(out)
        }
    }

    private static func properties(_ json: JSONValue?) throws(Neo4jError) -> [String: CypherValue] {
        guard let members = json?.objectValue else { return [:] }
        var out: [String: CypherValue] = [:]
        for (key, value) in members { out[key] = try fromQueryAPI(value) }
        return out
    }

    private static func nodeFromQueryAPI(_ members: [String: JSONValue]) throws(Neo4jError) -> CypherNode? {
        guard let elementId = members["elementId"]?.stringValue, let labels = members["labels"]?.arrayValue,
            members["properties"]?.objectValue != nil, members.count == 3
        else { return nil }
        return CypherNode(elementId: elementId, labels: labels.compactMap(\.stringValue), properties: try properties(members["properties"]))
    }

    private static func relationshipFromQueryAPI(_ members: [String: JSONValue]) throws(Neo4jError) -> CypherRelationship? {
        guard let elementId = members["elementId"]?.stringValue, let type = members["type"]?.stringValue,
            let start = members["startNodeElementId"]?.stringValue, let end = members["endNodeElementId"]?.stringValue,
            members["properties"]?.objectValue != nil
        else { return nil }
        return CypherRelationship(
            elementId: elementId,
            type: type,
            startNodeElementId: start,
            endNodeElementId: end,
            properties: try properties(members["properties"])
        )
    }

    /// Plain JSON sends a path as a list alternating node, relationship, node… whose relationships connect their
    /// neighbours. Only lists of at least one relationship that connect are taken as paths.
    private static func pathFromAlternating(_ values: [CypherValue]) -> CypherPath? {
        guard values.count >= 3, values.count % 2 == 1 else { return nil }
        var nodes: [CypherNode] = []
        var relationships: [CypherRelationship] = []
        for (offset, value) in values.enumerated() {
            switch (offset % 2, value) {
            case (0, .node(let node)): nodes.append(node)
            case (1, .relationship(let relationship)): relationships.append(relationship)
            default: return nil
            }
        }
        for (offset, relationship) in relationships.enumerated() {
            let ends = Set([nodes[offset].elementId, nodes[offset + 1].elementId])
            guard let start = relationship.startNodeElementId, let end = relationship.endNodeElementId, ends == Set([start, end]) else {
                return nil
            }
        }
        return CypherPath(nodes: nodes, relationships: relationships)
    }

    /// Typed JSON (`application/vnd.neo4j.query`).
    static func fromTyped(type: String, _ raw: JSONValue) throws(Neo4jError) -> CypherValue {
        func text() throws(Neo4jError) -> String {
            guard let value = raw.stringValue else { throw .protocolViolation("typed \(type) without a string value") }
            return value
        }
        switch type {
        case "Null": return .null
        case "Boolean":
            guard case .bool(let flag) = raw else { throw .protocolViolation("typed Boolean") }
            return .bool(flag)
        case "Integer":
            let value = try text()
            guard let number = Int64(value) else { throw .protocolViolation("typed Integer out of range") }
            return .int(number)
        case "Float":
            let value = try text()
            switch value {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default:
                guard let number = Double(value) else { throw .protocolViolation("typed Float") }
                return .double(number)
            }
        case "String": return .string(try text())
        case "Base64":
            guard let bytes = Base64.decode(try text()) else { throw .protocolViolation("typed Base64") }
            return .bytes(bytes)
        case "List":
            guard let elements = raw.arrayValue else { throw .protocolViolation("typed List") }
            var values: [CypherValue] = []
            for element in elements { values.append(try fromQueryAPI(element)) }
            return .list(values)
        case "Map":
            guard let members = raw.objectValue else { throw .protocolViolation("typed Map") }
            var out: [String: CypherValue] = [:]
            for (key, value) in members { out[key] = try fromQueryAPI(value) }
            return .map(out)
        case "Node":
            guard let members = raw.objectValue, let elementId = members["_element_id"]?.stringValue else {
                throw .protocolViolation("typed Node")
            }
            return .node(
                CypherNode(
                    elementId: elementId,
                    labels: (members["_labels"]?.arrayValue ?? []).compactMap(\.stringValue),
                    properties: try properties(members["_properties"])
                )
            )
        case "Relationship":
            guard let members = raw.objectValue, let elementId = members["_element_id"]?.stringValue else {
                throw .protocolViolation("typed Relationship")
            }
            return .relationship(
                CypherRelationship(
                    elementId: elementId,
                    type: members["_type"]?.stringValue,
                    startNodeElementId: members["_start_node_element_id"]?.stringValue,
                    endNodeElementId: members["_end_node_element_id"]?.stringValue,
                    properties: try properties(members["_properties"])
                )
            )
        case "Path":
            guard let elements = raw.arrayValue else { throw .protocolViolation("typed Path") }
            var values: [CypherValue] = []
            for element in elements { values.append(try fromQueryAPI(element)) }
            if values.count == 1, case .node(let node) = values[0] { return .path(CypherPath(nodes: [node], relationships: [])) }
            guard let path = pathFromAlternating(values) else { throw .protocolViolation("typed Path is not a path") }
            return .path(path)
        case "Point":
            guard let point = CypherPoint(wkt: try text()) else { throw .protocolViolation("typed Point") }
            return .point(point)
        case "Date": return .temporal(CypherTemporal(kind: .date, iso8601: try text()))
        case "Time": return .temporal(CypherTemporal(kind: .time, iso8601: try text()))
        case "LocalTime": return .temporal(CypherTemporal(kind: .localTime, iso8601: try text()))
        case "OffsetDateTime", "ZonedDateTime", "DateTime":
            return .temporal(CypherTemporal(kind: .dateTime, iso8601: try text()))
        case "LocalDateTime": return .temporal(CypherTemporal(kind: .localDateTime, iso8601: try text()))
        case "Duration": return .temporal(CypherTemporal(kind: .duration, iso8601: try text()))
        default:
            // Newer types (Vector, UUID…): keep the payload rather than fail the whole result.
            return .map(["$type": .string(type), "_value": try fromQueryAPI(raw)])
        }
    }

    // MARK: Transactional API

    /// Decodes one `row` cell guided by the flattened `meta` entries (the tx API encoding of nested values).
    static func fromTransactionalRow(_ json: JSONValue, meta: inout ArraySlice<JSONValue>) throws(Neo4jError) -> CypherValue {
        switch json {
        case .array(let elements):
            if case .array(let pathMeta)? = meta.first {
                meta.removeFirst()
                return .path(try Self.path(elements, meta: pathMeta))
            }
            var values: [CypherValue] = []
            for element in elements { values.append(try fromTransactionalRow(element, meta: &meta)) }
            return .list(values)
        case .object(let members):
            if let entry = meta.first?.objectValue, let type = entry["type"]?.stringValue {
                switch type {
                case "node":
                    meta.removeFirst()
                    return .node(CypherNode(elementId: Self.elementId(entry), id: Self.intId(entry), properties: try properties(json)))
                case "relationship":
                    meta.removeFirst()
                    return .relationship(
                        CypherRelationship(elementId: Self.elementId(entry), id: Self.intId(entry), properties: try properties(json))
                    )
                case "point":
                    meta.removeFirst()
                    guard let point = CypherPoint(geoJSON: members) else { throw .protocolViolation("point") }
                    return .point(point)
                default: break
                }
            }
            var out: [String: CypherValue] = [:]
            for key in members.keys.sorted() { out[key] = try fromTransactionalRow(members[key]!, meta: &meta) }
            return .map(out)
        case .string(let text):
            if let entry = meta.first?.objectValue, let type = entry["type"]?.stringValue, let kind = CypherTemporal.Kind(rawValue: type) {
                meta.removeFirst()
                return .temporal(CypherTemporal(kind: kind, iso8601: text))
            }
            if !meta.isEmpty { meta.removeFirst() }
            return .string(text)
        default:
            if !meta.isEmpty { meta.removeFirst() }
            switch json {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .double(let value): return .double(value)
            default: return .null
            }
        }
    }

    private static func elementId(_ entry: [String: JSONValue]) -> String {
        if let text = entry["elementId"]?.stringValue { return text }
        if case .int(let id)? = entry["id"] { return String(id) }
        return ""
    }

    private static func intId(_ entry: [String: JSONValue]) -> Int64? {
        if case .int(let id)? = entry["id"] { return id }
        return nil
    }

    private static func path(_ elements: [JSONValue], meta: [JSONValue]) throws(Neo4jError) -> CypherPath {
        guard elements.count == meta.count, elements.count % 2 == 1 else { throw .protocolViolation("path meta does not match") }
        var nodes: [CypherNode] = []
        var relationships: [CypherRelationship] = []
        for (offset, element) in elements.enumerated() {
            guard let entry = meta[offset].objectValue else { throw .protocolViolation("path meta entry") }
            if offset % 2 == 0 {
                nodes.append(CypherNode(elementId: Self.elementId(entry), id: Self.intId(entry), properties: try properties(element)))
            } else {
                relationships.append(
                    CypherRelationship(elementId: Self.elementId(entry), id: Self.intId(entry), properties: try properties(element))
                )
            }
        }
        return CypherPath(nodes: nodes, relationships: relationships)
    }
}

extension CypherPoint {
    /// `SRID=4326;POINT (x y)` or `SRID=4979;POINT Z (x y z)`.
    init?(wkt: String) {
        guard wkt.hasPrefix("SRID="), let semicolon = wkt.firstIndex(of: ";"),
            let srid = Int(wkt[wkt.index(wkt.startIndex, offsetBy: 5)..<semicolon]),
            let open = wkt.firstIndex(of: "("), let close = wkt.lastIndex(of: ")"), open < close
        else { return nil }
        let numbers = wkt[wkt.index(after: open)..<close].split(separator: " ").compactMap { Double($0) }
        guard numbers.count == 2 || numbers.count == 3 else { return nil }
        self.init(srid: srid, x: numbers[0], y: numbers[1], z: numbers.count == 3 ? numbers[2] : nil)
    }

    /// The transactional API's GeoJSON-like map.
    init?(geoJSON members: [String: JSONValue]) {
        guard let coordinates = members["coordinates"]?.arrayValue else { return nil }
        let numbers = coordinates.compactMap { value -> Double? in
            switch value {
            case .int(let number): Double(number)
            case .double(let number): number
            default: nil
            }
        }
        guard numbers.count == coordinates.count, numbers.count == 2 || numbers.count == 3 else { return nil }
        var srid = 4326
        if case .int(let value)? = members["crs"]?["srid"] { srid = Int(value) }
        self.init(srid: srid, x: numbers[0], y: numbers[1], z: numbers.count == 3 ? numbers[2] : nil)
    }
}

/// Minimal standard Base64 decoding (typed JSON byte arrays).
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            let value = table[Int(byte)]
            guard value != 255 else { return nil }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return output
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for byte in chunk { value = (value << 8) | UInt32(byte) }
            value <<= UInt32(8 * (3 - chunk.count))
            for position in 0..<4 {
                if position <= chunk.count {
                    output.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 0x3F)])
                } else {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
