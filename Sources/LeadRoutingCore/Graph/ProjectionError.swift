/// Why a dataset could not be turned into a projection.
public struct ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Base: Sendable, Equatable {
        case tooManyStates
        case tooManyLanguages
        case tooLarge
    }

    private let base: Base
    /// Human-readable detail.
    public let message: String

    private init(_ base: Base, _ message: String) {
        self.base = base
        self.message = message
    }

    /// More distinct licence states than a 64-bit mask holds.
    public static func tooManyStates(_ state: String) -> Self {
        .init(.tooManyStates, "more than \(SymbolTable.capacity) distinct states (at \"\(state)\")")
    }

    /// More distinct languages than a 64-bit mask holds.
    public static func tooManyLanguages(_ language: String) -> Self {
        .init(.tooManyLanguages, "more than \(SymbolTable.capacity) distinct languages (at \"\(language)\")")
    }

    /// More nodes or edges than 32-bit indices address.
    public static func tooLarge(_ what: String) -> Self {
        .init(.tooLarge, "too many \(what) for 32-bit indices")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.base == rhs.base }

    public var description: String { "projection: \(self.message)" }
}
