// REQUIRES the Neo4j Graph Data Science plugin (docker compose: NEO4J_PLUGINS='["graph-data-science"]').
// Not portable: FalkorDB and Neo4j without GDS reject it. Influence in the referral network by PageRank
// weighted by referrals sent. Run the three statements one after another in Neo4j Browser.
CALL gds.graph.project('leadrouter-referrals', 'Agent', {REFERS: {properties: 'sent'}});
CALL gds.pageRank.stream('leadrouter-referrals', {relationshipWeightProperty: 'sent'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS agentId, score
ORDER BY score DESC
LIMIT 25;
CALL gds.graph.drop('leadrouter-referrals');
