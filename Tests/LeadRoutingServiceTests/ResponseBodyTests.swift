import Foundation
import LeadRoutingCore
import NIOCore
import Testing

/// The strict body types fail on a missing field, which is what makes the route tests able to fail.
@Suite struct ResponseBodyTests {
    static let record = #"""
        {"leadId":"L1","status":"routed","agentId":null,"assignmentState":null,"history":[],
         "decision":{"leadId":"L1","status":"unroutable","path":[],"candidates":[],"excluded":{},"policy":"p","graphVersion":"g",
                     "reason":"no_coverage","eligibleCount":0,"notes":[]}}
        """#

    @Test func aCompleteRecordDecodesWithExplicitNulls() throws {
        let record = try ResponseBody.decode(LeadRecordBody.self, ByteBuffer(string: Self.record))
        #expect(record.leadId == "L1" && record.agentId == nil && record.decision.reason == .noCoverage)
    }

    @Test(arguments: [#""agentId":null,"#, #""status":"routed","#, #""assignmentState":null,"#])
    func aRecordMissingAFieldIsAnError(field: String) {
        let broken = Self.record.replacingOccurrences(of: field, with: "")
        #expect(broken != Self.record)
        #expect(throws: DecodingError.self) { try ResponseBody.decode(LeadRecordBody.self, ByteBuffer(string: broken)) }
    }

    @Test func aPageWithoutItsCursorKeyIsAnError() {
        let page = #"{"agents":[],"graphVersion":"g"}"#
        #expect(throws: DecodingError.self) { try ResponseBody.decode(AgentPageBody.self, ByteBuffer(string: page)) }
        #expect(throws: Never.self) {
            try ResponseBody.decode(AgentPageBody.self, ByteBuffer(string: #"{"agents":[],"nextCursor":null,"graphVersion":"g"}"#))
        }
    }
}
