/// A content fingerprint of a dataset directory's files: the graph version of a dataset-backed projection.
///
/// FNV-1a 64 over, for each present file in ``DatasetFile/allCases`` order, its file name (`agents.csv`),
/// a NUL byte, its byte count as 8 little-endian bytes and then its bytes (the name and length framing keep
/// `{a: "xy"}` and `{a: "x", b: "y"}`-style inputs apart). Any change to any byte changes the version with
/// overwhelming likelihood; the same bytes always give the same version, across runs and machines.
public enum DatasetFingerprint {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// `"ds-"` followed by 16 lower-case hex digits.
    public static func compute(_ files: [DatasetFile: [UInt8]]) -> String {
        var hash = Self.offsetBasis
        for file in DatasetFile.allCases {
            guard let bytes = files[file] else { continue }
            for byte in file.fileName.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
            hash = (hash ^ 0) &* Self.prime
            var length = UInt64(bytes.count)
            for _ in 0..<8 {
                hash = (hash ^ (length & 0xff)) &* Self.prime
                length >>= 8
            }
            bytes.withUnsafeBufferPointer { buffer in
                for byte in buffer { hash = (hash ^ UInt64(byte)) &* Self.prime }
            }
        }
        let hex = String(hash, radix: 16)
        return "ds-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
