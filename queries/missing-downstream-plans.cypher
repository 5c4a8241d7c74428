// description: Units that must issue a plan of their own under an obligation, where no ingested plan of theirs implements the document.
// columns: document, obligation, path, unit, unitLabel
MATCH (d:PolicyDocument)-[:HAS_OBLIGATION]->(o:Obligation)-[:REQUIRES_DOCUMENT_FROM]->(u)
WHERE NOT EXISTS { MATCH (c:PolicyDocument {inCorpus: true})-[:ISSUED_BY]->(u) MATCH (c)-[:IMPLEMENTS]->(d) }
RETURN d.uri AS document, o.uri AS obligation, o.sectionPath AS path, u.uri AS unit, u.prefLabel AS unitLabel
