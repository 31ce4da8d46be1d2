// Coverage gaps: territories whose lead demand exceeds the open capacity of the active agents covering them.
// Demand = leads located in the territory; capacity = Σ max(capacity − openLeads, 0) × coverage weight.
MATCH (t:Territory)
OPTIONAL MATCH (l:Lead)-[:LOCATED_IN]->(t)
WITH t, count(l) AS demand
OPTIONAL MATCH (a:Agent)-[c:COVERS]->(t)
WHERE a.active = true
WITH t, demand, count(a) AS agents,
     sum(CASE WHEN a IS NULL THEN 0.0 ELSE c.weight * CASE WHEN a.capacity > a.openLeads THEN a.capacity - a.openLeads ELSE 0 END END) AS capacity
WHERE demand > capacity
RETURN t.id AS territoryId, t.name AS name, t.state AS state, demand, agents,
       round(100.0 * capacity) / 100.0 AS openCapacity, round(100.0 * (demand - capacity)) / 100.0 AS gap
ORDER BY gap DESC, territoryId
LIMIT 50
