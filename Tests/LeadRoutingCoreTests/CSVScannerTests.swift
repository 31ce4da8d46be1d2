import LeadRoutingCore
import Testing

@Suite struct CSVScannerTests {
    private func records(_ text: String) throws(DatasetError) -> [(line: Int, fields: [String])] {
        try CSVScanner.records(in: Array(text.utf8), file: "t.csv")
    }

    private func scanError(_ bytes: [UInt8]) -> DatasetError? {
        do {
            _ = try CSVScanner.records(in: bytes, file: "t.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test func quotedFieldsKeepEmbeddedCommas() throws {
        let result = try records("a,\"b,c\",d\n\"x,\",,\"\"\n")
        #expect(result.map(\.fields) == [["a", "b,c", "d"], ["x,", "", ""]])
    }

    @Test func doubledQuotesCollapse() throws {
        let result = try records("\"say \"\"hi\"\"\",\"\"\"\"\n")
        #expect(result.map(\.fields) == [["say \"hi\"", "\""]])
    }

    @Test func embeddedNewlinesKeepPhysicalLineNumbers() throws {
        let result = try records("h1,h2\n\"one\ntwo\nthree\",x\ny,\"a\r\nb\"\nlast,z\n")
        #expect(result.map(\.fields) == [["h1", "h2"], ["one\ntwo\nthree", "x"], ["y", "a\r\nb"], ["last", "z"]])
        #expect(result.map(\.line) == [1, 2, 5, 7])
    }

    @Test func crlfLineEnds() throws {
        let result = try records("a,b\r\n1,\"2\"\r\n,\r\n")
        #expect(result.map(\.fields) == [["a", "b"], ["1", "2"], ["", ""]])
        #expect(result.map(\.line) == [1, 2, 3])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let result = try CSVScanner.records(in: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8))
        #expect(result.map(\.fields) == [["id", "name"], ["1", "x"]])
    }

    @Test(arguments: ["a,b\n1,2", "a,b\n1,2\n", "a,b\n1,2\n\n\n", "a,b\r\n1,2\r\n\r\n"])
    func finalNewlineOptionalAndBlankTrailingLinesIgnored(text: String) throws {
        #expect(try records(text).map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func trailingEmptyFieldsAreKept() throws {
        #expect(try records("a,b,\n,,").map(\.fields) == [["a", "b", ""], ["", "", ""]])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try records("").isEmpty)
        #expect(try records("\n\r\n").isEmpty)
    }

    @Test func unterminatedQuoteReportsTheLineWhereItOpened() {
        let error = scanError(Array("a,b\n1,\"oops\n2,3\n4,5\n".utf8))
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.file == "t.csv")
    }

    @Test(arguments: ["a,b\"c\n", "a,\"b\"c\n", "a,\"b\" \n"])
    func strayQuotesAreRejected(text: String) {
        let error = scanError(Array(text.utf8))
        #expect(error?.kind == .invalidQuote)
        #expect(error?.line == 1)
        #expect(error?.column == 2)
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() {
        let error = scanError(Array("a,b\nx,".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
    }

    @Test func multiByteUTF8Survives() throws {
        #expect(try records("José,Zürich,\"東京\"\n").map(\.fields) == [["José", "Zürich", "東京"]])
    }

    // MARK: numbers straight from bytes

    private func withField<R>(_ text: String, _ body: (CSVScanner) throws(DatasetError) -> R) throws(DatasetError) -> R {
        try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var scanner = CSVScanner(bytes: buffer, file: "n.csv")
            _ = try scanner.next()
            return try body(scanner)
        }
    }

    @Test(arguments: [
        ("0", 0.0), ("-0.5", -0.5), ("+2", 2.0), ("0.1", 0.1), (".5", 0.5), ("5.", 5.0), ("34.0522", 34.0522),
        ("-118.2437", -118.2437), ("1e-05", 1e-05), ("2.5E+3", 2500.0), ("12345678901234567890", 12_345_678_901_234_567_890.0),
        ("0.30000000000000004", 0.30000000000000004), ("1.7976931348623157e+308", Double.greatestFiniteMagnitude),
    ])
    func decimalsParseExactly(text: String, expected: Double) throws {
        #expect(try withField(text) { (s) throws(DatasetError) in try s.decimal(0) } == expected)
    }

    @Test(arguments: ["NaN", "nan", "inf", "-infinity", "0x10", "1e", "1e+", "--1", "1.2.3", " 1", "1 ", "1_000", "e5", ".", "-", "\"\"\"1\""])
    func malformedDecimalsAreRejected(text: String) {
        do {
            _ = try withField(text) { (s) throws(DatasetError) in try s.decimal(0) }
            Issue.record("\(text) accepted")
        } catch {
            #expect(error.kind == .invalidNumber)
        }
    }

    @Test func hugeDecimalIsOutOfRange() {
        do {
            _ = try withField("1e400") { (s) throws(DatasetError) in try s.decimal(0) }
            Issue.record("1e400 accepted")
        } catch {
            #expect(error.kind == .outOfRange)
        }
    }

    @Test func doubleDescriptionsRoundTripThroughTheByteParser() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0.1, 1.0 / 3, Double.leastNonzeroMagnitude, 1e22, 1e23, 9_007_199_254_740_992, 9_007_199_254_740_994, 123_456.789, -0.0,
        ]
        for _ in 0..<2000 {
            values.append(Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF))
            values.append(Double.random(in: -1000...1000, using: &generator))
            values.append((Double.random(in: 0...100_000, using: &generator) * 100).rounded() / 100)
        }
        for value in values {
            let parsed = try withField(value.description) { (s) throws(DatasetError) in try s.decimal(0) }
            #expect(parsed.bitPattern == value.bitPattern, "\(value.description)")
        }
    }

    @Test(arguments: [("0", 0), ("42", 42), ("-7", -7), ("+3", 3), ("9223372036854775807", Int.max)])
    func integersParse(text: String, expected: Int) throws {
        #expect(try withField(text) { (s) throws(DatasetError) in try s.integer(0) } == expected)
    }

    @Test(arguments: ["1.0", "1e3", "ab", "-", "1 000", "0x1", "\"\"\"1\""])
    func malformedIntegersAreRejected(text: String) {
        do {
            _ = try withField(text) { (s) throws(DatasetError) in try s.integer(0) }
            Issue.record("\(text) accepted")
        } catch {
            #expect(error.kind == .invalidNumber)
        }
    }

    @Test func integerOverflowIsOutOfRange() {
        do {
            _ = try withField("9223372036854775808") { (s) throws(DatasetError) in try s.integer(0) }
            Issue.record("overflow accepted")
        } catch {
            #expect(error.kind == .outOfRange)
        }
    }
}
