// description: Gaps and defects the parser flagged in ingested documents (blank number, partial date, no lead …).
// columns: doc, code, note, sourceText
MATCH (d:PolicyDocument)-[:HAS_ISSUE]->(i:DataIssue)
RETURN d.uri AS doc, i.issueCode AS code, i.note_en AS note, i.sourceText AS sourceText
