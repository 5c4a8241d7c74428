// description: Groups told to issue plans under an ingested document that have no member units, with whether their jurisdiction is known and whether they are vague.
// columns: document, obligation, path, group, groupLabel, jurisdictionKnown, vague
MATCH (:Concept {uri: 'https://w3id.org/vn-cascade/ontology#role-plan-issuer'})<-[:ROLE]-(a:Assignment)-[:AGENT]->(g:AgencyGroup),
      (d:PolicyDocument {inCorpus: true})-[:HAS_OBLIGATION]->(o:Obligation)-[:HAS_ASSIGNMENT]->(a)
WHERE NOT (g)-[:MEMBER]->()
OPTIONAL MATCH (g)-[:JURISDICTION]->(j)
RETURN DISTINCT d.uri AS document, o.uri AS obligation, o.sectionPath AS path, g.uri AS group, g.prefLabel AS groupLabel,
       coalesce(j.known, true) AS jurisdictionKnown, coalesce(g.vague, false) AS vague
