// description: Every document: number, type, title, issuer, issue date, jurisdiction, whether its text is ingested.
// columns: doc, number, type, title, issuer, issued, jurisdiction, inCorpus
MATCH (d:PolicyDocument)-[:DOCUMENT_TYPE]->(t:Concept), (d)-[:JURISDICTION]->(j)
OPTIONAL MATCH (d)-[:ISSUED_BY]->(i)
RETURN d.uri AS doc, d.documentNumber AS number, t.prefLabel AS type, d.title AS title, i.prefLabel AS issuer,
       d.issuedOn AS issued, j.prefLabel AS jurisdiction, d.inCorpus AS inCorpus
