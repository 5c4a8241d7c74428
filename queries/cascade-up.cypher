// description: Every document above this one (what it implements, up to the root), with its distance.
// params: document (iri)
// columns: ancestor, ancestorNumber, depth, inCorpus
MATCH p = (:PolicyDocument {uri: $document})-[:IMPLEMENTS*1..6]->(a:PolicyDocument)
RETURN a.uri AS ancestor, a.documentNumber AS ancestorNumber, min(length(p)) AS depth, a.inCorpus AS inCorpus
