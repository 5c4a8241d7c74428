// description: Obligations whose text names no lead unit ('chủ trì'), with the text that creates them.
// columns: doc, obligation, path, title, sourceText
MATCH (d:PolicyDocument)-[:HAS_OBLIGATION]->(o:Obligation)
WHERE NOT (o)-[:LEAD_AGENCY]->()
RETURN d.uri AS doc, o.uri AS obligation, o.sectionPath AS path, o.title AS title, o.sourceText AS sourceText
