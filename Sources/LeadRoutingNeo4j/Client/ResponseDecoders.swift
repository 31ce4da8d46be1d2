/// Query API v2 responses.
enum QueryAPIDecoder {
    /// Parses the body and throws the server's error, if any.
    static func checked(_ response: Neo4jHTTPResponse, context: String) throws(Neo4jError) -> JSONValue {
        let json: JSONValue
        if response.body.isEmpty {
            json = .object([:])
        } else {
            do { json = try JSONParser.parse(response.body) } catch {
                throw Neo4jError(
                    kind: response.status >= 400 ? .http : .protocolViolation,
                    httpStatus: response.status,
                    context: context,
                    detail: "\(error)"
                )
            }
        }
        try ErrorEnvelope.throwIfPresent(json, status: response.status, context: context)
        guard (200..<300).contains(response.status) else { throw Neo4jError(kind: .http, httpStatus: response.status, context: context) }
        return json
    }

    static func result(_ response: Neo4jHTTPResponse, context: String) throws(Neo4jError) -> CypherResult {
        let json = try checked(response, context: context)
        var result = CypherResult()
        if let data = json["data"] {
            result.columns = (data["fields"]?.arrayValue ?? []).compactMap(\.stringValue)
            for row in data["values"]?.arrayValue ?? [] {
                guard let cells = row.arrayValue else { throw Neo4jError.protocolViolation("a row is not a list") }
                var values: [CypherValue] = []
                values.reserveCapacity(cells.count)
                for cell in cells { values.append(try CypherValue.fromQueryAPI(cell)) }
                result.rows.append(values)
            }
        }
        if let counters = json["counters"]?.objectValue {
            for (key, value) in counters {
                switch value {
                case .int(let number): result.counters[key] = number
                case .bool(let flag): result.counters[key] = flag ? 1 : 0
                default: break
                }
            }
        }
        return result
    }
}

/// Transactional API responses.
enum TransactionalAPIDecoder {
    static func checked(_ response: Neo4jHTTPResponse, context: String) throws(Neo4jError) -> JSONValue {
        try QueryAPIDecoder.checked(response, context: context)
    }

    static let statsNames: [String: String] = [
        "nodes_created": "nodesCreated", "nodes_deleted": "nodesDeleted", "properties_set": "propertiesSet",
        "relationships_created": "relationshipsCreated", "relationship_deleted": "relationshipsDeleted",
        "labels_added": "labelsAdded", "labels_removed": "labelsRemoved", "indexes_added": "indexesAdded",
        "indexes_removed": "indexesRemoved", "constraints_added": "constraintsAdded",
        "constraints_removed": "constraintsRemoved", "contains_updates": "containsUpdates",
    ]

    static func results(_ response: Neo4jHTTPResponse, context: String) throws(Neo4jError) -> [CypherResult] {
        let json = try checked(response, context: context)
        var results: [CypherResult] = []
        for item in json["results"]?.arrayValue ?? [] {
            var result = CypherResult(columns: (item["columns"]?.arrayValue ?? []).compactMap(\.stringValue))
            for entry in item["data"]?.arrayValue ?? [] {
                guard let row = entry["row"]?.arrayValue else { continue }
                var meta = ArraySlice(entry["meta"]?.arrayValue ?? [])
                var values: [CypherValue] = []
                for cell in row { values.append(try CypherValue.fromTransactionalRow(cell, meta: &meta)) }
                result.rows.append(values)
            }
            for (key, value) in item["stats"]?.objectValue ?? [:] {
                let name = statsNames[key] ?? key
                switch value {
                case .int(let number): result.counters[name] = number
                case .bool(let flag): result.counters[name] = flag ? 1 : 0
                default: break
                }
            }
            results.append(result)
        }
        return results
    }
}

/// `{"errors": [{"code", "message"}]}`, shared by both APIs.
enum ErrorEnvelope {
    static func throwIfPresent(_ json: JSONValue, status: Int, context: String) throws(Neo4jError) {
        if let first = json["errors"]?.arrayValue?.first {
            let code = first["code"]?.stringValue
            let kind: Neo4jError.Kind =
                status == 401 || status == 403 || code == "Neo.ClientError.Security.Unauthorized" ? .unauthorized : .server
            throw Neo4jError(kind: kind, code: code, httpStatus: status, context: context, serverMessage: first["message"]?.stringValue)
        }
        if status == 401 || status == 403 { throw Neo4jError(kind: .unauthorized, httpStatus: status, context: context) }
    }
}
