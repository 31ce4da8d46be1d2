/// Bytes held by a projection, by component.
public struct ProjectionFootprint: Sendable, Codable, Equatable {
    public var agentBytes: Int
    public var territoryBytes: Int
    public var coverageBytes: Int
    public var adjacencyBytes: Int
    public var referralBytes: Int
    public var totalBytes: Int { agentBytes + territoryBytes + coverageBytes + adjacencyBytes + referralBytes }
}

extension GraphProjection {
    /// An estimate of the heap bytes the projection holds: array buffers at their capacity, id strings
    /// (inline up to 15 UTF-8 bytes, otherwise a heap buffer) and the id dictionaries' tables.
    public var footprint: ProjectionFootprint {
        let agentArrays =
            bytes(self.agentActive) + bytes(self.agentStates) + bytes(self.agentLanguages) + bytes(self.agentKinds)
            + bytes(self.agentPriceMin) + bytes(self.agentPriceMax) + bytes(self.agentCapacity) + bytes(self.agentOpenLeads)
            + bytes(self.agentClosed) + bytes(self.agentAssigned) + bytes(self.agentResponseMinutes)
            + bytes(self.agentLatitude) + bytes(self.agentLongitude)
        let territoryArrays =
            bytes(self.territoryState) + bytes(self.territoryLatitude) + bytes(self.territoryLongitude)
        return ProjectionFootprint(
            agentBytes: agentArrays + stringBytes(self.agentIds) + stringBytes(self.agentNames) + dictionaryBytes(self.agentIndex),
            territoryBytes: territoryArrays + stringBytes(self.territoryIds) + dictionaryBytes(self.territoryIndex),
            coverageBytes: self.coverageByTerritory.byteCount + bytes(self.coverageWeightByTerritory)
                + self.coverageByAgent.byteCount + bytes(self.coverageWeightByAgent),
            adjacencyBytes: self.adjacency.byteCount + bytes(self.adjacencyDistanceKm),
            referralBytes: self.referralsOut.byteCount + bytes(self.referralSent) + bytes(self.referralClosed)
                + self.referralsIn.byteCount + bytes(self.referralsInEdge)
        )
    }
}

private func bytes<T>(_ array: [T]) -> Int {
    array.capacity * MemoryLayout<T>.stride
}

private func stringBytes(_ strings: [String]) -> Int {
    var total = strings.capacity * MemoryLayout<String>.stride
    for string in strings where string.utf8.count > 15 {
        // Heap-allocated native string: a 32-byte object header plus the UTF-8 bytes and a terminator, rounded to 16.
        total += (32 + string.utf8.count + 1 + 15) & ~15
    }
    return total
}

private func dictionaryBytes<K, V>(_ dictionary: [K: V]) -> Int {
    // Native dictionary storage: keys and values per bucket plus one bitmap word per 64 buckets. String keys that
    // live on the heap share their buffer with the id array, so they add nothing here.
    let buckets = max(1, dictionary.capacity * 4 / 3)
    return buckets * (MemoryLayout<K>.stride + MemoryLayout<V>.stride) + (buckets + 63) / 64 * 8
}
