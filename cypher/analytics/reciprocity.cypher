// Referral reciprocity: share of referral relationships answered by one in the other direction, overall and for
// the most reciprocal agents. Portable (Neo4j 5 and FalkorDB).
MATCH (a:Agent)-[:REFERS]->(b:Agent)
OPTIONAL MATCH (b)-[back:REFERS]->(a)
WITH a, count(b) AS sent, count(back) AS reciprocated
RETURN a.id AS agentId, sent, reciprocated,
       round(1000.0 * reciprocated / sent) / 1000.0 AS reciprocity
ORDER BY reciprocity DESC, sent DESC, agentId
LIMIT 25
