import Testing

@testable import LeadRoutingNeo4j

/// Client decoding against responses copied from Neo4j's documentation (encodings FalkorDB cannot produce:
/// temporals, points, paths, typed JSON, errors).
@Suite struct CannedResponseTests {
    static let query = CypherQuery(name: "test/query", text: "RETURN $x")

    @Test func queryAPIPlainJSONEntitiesFromTheDocs() async throws {
        // docs-query-api plain-json.adoc (node) plus a path of node, relationship, node.
        let body = #"""
            {"data": {"fields": ["person", "name", "p"], "values": [[
              {"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "labels": ["Person"], "properties": {"name": "Phil", "age": 42, "score": 1.0}},
              "Phil",
              [{"elementId": "4:x:1", "labels": ["A"], "properties": {}},
               {"elementId": "5:x:9", "startNodeElementId": "4:x:1", "endNodeElementId": "4:x:2", "type": "KNOWS", "properties": {"since": 2020}},
               {"elementId": "4:x:2", "labels": ["B"], "properties": {}}]
            ]]}, "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"], "queryType": "rw"}
            """#
        let transport = CannedTransport { _, _ in CannedTransport.json(202, body) }
        let result = try await Neo4jClient.canned(api: .queryV2, transport).run(Self.query, ["x": 1])
        #expect(result.columns == ["person", "name", "p"])
        guard case .node(let node) = result.rows[0][0] else {
            Issue.record("not a node")
            return
        }
        #expect(node.labels == ["Person"])
        #expect(node.properties["age"] == .int(42))
        #expect(node.properties["score"] == .double(1.0))
        guard case .path(let path) = result.rows[0][2] else {
            Issue.record("not a path")
            return
        }
        #expect(path.nodes.count == 2)
        #expect(path.relationships.first?.type == "KNOWS")
        #expect(path.relationships.first?.properties["since"] == .int(2020))
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://neo4j.test:7474/db/neo4j/query/v2")
        #expect(request.header("Authorization") == "Basic bmVvNGo6dmVyeXNlY3JldA==")
        let sent = try JSONParser.parse(request.body)
        #expect(sent["parameters"]?["x"] == .int(1))
    }

    @Test func queryAPITypedJSON() async throws {
        // docs-query-api typed-json.adoc value shapes.
        let body = #"""
            {"data": {"fields": ["i", "f", "d", "dt", "dur", "pt", "n", "b", "l"], "values": [[
              {"$type": "Integer", "_value": "9007199254740993"},
              {"$type": "Float", "_value": "1.0"},
              {"$type": "Date", "_value": "2015-03-26"},
              {"$type": "OffsetDateTime", "_value": "2015-11-21T21:40:32.142Z"},
              {"$type": "Duration", "_value": "P14DT16H12M"},
              {"$type": "Point", "_value": "SRID=4326;POINT (-74.0 40.7)"},
              {"$type": "Node", "_value": {"_element_id": "4:a:0", "_labels": ["Agent"], "_properties": {"id": {"$type": "String", "_value": "A1"}}}},
              {"$type": "Base64", "_value": "AQID"},
              {"$type": "List", "_value": [{"$type": "Null", "_value": null}, {"$type": "Boolean", "_value": true}]}
            ]]}}
            """#
        let transport = CannedTransport { _, _ in CannedTransport.json(202, body) }
        let row = try await Neo4jClient.canned(api: .queryV2, transport).run(Self.query).rows[0]
        #expect(row[0] == .int(9_007_199_254_740_993))
        #expect(row[1] == .double(1.0))
        #expect(row[2] == .temporal(CypherTemporal(kind: .date, iso8601: "2015-03-26")))
        #expect(row[3] == .temporal(CypherTemporal(kind: .dateTime, iso8601: "2015-11-21T21:40:32.142Z")))
        #expect(row[4] == .temporal(CypherTemporal(kind: .duration, iso8601: "P14DT16H12M")))
        #expect(row[5] == .point(CypherPoint(srid: 4326, x: -74.0, y: 40.7)))
        #expect(row[6] == .node(CypherNode(elementId: "4:a:0", labels: ["Agent"], properties: ["id": "A1"])))
        #expect(row[7] == .bytes([1, 2, 3]))
        #expect(row[8] == .list([.null, .bool(true)]))
    }

    @Test func transactionalRowAndMetaFromTheDocs() async throws {
        // http-api query.adoc / result-formats.adoc: node row with meta; path with nested meta; point; temporal;
        // a list column whose meta is flattened.
        let body = #"""
            {"results": [{"columns": ["n", "p", "loc", "when", "xs"], "data": [{
              "row": [{"name": "Alice", "age": 42},
                      [{"name": "Alice"}, {"since": 2001}, {"name": "Bob"}],
                      {"type": "Point", "coordinates": [12.3, 45.6], "crs": {"srid": 4326, "name": "wgs-84", "type": "link", "properties": {"href": "http://spatialreference.org/ref/epsg/4326/ogcwkt/", "type": "ogcwkt"}}},
                      "2015-06-24T12:50:35.556+01:00",
                      [1, 2.5]],
              "meta": [{"id": 36, "elementId": "4:0ea4a108-32c5-498c-99e7-95cc67ab5f7d:36", "type": "node", "deleted": false},
                       [{"id": 1, "elementId": "4:x:1", "type": "node", "deleted": false}, {"id": 7, "elementId": "5:x:7", "type": "relationship", "deleted": false}, {"id": 2, "elementId": "4:x:2", "type": "node", "deleted": false}],
                       {"type": "point"},
                       {"type": "datetime"},
                       null, null]
            }], "stats": {"contains_updates": false, "nodes_created": 0, "relationship_deleted": 0}}],
             "errors": [], "lastBookmarks": ["FB:kcwQDqShCDLFSYyZ55XMZ6tffRuQ"]}
            """#
        let transport = CannedTransport { _, _ in CannedTransport.json(200, body) }
        let result = try await Neo4jClient.canned(api: .transactional, transport).run(Self.query)
        let row = result.rows[0]
        #expect(
            row[0] == .node(CypherNode(elementId: "4:0ea4a108-32c5-498c-99e7-95cc67ab5f7d:36", id: 36, properties: ["name": "Alice", "age": 42]))
        )
        guard case .path(let path) = row[1] else {
            Issue.record("not a path")
            return
        }
        #expect(path.nodes.map(\.id) == [1, 2])
        #expect(path.relationships.first?.properties["since"] == .int(2001))
        #expect(row[2] == .point(CypherPoint(srid: 4326, x: 12.3, y: 45.6)))
        #expect(row[3] == .temporal(CypherTemporal(kind: .dateTime, iso8601: "2015-06-24T12:50:35.556+01:00")))
        #expect(row[4] == .list([.int(1), .double(2.5)]))
        #expect(result.counters["relationshipsDeleted"] == 0)
        #expect(transport.requests.first?.url == "http://neo4j.test:7474/db/neo4j/tx/commit")
    }

    @Test func errorsCarryTheStatusCodeAndNeverValues() async throws {
        // error-handling.adoc: errors come with HTTP 200 in the transactional API.
        let body = #"""
            {"results": [], "errors": [{"code": "Neo.ClientError.Schema.ConstraintValidationFailed",
              "message": "Node(0) already exists with label `Agent` and property `id` = 'secret-agent-id'"}]}
            """#
        let transport = CannedTransport { _, _ in CannedTransport.json(200, body) }
        let client = Neo4jClient.canned(api: .transactional, transport)
        do {
            _ = try await client.run(Self.query, ["x": "secret-agent-id"], mode: .write)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "Neo.ClientError.Schema.ConstraintValidationFailed")
            #expect(error.kind == .server)
            #expect(error.httpStatus == 200)
            #expect(!error.isTransient)
            #expect(!"\(error)".contains("secret-agent-id"))
            #expect(!"\(error)".contains("verysecret"))
            #expect("\(error)".contains("test/query"))
        }
    }

    @Test func unauthorizedIsTyped() async throws {
        let transport = CannedTransport { _, _ in
            CannedTransport.json(401, #"{"errors":[{"code":"Neo.ClientError.Security.Unauthorized","message":"Invalid username or password."}]}"#)
        }
        await #expect(throws: Neo4jError.self) {
            try await Neo4jClient.canned(api: .queryV2, transport).run(Self.query)
        }
        do { _ = try await Neo4jClient.canned(api: .queryV2, transport).run(Self.query) } catch {
            #expect(error.kind == .unauthorized)
            #expect(error.code == "Neo.ClientError.Security.Unauthorized")
        }
    }

    @Test func transientErrorsAreRetriedForReadsOnly() async throws {
        let transient = #"{"errors":[{"code":"Neo.TransientError.Transaction.DeadlockDetected","message":"retry"}]}"#
        let ok = #"{"data":{"fields":["x"],"values":[[1]]}}"#
        let reads = CannedTransport { _, count in CannedTransport.json(202, count < 3 ? transient : ok) }
        let result = try await Neo4jClient.canned(api: .queryV2, reads).run(Self.query, mode: .read)
        #expect(result.rows == [[.int(1)]])
        #expect(reads.requests.count == 3)

        let writes = CannedTransport { _, count in CannedTransport.json(202, count < 3 ? transient : ok) }
        await #expect(throws: Neo4jError.self) { try await Neo4jClient.canned(api: .queryV2, writes).run(Self.query, mode: .write) }
        #expect(writes.requests.count == 1)

        let down = CannedTransport { request, _ throws(Neo4jError) in throw Neo4jError(kind: .connectionFailed, context: request.url) }
        do { _ = try await Neo4jClient.canned(api: .queryV2, down).run(Self.query, mode: .idempotentWrite) } catch {
            #expect(error.kind == .connectionFailed)
            #expect(error.isUnavailable)
        }
        #expect(down.requests.count == 3)
    }

    @Test func discoveryChoosesTheAPI() async throws {
        // http-api discovery sample (5.12: no Query API advertised) and a 5.26 document.
        let old =
            #"{"bolt_routing":"neo4j://localhost:7687","transaction":"http://localhost:7474/db/{databaseName}/tx","bolt_direct":"bolt://localhost:7687","neo4j_version":"5.12.0","neo4j_edition":"enterprise","auth_config":{"oidc_providers":[]}}"#
        let new =
            #"{"transaction":"http://localhost:7474/db/{databaseName}/tx","query":"http://localhost:7474/db/{databaseName}/query/v2","neo4j_version":"5.26.0","neo4j_edition":"community"}"#
        #expect(try await Neo4jClient.canned(api: .automatic, CannedTransport { _, _ in CannedTransport.json(200, old) }).api() == .transactional)
        #expect(try await Neo4jClient.canned(api: .automatic, CannedTransport { _, _ in CannedTransport.json(200, new) }).api() == .queryV2)
        let forced = CannedTransport { _, _ in CannedTransport.json(200, new) }
        #expect(try await Neo4jClient.canned(api: .transactional, forced).api() == .transactional)
        #expect(forced.requests.isEmpty)
    }

    @Test func explicitQueryAPITransactionEchoesAffinity() async throws {
        let transport = CannedTransport { request, _ in
            if request.url.hasSuffix("/query/v2/tx") {
                return CannedTransport.json(
                    202,
                    #"{"transaction":{"id":"lyU","expires":"2024-10-22T15:48:29Z"}}"#,
                    headers: [("neo4j-cluster-affinity", "MTAuMC4wLjE6NzQ3NA==")]
                )
            }
            return CannedTransport.json(202, #"{"data":{"fields":["x"],"values":[[1]]}}"#)
        }
        let client = Neo4jClient.canned(api: .queryV2, transport)
        let value = try await client.withTransaction(mode: .read) { tx in try await tx.run(Self.query).rows }
        #expect(value == [[.int(1)]])
        let urls = transport.requests.map(\.url)
        #expect(
            urls == [
                "http://neo4j.test:7474/db/neo4j/query/v2/tx", "http://neo4j.test:7474/db/neo4j/query/v2/tx/lyU",
                "http://neo4j.test:7474/db/neo4j/query/v2/tx/lyU/commit",
            ]
        )
        #expect(transport.requests.dropFirst().allSatisfy { $0.header("neo4j-cluster-affinity") == "MTAuMC4wLjE6NzQ3NA==" })
    }

    @Test func credentialsNeverPrinted() {
        #expect(!"\(Neo4jConfiguration.Credentials.basic(user: "neo4j", password: "pw123"))".contains("pw123"))
        #expect(!"\(Neo4jConfiguration.Credentials.bearer(token: "tok"))".contains("tok"))
        #expect(AsyncHTTPClientTransport.redactedPath("http://u:pw@host:7474/db") == "http://host:7474/db")
    }

    @Test func nonFiniteParametersAreRejected() async {
        let transport = CannedTransport { _, _ in CannedTransport.json(202, "{}") }
        do {
            _ = try await Neo4jClient.canned(api: .queryV2, transport).run(Self.query, ["x": .double(.nan)])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidParameter)
        }
        #expect(transport.requests.isEmpty)
    }
}
