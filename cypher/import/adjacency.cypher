// (:Territory)-[:ADJACENT_TO {distanceKm}]->(:Territory), stored once per pair as listed, read undirected.
// $rows: [{territoryId, neighborId, distanceKm, ord}]; $now: epoch millis.
UNWIND $rows AS row
MATCH (t:Territory {id: row.territoryId})
MATCH (n:Territory {id: row.neighborId})
MERGE (t)-[r:ADJACENT_TO]->(n)
SET r.distanceKm = row.distanceKm, r.ord = row.ord, r.updatedAt = $now
