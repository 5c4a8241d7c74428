// description: Documents known only from citations: which documents cite them, and how.
// columns: doc, number, title, citedBy, relation
MATCH (d:PolicyDocument {inCorpus: false})<-[:TO_DOCUMENT]-(ref:DocumentReference)-[:FROM_DOCUMENT]->(c),
      (ref)-[:RELATION]->(r:Concept)
RETURN d.uri AS doc, d.documentNumber AS number, d.title AS title, c.uri AS citedBy, r.prefLabel_en AS relation
