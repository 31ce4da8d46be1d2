// Adjacency stored from one page of territories (keyset by territory id: $after, $limit).
MATCH (t:Territory)
WHERE t.id > $after
WITH t
ORDER BY t.id
LIMIT $limit
OPTIONAL MATCH (t)-[r:ADJACENT_TO]->(n:Territory)
RETURN t.id AS territoryId, n.id AS neighborId, r.distanceKm AS distanceKm, r.ord AS ord
ORDER BY territoryId, neighborId
