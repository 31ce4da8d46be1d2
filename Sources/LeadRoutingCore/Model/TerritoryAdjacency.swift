/// Two neighbouring territories. Adjacency is undirected: the projection adds both directions.
public struct TerritoryAdjacency: Sendable, Hashable {
    /// Index into ``Dataset/territories``.
    public var territory: Int32
    /// Index into ``Dataset/territories``.
    public var neighbor: Int32
    /// Centroid distance; absent means "compute from the centroids when both are known".
    public var distanceKm: Double?

    public init(territory: Int32, neighbor: Int32, distanceKm: Double? = nil) {
        self.territory = territory
        self.neighbor = neighbor
        self.distanceKm = distanceKm
    }
}
