// Cypher candidate mode, territory reach: the adjacency of a frontier of territories ($ids), either direction.
// Run once per hop; var-length bounds cannot be parameters, so the hop limit stays in the caller's loop.
UNWIND $ids AS id
MATCH (t:Territory {id: id})-[r:ADJACENT_TO]-(n:Territory)
RETURN startNode(r).id AS territoryId, endNode(r).id AS neighborId, r.distanceKm AS distanceKm
