/// Several calls of the decision-commit program in one Postgres statement, for group commit: the statement calls
/// the program once per entry, in the entries' order, in the one transaction of the statement, so the group pays
/// one round trip and one WAL flush. Each call's queries see the writes of the calls before it (the program is
/// volatile: every query in it takes a new snapshot), so a later call for the same agent sees an earlier call's
/// reservation and the capacity check stays exact.
///
/// Fully parameterised: the entries' binds travel as one JSON parameter (an array of entries, each an array of the
/// program's binds in ``DecisionCommitProgram/parameters`` order, every value a JSON string or null) and each is
/// cast to the program's parameter type, so NULLs stay NULL and numbers keep their exact value.
public enum DecisionCommitGroup {
    /// The statement that calls the program once (what a store's commit passes to ``SQLDatabase/autocommit(_:_:)``
    /// on Postgres): the statement a database may group.
    public static let postgresCallStatement = DecisionCommitProgram.statement(.postgres)

    /// The most calls in one grouped statement: bounds the statement's size and the time its locks are held.
    public static let maximumEntries = 64

    /// The grouped statement. Its one parameter is ``postgresArgument(_:)``; one row per entry, in order: the
    /// entry's 1-based position and the program's result code.
    public static let postgresStatement: String = {
        let arguments = DecisionCommitProgram.parameters.enumerated().map { "(r.e->>\($0.offset))::\($0.element.postgresType)" }
        return """
            SELECT r.ordinality, \(DecisionCommitProgram.name)(\(arguments.joined(separator: ", ")))
            FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(e, ordinality) ORDER BY r.ordinality
            """
    }()

    /// The order in which to send `entries` (each the binds of one call): by candidate agent, calls for the same
    /// agent (and calls without one) in the order given. Every group reserves agents' load rows in the same order,
    /// so groups in flight at the same time wait for each other instead of deadlocking. Calls for different agents
    /// are independent (their order changes nothing they write but ids), and calls for one agent keep their
    /// order, so a later call still sees an earlier call's reservation.
    public static func lockOrder(_ entries: [[SQLValue]]) -> [Int] {
        let agent = Self.agentPosition
        func key(_ index: Int) -> String {
            guard entries[index].indices.contains(agent), case .text(let id) = entries[index][agent] else { return "" }
            return id
        }
        return entries.indices.sorted { (key($0), $0) < (key($1), $1) }
    }

    /// The position of the candidate agent among the program's binds.
    static let agentPosition = DecisionCommitProgram.parameters.firstIndex { $0.name == "agent_id" } ?? 0

    /// The JSON array of `entries` (each the binds of one call of ``postgresCallStatement``), the parameter of
    /// ``postgresStatement``. Integers and doubles are written as strings in their exact decimal form (Swift's
    /// shortest round-trip spelling, which Postgres reads back to the same double).
    public static func postgresArgument(_ entries: [[SQLValue]]) -> String {
        var json: [UInt8] = []
        json.reserveCapacity(
            entries.reduce(2) { total, binds in
                binds.reduce(total + 2) { size, value in
                    if case .text(let text) = value { return size + text.utf8.count + 8 }
                    return size + 24
                }
            }
        )
        json.append(UInt8(ascii: "["))
        for (index, binds) in entries.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "["))
            for (position, value) in binds.enumerated() {
                if position > 0 { json.append(UInt8(ascii: ",")) }
                switch value {
                case .null: json += "null".utf8
                case .int(let v): Self.appendJSONString("\(v)", to: &json)
                case .double(let v): Self.appendJSONString("\(v)", to: &json)
                case .text(let v): Self.appendJSONString(v, to: &json)
                }
            }
            json.append(UInt8(ascii: "]"))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, every other byte of its UTF-8
    /// as it is.
    static func appendJSONString(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): json += #"\""#.utf8
            case UInt8(ascii: "\\"): json += #"\\"#.utf8
            case UInt8(ascii: "\n"): json += #"\n"#.utf8
            case UInt8(ascii: "\r"): json += #"\r"#.utf8
            case UInt8(ascii: "\t"): json += #"\t"#.utf8
            case 0..<0x20:
                json += #"\u00"#.utf8
                json.append(Self.hexDigits[Int(byte >> 4)])
                json.append(Self.hexDigits[Int(byte & 0xF)])
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
