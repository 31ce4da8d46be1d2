// Removes everything LeadRouter imports (agents, territories, leads, metadata) and their relationships.
MATCH (n)
WHERE n:Agent OR n:Territory OR n:Lead OR n:LeadRouterMeta
DETACH DELETE n
