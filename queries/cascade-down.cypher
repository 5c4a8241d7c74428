// description: Every document below the one with this number (implements, directly or not), with its depth.
// params: number
// columns: document, documentNumber, depth, inCorpus
MATCH (root:PolicyDocument {documentNumber: $number})
MATCH p = (d:PolicyDocument)-[:IMPLEMENTS*1..6]->(root)
RETURN d.uri AS document, d.documentNumber AS documentNumber, min(length(p)) AS depth, d.inCorpus AS inCorpus
