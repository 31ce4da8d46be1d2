// Agents reachable within two referral hops from $agentId (excluding itself), with the hop count of the
// shortest chain. Bounded var-length, portable.
MATCH p = (s:Agent {id: $agentId})-[:REFERS*1..2]->(b:Agent)
WHERE b <> s
WITH b, min(length(p)) AS hops
RETURN b.id AS agentId, b.name AS name, hops
ORDER BY hops, agentId
