// description: Documents not in the corpus that ingested documents implement or are based on, with each ingested document that says so and the relation.
// columns: document, documentNumber, citedBy, relation
MATCH (c:PolicyDocument {inCorpus: true})-[:HAS_REFERENCE]->(ref:DocumentReference)-[:TO_DOCUMENT]->(d:PolicyDocument {inCorpus: false}),
      (ref)-[:RELATION]->(r:Concept)
WHERE r.uri IN ['https://w3id.org/vn-cascade/ontology#relation-implements',
                'https://w3id.org/vn-cascade/ontology#relation-basedOn']
RETURN DISTINCT d.uri AS document, d.documentNumber AS documentNumber, c.uri AS citedBy, r.prefLabel_en AS relation
