/// Interns short strings (states, languages) to bit positions so sets of them fit in a `UInt64` mask.
struct SymbolTable: Sendable {
    private(set) var symbols: [String] = []
    private var index: [String: Int] = [:]

    /// At most 64 symbols fit in a mask.
    static let capacity = 64

    /// The bit for `symbol`, adding it when new; nil when the table is full.
    mutating func intern(_ symbol: String) -> Int? {
        if let bit = self.index[symbol] { return bit }
        guard self.symbols.count < Self.capacity else { return nil }
        let bit = self.symbols.count
        self.symbols.append(symbol)
        self.index[symbol] = bit
        return bit
    }

    /// The bit for a known symbol.
    func bit(of symbol: String) -> Int? { self.index[symbol] }

    /// The mask of a known symbol, zero when unknown.
    func mask(of symbol: String) -> UInt64 {
        guard let bit = self.index[symbol] else { return 0 }
        return 1 << UInt64(bit)
    }
}
