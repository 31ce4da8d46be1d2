import LeadRoutingCore
import Testing

@Suite struct DatasetDecoderTests {
    // MARK: - A valid dataset: shuffled columns, absent columns, an extra column, quoting, defaults

    static let validFiles: [DatasetFile: [UInt8]] = [
        .agents: Array(
            #"""
            capacity,id,extra,languages,name,states,active,specialties,price_min,price_max,open_leads,closed,assigned,response_minutes,lat,lon
            5,a1,zzz, EN | es ,Alice,ca|ny,yes,BUY|Luxury,100000,500000.5,2,3,10,15.5,34.05,-118.25
            ,a2,,,,,,,,,,,,,,
            ,"a,3",q,|,"Bob ""B""", ,0,,,,0,0,0,0,-90,180

            """#.utf8
        ),
        .territories: Array("state,id,ignored\nca,t1,x\n,t2,\n ny ,t3,\n".utf8),
        .coverage: Array("territory_id,agent_id\nt1,a1\nt1,a2\nt2,a1\n".utf8),
        .adjacency: Array("territory_id,neighbor_id,distance_km\nt1,t2,3.5\nt3,t2,\n".utf8),
        .referrals: Array("to_agent_id,from_agent_id,closed\r\na2,a1,\r\n\"a,3\",a1,0\r\n".utf8),
        .leads: Array(
            """
            id,territory_id,kind,price,language,language_required,urgency,source_agent_id,previous_agent_id,created_at
            l1,t1,SELL,250000,ES,yes,3,a1,a2,2024-05-01T10:00:00Z
            l2,t2,,,,,,,,
            l3,t3,rent,1200.5,en,0,1,,"a,3",2024-02-29
            """.utf8
        ),
    ]

    @Test func decodesValuesAndDefaults() throws {
        let dataset = try DatasetDecoder().decode(Self.validFiles)
        #expect(
            dataset.agents == [
                Agent(
                    id: "a1",
                    name: "Alice",
                    active: true,
                    states: ["CA", "NY"],
                    languages: ["en", "es"],
                    specialties: ["buy", "luxury"],
                    priceMin: 100_000,
                    priceMax: 500_000.5,
                    capacity: 5,
                    openLeads: 2,
                    closed: 3,
                    assigned: 10,
                    responseMinutes: 15.5,
                    latitude: 34.05,
                    longitude: -118.25
                ),
                Agent(id: "a2"),
                Agent(id: "a,3", name: "Bob \"B\"", active: false, responseMinutes: 0, latitude: -90, longitude: 180),
            ]
        )
        let defaults = dataset.agents[1]
        #expect(defaults.name == "a2" && defaults.capacity == 20 && defaults.languages == ["en"] && defaults.active)
        #expect(defaults.specialties == ["buy", "sell", "rent"])
        #expect(
            dataset.territories == [Territory(id: "t1", state: "CA"), Territory(id: "t2"), Territory(id: "t3", name: "t3", state: "NY")]
        )
        #expect(
            dataset.coverage == [Coverage(agent: 0, territory: 0), Coverage(agent: 1, territory: 0), Coverage(agent: 0, territory: 1)]
        )
        #expect(dataset.coverage.allSatisfy { $0.weight == 1 })
        #expect(
            dataset.adjacency == [TerritoryAdjacency(territory: 0, neighbor: 1, distanceKm: 3.5), TerritoryAdjacency(territory: 2, neighbor: 1)]
        )
        #expect(dataset.referrals == [Referral(from: 0, to: 1, sent: 1, closed: 0), Referral(from: 0, to: 2, sent: 1, closed: 0)])
        #expect(
            dataset.leads == [
                Lead(
                    id: "l1",
                    territoryId: "t1",
                    kind: .sell,
                    price: 250_000,
                    language: "es",
                    languageRequired: true,
                    urgency: 3,
                    sourceAgentId: "a1",
                    previousAgentId: "a2",
                    createdAt: "2024-05-01T10:00:00Z"
                ),
                Lead(id: "l2", territoryId: "t2"),
                Lead(
                    id: "l3",
                    territoryId: "t3",
                    kind: .rent,
                    price: 1200.5,
                    language: "en",
                    urgency: 1,
                    previousAgentId: "a,3",
                    createdAt: "2024-02-29"
                ),
            ]
        )
    }

    @Test func absentOptionalFilesReadAsEmpty() throws {
        let files: [DatasetFile: [UInt8]] = [
            .agents: Array("id\na1\n".utf8), .territories: Array("id\nt1\n".utf8), .coverage: Array("agent_id,territory_id\n".utf8),
        ]
        let dataset = try DatasetDecoder().decode(files)
        #expect(dataset.agents.map(\.id) == ["a1"])
        #expect(dataset.territories.map(\.id) == ["t1"])
        #expect(dataset.coverage.isEmpty && dataset.adjacency.isEmpty && dataset.referrals.isEmpty && dataset.leads.isEmpty)
    }

    @Test(arguments: [
        "2024-01-31", "2024-01-31T23:59", "2024-01-31T23:59:60", "2024-01-31T00:00:00.123456", "2024-01-31T08:30:00+05:30",
        "2024-01-31T08:30-08:00", "2000-02-29T00:00:00Z",
    ])
    func acceptsISO8601Shapes(createdAt: String) throws {
        var files = Self.baseFiles
        files[.leads] = Array("id,territory_id,created_at\nl1,t1,\(createdAt)\n".utf8)
        #expect(try DatasetDecoder().decode(files).leads.first?.createdAt == createdAt)
    }

    @Test(arguments: ["true", "TRUE", "1", "yes", "Yes"])
    func acceptsTrueSpellings(text: String) throws {
        var files = Self.baseFiles
        files[.agents] = Array("id,active\na1,\(text)\na2,false\na3,NO\n".utf8)
        #expect(try DatasetDecoder().decode(files).agents.map(\.active) == [true, false, false])
    }

    // MARK: - Every error class, with its exact location

    static let baseFiles: [DatasetFile: [UInt8]] = [
        .agents: Array("id\na1\na2\na3\n".utf8),
        .territories: Array("id\nt1\nt2\nt3\n".utf8),
        .coverage: Array("agent_id,territory_id\na1,t1\n".utf8),
    ]

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var file: DatasetFile
        /// Replacement content for `file`; nil removes the file.
        var content: [UInt8]?
        var line: Int?
        var column: Int?
        var columnName: String?
        var kind: DatasetError.Kind

        init(
            _ name: String,
            _ file: DatasetFile,
            _ content: String?,
            line: Int?,
            column: Int?,
            _ columnName: String?,
            _ kind: DatasetError.Kind
        ) {
            self.init(name, file, content.map { Array($0.utf8) }, line: line, column: column, columnName, kind)
        }

        init(
            _ name: String,
            _ file: DatasetFile,
            _ content: [UInt8]?,
            line: Int?,
            column: Int?,
            _ columnName: String?,
            _ kind: DatasetError.Kind
        ) {
            self.name = name
            self.file = file
            self.content = content
            self.line = line
            self.column = column
            self.columnName = columnName
            self.kind = kind
        }

        var testDescription: String { self.name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase("missing required file", .coverage, nil as String?, line: nil, column: nil, nil, .missingFile),
        ErrorCase("missing required column", .agents, "name\nx\n", line: 1, column: nil, "id", .missingColumn),
        ErrorCase("empty required file has no header", .territories, "", line: 1, column: nil, "id", .missingColumn),
        ErrorCase("duplicate column", .agents, "id,name,id\na1,A,a1\n", line: 1, column: 3, "id", .duplicateColumn),
        ErrorCase("too few fields", .agents, "id,name\na1,A\na2\n", line: 3, column: nil, nil, .wrongFieldCount),
        ErrorCase("too many fields", .coverage, "agent_id,territory_id\na1,t1,0.5\n", line: 2, column: nil, nil, .wrongFieldCount),
        ErrorCase("unterminated quote", .agents, "id,name\na1,\"A\na2,B\n", line: 2, column: 2, "name", .unterminatedQuote),
        ErrorCase("text after closing quote", .agents, "id,name\na1,\"A\"x\n", line: 2, column: 2, "name", .invalidQuote),
        ErrorCase("invalid UTF-8", .agents, Array("id,name\na1,".utf8) + [0xFF, 0x0A], line: 2, column: 2, "name", .invalidUTF8),
        ErrorCase("empty required field", .coverage, "agent_id,territory_id\na1,t1\na2,\n", line: 3, column: 2, "territory_id", .emptyRequiredField),
        ErrorCase("empty id", .agents, "id,name\n,A\n", line: 2, column: 1, "id", .emptyRequiredField),
        ErrorCase("integer not a number", .agents, "id,name,capacity\na1,A,ab\n", line: 2, column: 3, "capacity", .invalidNumber),
        ErrorCase("integer with decimals", .agents, "id,open_leads\na1,1.5\n", line: 2, column: 2, "open_leads", .invalidNumber),
        ErrorCase("decimal NaN", .agents, "id,lat\na1,NaN\n", line: 2, column: 2, "lat", .invalidNumber),
        ErrorCase("thousands separator", .agents, "id,price_min\na1,\"1,000\"\n", line: 2, column: 2, "price_min", .invalidNumber),
        ErrorCase("negative capacity", .agents, "id,capacity\na1,-1\n", line: 2, column: 2, "capacity", .outOfRange),
        ErrorCase("negative closed", .agents, "id,closed\na1,0\na2,-3\n", line: 3, column: 2, "closed", .outOfRange),
        ErrorCase("negative assigned", .agents, "id,assigned\na1,-3\n", line: 2, column: 2, "assigned", .outOfRange),
        ErrorCase("negative response", .agents, "id,response_minutes\na1,-0.5\n", line: 2, column: 2, "response_minutes", .outOfRange),
        ErrorCase("negative price", .agents, "id,price_min\na1,-1\n", line: 2, column: 2, "price_min", .outOfRange),
        ErrorCase("price_min above price_max", .agents, "id,price_min,price_max\na1,10,5\n", line: 2, column: 3, "price_max", .outOfRange),
        ErrorCase("latitude above 90", .territories, "id,lat,lon\nt1,90.5,0\n", line: 2, column: 2, "lat", .outOfRange),
        ErrorCase("longitude below -180", .agents, "id,lat,lon\na1,0,-180.01\n", line: 2, column: 3, "lon", .outOfRange),
        ErrorCase("weight zero", .coverage, "agent_id,territory_id,weight\na1,t1,0\n", line: 2, column: 3, "weight", .outOfRange),
        ErrorCase("weight above one", .coverage, "weight,agent_id,territory_id\n1.5,a1,t1\n", line: 2, column: 1, "weight", .outOfRange),
        ErrorCase(
            "negative distance",
            .adjacency,
            "territory_id,neighbor_id,distance_km\nt1,t2,-1\n",
            line: 2,
            column: 3,
            "distance_km",
            .outOfRange
        ),
        ErrorCase("referral sent zero", .referrals, "from_agent_id,to_agent_id,sent\na1,a2,0\n", line: 2, column: 3, "sent", .outOfRange),
        ErrorCase(
            "referral closed above sent",
            .referrals,
            "from_agent_id,to_agent_id,sent,closed\na1,a2,2,3\n",
            line: 2,
            column: 4,
            "closed",
            .outOfRange
        ),
        ErrorCase("referral closed negative", .referrals, "from_agent_id,to_agent_id,closed\na1,a2,-1\n", line: 2, column: 3, "closed", .outOfRange),
        ErrorCase(
            "referral closed above default sent",
            .referrals,
            "from_agent_id,to_agent_id,closed\na1,a2,2\n",
            line: 2,
            column: 3,
            "closed",
            .outOfRange
        ),
        ErrorCase("urgency above 3", .leads, "id,territory_id,urgency\nl1,t1,4\n", line: 2, column: 3, "urgency", .outOfRange),
        ErrorCase("negative lead price", .leads, "id,territory_id,price\nl1,t1,-5\n", line: 2, column: 3, "price", .outOfRange),
        ErrorCase("bad boolean", .agents, "id,active\na1,maybe\n", line: 2, column: 2, "active", .invalidValue),
        ErrorCase(
            "bad language_required",
            .leads,
            "id,territory_id,language_required\nl1,t1,2\n",
            line: 2,
            column: 3,
            "language_required",
            .invalidValue
        ),
        ErrorCase("bad kind", .leads, "id,territory_id,kind\nl1,t1,lease\n", line: 2, column: 3, "kind", .invalidValue),
        ErrorCase("bad date", .leads, "id,territory_id,created_at\nl1,t1,2023-02-29\n", line: 2, column: 3, "created_at", .invalidValue),
        ErrorCase("bad hour", .leads, "id,territory_id,created_at\nl1,t1,2024-01-01T24:00\n", line: 2, column: 3, "created_at", .invalidValue),
        ErrorCase("bad offset", .leads, "id,territory_id,created_at\nl1,t1,2024-01-01T10:00+0530\n", line: 2, column: 3, "created_at", .invalidValue),
        ErrorCase("date with slashes", .leads, "id,territory_id,created_at\nl1,t1,2024/01/01\n", line: 2, column: 3, "created_at", .invalidValue),
        ErrorCase("duplicate agent id", .agents, "name,id\nA,a1\nB,a2\nC,a1\n", line: 4, column: 2, "id", .duplicateId),
        ErrorCase("duplicate territory id", .territories, "id,name\nt1,A\nt2,B\nt2,C\n", line: 4, column: 1, "id", .duplicateId),
        ErrorCase("duplicate lead id", .leads, "id,territory_id\nl1,t1\nl1,t2\n", line: 3, column: 1, "id", .duplicateId),
        ErrorCase("unknown coverage agent", .coverage, "agent_id,territory_id\na9,t1\n", line: 2, column: 1, "agent_id", .unknownReference),
        ErrorCase("unknown coverage territory", .coverage, "agent_id,territory_id\na1,t9\n", line: 2, column: 2, "territory_id", .unknownReference),
        ErrorCase(
            "unknown adjacency neighbor",
            .adjacency,
            "territory_id,neighbor_id\nt1,t9\n",
            line: 2,
            column: 2,
            "neighbor_id",
            .unknownReference
        ),
        ErrorCase(
            "unknown referral target",
            .referrals,
            "from_agent_id,to_agent_id\na1,a2\na1,zz\n",
            line: 3,
            column: 2,
            "to_agent_id",
            .unknownReference
        ),
        ErrorCase("unknown lead territory", .leads, "id,territory_id\nl1,t9\n", line: 2, column: 2, "territory_id", .unknownReference),
        ErrorCase(
            "unknown lead source agent",
            .leads,
            "id,territory_id,source_agent_id\nl1,t1,a9\n",
            line: 2,
            column: 3,
            "source_agent_id",
            .unknownReference
        ),
        ErrorCase(
            "unknown lead previous agent",
            .leads,
            "id,territory_id,previous_agent_id\nl1,t1,a9\n",
            line: 2,
            column: 3,
            "previous_agent_id",
            .unknownReference
        ),
        ErrorCase(
            "contradicting coverage",
            .coverage,
            "agent_id,territory_id,weight\na1,t1,0.5\na2,t1,\na1,t1,0.25\n",
            line: 4,
            column: 3,
            "weight",
            .duplicateEdge
        ),
        ErrorCase(
            "contradicting referral",
            .referrals,
            "from_agent_id,to_agent_id,sent\na1,a2,3\na2,a1,\na1,a2,4\n",
            line: 4,
            column: 3,
            "sent",
            .duplicateEdge
        ),
        ErrorCase(
            "contradicting adjacency",
            .adjacency,
            "territory_id,neighbor_id,distance_km\nt1,t2,2.5\nt1,t2,2.6\n",
            line: 3,
            column: 3,
            "distance_km",
            .duplicateEdge
        ),
        ErrorCase(
            "contradicting reversed adjacency",
            .adjacency,
            "territory_id,neighbor_id,distance_km\nt1,t2,1\nt2,t3,\nt2,t1,1.5\n",
            line: 4,
            column: 3,
            "distance_km",
            .duplicateEdge
        ),
        ErrorCase("self referral", .referrals, "from_agent_id,to_agent_id\na1,a1\n", line: 2, column: 2, "to_agent_id", .selfReference),
        ErrorCase("self adjacency", .adjacency, "territory_id,neighbor_id\nt2,t2\n", line: 2, column: 2, "neighbor_id", .selfReference),
        ErrorCase("line numbers count quoted newlines", .agents, "id,name\na1,\"x\ny\"\na2,B,C\n", line: 4, column: nil, nil, .wrongFieldCount),
    ]

    @Test(arguments: errorCases)
    func rejectsWithExactLocation(_ errorCase: ErrorCase) {
        var files = Self.baseFiles
        files[errorCase.file] = errorCase.content
        do {
            let dataset = try DatasetDecoder().decode(files)
            Issue.record("accepted: \(dataset.rowCount) rows")
        } catch {
            #expect(error.file == errorCase.file.fileName)
            #expect(error.kind == errorCase.kind)
            #expect(error.line == errorCase.line)
            #expect(error.column == errorCase.column)
            #expect(error.columnName == errorCase.columnName)
        }
    }

    /// Coverage, adjacency, referrals and leads are decoded side by side: with several of them wrong, the error is
    /// still the first wrong file's in file order, every time.
    @Test func severalWrongFilesReportTheFirstInFileOrder() {
        var files = Self.baseFiles
        files[.leads] = Array("id,territory_id\nl1,nowhere\n".utf8)
        files[.referrals] = Array("from_agent_id,to_agent_id\na1,a1\n".utf8)
        files[.adjacency] = Array("territory_id,neighbor_id\nt2,t2\n".utf8)
        for _ in 0..<20 {
            do {
                _ = try DatasetDecoder().decode(files)
                Issue.record("accepted")
            } catch {
                #expect(error.file == DatasetFile.adjacency.fileName && error.kind == .selfReference)
            }
        }
        files[.adjacency] = nil
        do {
            _ = try DatasetDecoder().decode(files)
            Issue.record("accepted")
        } catch {
            #expect(error.file == DatasetFile.referrals.fileName)
        }
    }

    @Test func errorDescriptionNamesLocationAndQuotesValue() {
        var files = Self.baseFiles
        files[.agents] = Array("id,name,active,states,languages,specialties,price_min,price_max,capacity\na1,A,,,,,,,ab\n".utf8)
        do {
            _ = try DatasetDecoder().decode(files)
            Issue.record("accepted")
        } catch {
            #expect(error.description == "agents.csv:2:9 (capacity): not an integer: \"ab\"")
        }
    }

    @Test func duplicateIdMessageNamesFirstLine() {
        var files = Self.baseFiles
        files[.agents] = Array("id,name\na1,A\na2,B\na1,C\n".utf8)
        do {
            _ = try DatasetDecoder().decode(files)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("agents.csv:2"))
        }
    }

    @Test func longValuesAreTruncatedInMessages() {
        var files = Self.baseFiles
        files[.agents] = Array("id,capacity\na1,\(String(repeating: "x", count: 100))\n".utf8)
        do {
            _ = try DatasetDecoder().decode(files)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "not an integer: \"\(String(repeating: "x", count: 40))…\"")
        }
    }

    // MARK: - Round trip

    @Test func encodeThenDecodeReturnsTheSameDataset() throws {
        let original = try DatasetDecoder().decode(Self.validFiles)
        let encoded = DatasetEncoder().encode(original)
        #expect(Set(encoded.keys) == Set(DatasetFile.allCases))
        for file in DatasetFile.allCases {
            let header = try CSVScanner.records(in: encoded[file]!).first?.fields
            #expect(header == file.columns)
        }
        let decoded = try DatasetDecoder().decode(encoded)
        Self.expectEqual(decoded, original)
        #expect(DatasetEncoder().encode(decoded) == encoded)
    }

    @Test func trickyValuesRoundTrip() throws {
        let agents = [
            Agent(
                id: "a \"quoted\", with\nnewline",
                name: "Zoë, Esq.",
                states: ["CA"],
                priceMin: 0.1,
                priceMax: 1e-05 + 1e22,
                capacity: 0,
                responseMinutes: 1.0 / 3,
                latitude: -89.999_999_999_999_99,
                longitude: 179.123_456_789_012_34
            ),
            Agent(
                id: "b",
                active: false,
                languages: ["es", "fr"],
                specialties: ["rent"],
                priceMin: Double.leastNonzeroMagnitude,
                closed: 7,
                assigned: 2
            ),
        ]
        let territories = [Territory(id: "t1", name: "Territory, One", state: "WA", latitude: 47.6062, longitude: -122.3321), Territory(id: "t2")]
        let original = Dataset(
            agents: agents,
            territories: territories,
            coverage: [Coverage(agent: 0, territory: 1, weight: 0.333_333_333_333_333_3), Coverage(agent: 1, territory: 0)],
            adjacency: [TerritoryAdjacency(territory: 1, neighbor: 0, distanceKm: 12_345.678_9)],
            referrals: [Referral(from: 1, to: 0, sent: Int32.max, closed: 5), Referral(from: 0, to: 1)],
            leads: [
                Lead(
                    id: "l,1",
                    territoryId: "t1",
                    kind: .rent,
                    price: 0,
                    language: "es",
                    languageRequired: true,
                    urgency: 2,
                    sourceAgentId: "b",
                    previousAgentId: "a \"quoted\", with\nnewline",
                    createdAt: "2024-12-31T23:59:59.999-03:30"
                )
            ]
        )
        let decoded = try DatasetDecoder().decode(DatasetEncoder().encode(original))
        Self.expectEqual(decoded, original)
    }

    static func expectEqual(_ a: Dataset, _ b: Dataset, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.agents == b.agents, sourceLocation: sourceLocation)
        #expect(a.territories == b.territories, sourceLocation: sourceLocation)
        #expect(a.coverage == b.coverage, sourceLocation: sourceLocation)
        #expect(a.adjacency == b.adjacency, sourceLocation: sourceLocation)
        #expect(a.referrals == b.referrals, sourceLocation: sourceLocation)
        #expect(a.leads == b.leads, sourceLocation: sourceLocation)
    }
}
