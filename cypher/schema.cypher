// Uniqueness constraints (Neo4j 5 DDL; the one non-portable file: the test server translates it to FalkorDB
// indexes + GRAPH.CONSTRAINT). Statements are separated by `;` at the end of a line and run one by one.
CREATE CONSTRAINT leadrouter_agent_id IF NOT EXISTS FOR (a:Agent) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT leadrouter_territory_id IF NOT EXISTS FOR (t:Territory) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT leadrouter_lead_id IF NOT EXISTS FOR (l:Lead) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT leadrouter_meta_key IF NOT EXISTS FOR (m:LeadRouterMeta) REQUIRE m.key IS UNIQUE;
