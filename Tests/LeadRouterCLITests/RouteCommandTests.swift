import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@Suite struct RouteCommandTests {
    @Test func routesOneLeadFromStdinAsDecisionJSON() throws {
        let result = try CLIProcess.run(
            ["route", "--dataset", "fixtures/tiny", "--lead", "-", "--json"],
            stdin: #"{"id":"X1","territoryId":"T1","kind":"buy"}"#
        )
        #expect(result.status == 0, "\(result.stderr)")
        let decision = try JSONDecoder().decode(RoutingDecision.self, from: Data(result.stdout.utf8))
        #expect(decision.leadId == "X1")
        #expect(decision.agentId == "A1")
        #expect(decision.excluded == ["inactive": 1, "not_licensed": 1, "kind": 1, "at_capacity": 1])
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func unroutableDecisionHasExplicitNulls() throws {
        let result = try CLIProcess.run(
            ["route", "--dataset", "fixtures/tiny", "--lead", "-", "--json"],
            stdin: #"{"id":"X2","territoryId":"T5"}"#
        )
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""agentId":null"#))
        #expect(result.stdout.contains(#""status":"unroutable""#))
        #expect(result.stdout.contains(#""reason":"no_coverage""#))
    }

    @Test func batchCountsCapacityAndWritesOneLinePerLead() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Twelve leads for the twins' territory: capacity 4 + 4, so the last four are unroutable.
        var csv = "id,territory_id\n"
        for i in 1...12 { csv += "B\(i),T7\n" }
        let leads = directory.appendingPathComponent("leads.csv")
        try csv.write(to: leads, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("decisions.jsonl")
        let result = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--leads", leads.path, "--out", out.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        let decisions = try lines.map { try JSONDecoder().decode(RoutingDecision.self, from: Data($0.utf8)) }
        #expect(decisions.filter { $0.agentId == "A12" }.count == 4)
        #expect(decisions.filter { $0.agentId == "A13" }.count == 4)
        #expect(decisions.suffix(4).allSatisfy { $0.status == .unroutable && $0.excluded == ["at_capacity": 2] })
        let summary = try JSONDecoder().decode(BatchSummary.self, from: Data(result.stdout.utf8))
        #expect(summary.routed == 8 && summary.unroutable == 4)
    }

    /// A batch routed on several threads writes byte for byte what one thread writes.
    @Test func threadsDoNotChangeTheDecisions() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        var outputs: [String] = []
        for threads in ["1", "2"] {
            let out = directory.appendingPathComponent("decisions-\(threads).jsonl")
            let result = try CLIProcess.run([
                "route", "--dataset", "fixtures/metro", "--leads", "fixtures/metro/leads.csv", "--out", out.path, "--threads", threads,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try String(contentsOf: out, encoding: .utf8))
        }
        #expect(outputs[0].split(separator: "\n").count == 1000)
        #expect(outputs[0] == outputs[1])
    }

    @Test(arguments: [
        (["route", "--dataset", "fixtures/tiny"], "exactly one of --lead"),
        (["route", "--dataset", "/nonexistent/dir", "--lead", "-"], "not found"),
        (["route", "--dataset", "fixtures/tiny", "--lead", "/nonexistent.json"], "cannot read"),
        (["route", "--dataset", "fixtures/tiny", "--lead", "-", "--policy", "/nonexistent.json"], "cannot read"),
        (["route", "--dataset", "fixtures/tiny", "--leads", "/nonexistent.csv"], "cannot read"),
        (["route", "--dataset", "fixtures/tiny", "--lead", "-", "--out", "x"], "--out applies"),
        (["route", "--dataset", "fixtures/tiny", "--leads", "x.csv", "--threads", "0"], "--threads must be between 1 and 64"),
        (["frobnicate"], "Unexpected argument"),
    ])
    func badInvocationExitsNonZeroWithAMessage(arguments: [String], message: String) throws {
        let result = try CLIProcess.run(arguments, stdin: #"{"id":"X","territoryId":"T1"}"#)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(arguments: [
        (#"{"territoryId":"T1"}"#, "id: required"),
        (#"{"id":"X","territoryId":"T1","kind":"lease"}"#, "kind: must be buy, sell or rent"),
        (#"{"id":"X","territoryId":"T1","urgency":7}"#, "urgency: must be 0, 1, 2 or 3"),
        (#"{"id":"X","territoryId":"T1","price":-5}"#, "price: must be a number ≥ 0"),
        (#"{"id":"X","territoryId":"T1","createdAt":"yesterday"}"#, "createdAt: not an ISO-8601"),
        (#"{"id":"X","territoryId":"T1","price":"cheap"}"#, "price: wrong type"),
        ("not json", "malformed lead: not valid JSON"),
        (#"{"id":"X","territoryId":"T1","langauge":"es"}"#, "stdin: invalid lead: langauge: unknown field (known: id, territoryId,"),
        (#"{"id":"lead one","territoryId":"T1"}"#, "stdin: invalid lead: id: must start with a letter or digit and use only"),
    ])
    func badLeadIsRejectedNamingTheField(json: String, message: String) throws {
        let result = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--lead", "-"], stdin: json)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func malformedLeadsCSVNamesFileLineAndColumn() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let leads = directory.appendingPathComponent("leads.csv")
        try "id,territory_id,urgency\nA,T1,1\nB,T1,9\n".write(to: leads, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out.jsonl")
        let result = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--leads", leads.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("leads.csv:3:3 (urgency)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// The message after the file name is exactly what the API answers as the problem's detail.
    @Test func anUnknownLeadFieldGivesTheAPIsMessage() throws {
        let body = #"{"id":"X","territoryId":"T1","langauge":"es"}"#
        let apiDetail = (#expect(throws: InputError.self) { _ = try Lead.decode(json: Array(body.utf8)) })?.description ?? "?"
        let result = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--lead", "-"], stdin: body)
        #expect(result.status != 0)
        #expect(result.stderr.contains("stdin: " + apiDetail), "\(result.stderr)")
    }

    @Test func aLeadsCSVIdOutsideTheAlphabetNamesFileLineAndColumn() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let leads = directory.appendingPathComponent("leads.csv")
        try "id,territory_id\nA,T1\nlead two,T1\n".write(to: leads, atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--leads", leads.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("leads.csv:3:1 (id): must start with a letter or digit and use only"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func invalidPolicyIsRejectedNamingTheField() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.json")
        try #"{"weights":{"coverage":-1}}"#.write(to: policy, atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(
            ["route", "--dataset", "fixtures/tiny", "--lead", "-", "--policy", policy.path],
            stdin: #"{"id":"X","territoryId":"T1"}"#
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("weights.coverage: must be a finite number ≥ 0"), "\(result.stderr)")
    }

    @Test(arguments: ["route", "demo", "generate", "bench", "bench route", "agent", "agent show"])
    func everyCommandHasHelp(command: String) throws {
        let result = try CLIProcess.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
    }
}
