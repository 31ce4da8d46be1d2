import Testing

@testable import LeadRoutingNeo4j

@Suite struct JSONValueTests {
    @Test func integersStayIntegersAndFloatsFloats() throws {
        let value = try JSONParser.parse(Array(#"{"a":1,"b":1.0,"c":-2e3,"d":9007199254740993,"e":null,"f":"x\u00e9\n"}"#.utf8))
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.0))
        #expect(value["c"] == .double(-2000))
        #expect(value["d"] == .int(9_007_199_254_740_993))
        #expect(value["e"] == .null)
        #expect(value["f"] == .string("xé\n"))
    }

    @Test func writerKeepsFloatsFloats() {
        let bytes = JSONWriter.encode(.array([.double(1), .int(1), .double(0.1), .string("a\"b")]))
        #expect(String(decoding: bytes, as: UTF8.self) == #"[1.0,1,0.1,"a\"b"]"#)
    }

    @Test func rejectsMalformedJSON() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("{\"a\":}".utf8)) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("[1,2".utf8)) }
    }
}
