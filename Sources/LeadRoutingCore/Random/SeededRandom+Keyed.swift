extension SeededRandom {
    /// A generator for one named draw: the same seed and key always give the same stream, whatever was drawn
    /// before. Simulations key their draws by lead id so every policy meets the same world (common random numbers).
    public init(seed: UInt64, key: String) {
        self.init(seed: seed, stream: Self.stream(forKey: key))
    }

    /// The stream a key selects (FNV-1a 64 of its UTF-8, made odd): computed once, it gives many seeds the same
    /// key's draws without hashing the key again.
    public static func stream(forKey key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash | 1
    }
}
