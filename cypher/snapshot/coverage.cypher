// Coverage of one page of agents (keyset by agent id: $after, $limit). Agents without coverage give one row with
// a null territory, so the page's last agent id is always known.
MATCH (a:Agent)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[c:COVERS]->(t:Territory)
RETURN a.id AS agentId, t.id AS territoryId, c.weight AS weight, c.ord AS ord
ORDER BY agentId, territoryId
