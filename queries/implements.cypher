// description: The cascade's edges: which document implements which, as the citing text states it.
// columns: child, parent
MATCH (c:PolicyDocument)-[:IMPLEMENTS]->(p:PolicyDocument) RETURN c.uri AS child, p.uri AS parent
