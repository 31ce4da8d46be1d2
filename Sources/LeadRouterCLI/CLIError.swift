/// A one-line error for the user; the command exits non-zero with this message.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
