// Cypher candidate mode: agents covering the reached territories ($ids) with the coverage weight.
UNWIND $ids AS id
MATCH (a:Agent)-[c:COVERS]->(t:Territory {id: id})
RETURN a.id AS agentId, t.id AS territoryId, c.weight AS weight
