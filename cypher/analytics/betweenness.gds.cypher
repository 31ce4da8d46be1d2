// REQUIRES the Neo4j Graph Data Science plugin. Not portable. Brokers: betweenness centrality on the referral
// network. Run the three statements one after another in Neo4j Browser.
CALL gds.graph.project('leadrouter-brokers', 'Agent', 'REFERS');
CALL gds.betweenness.stream('leadrouter-brokers')
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS agentId, score
ORDER BY score DESC
LIMIT 25;
CALL gds.graph.drop('leadrouter-brokers');
