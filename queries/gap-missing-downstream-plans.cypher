// description: Units owing a plan under an ingested document (an agency told to issue one, or each member of a group told to) that no ingested document (a report on results aside) of theirs, of a body they belong to or of one belonging to them (a standing body's document counting as its committee's) implements or builds on; one row per document and unit.
// columns: document, unit, unitLabel, groups, obligations, paths
MATCH (:Concept {uri: 'https://w3id.org/vn-cascade/ontology#role-plan-issuer'})<-[:ROLE]-(a:Assignment)-[:AGENT]->(owner),
      (d:PolicyDocument {inCorpus: true})-[:HAS_OBLIGATION]->(o:Obligation)-[:HAS_ASSIGNMENT]->(a)
OPTIONAL MATCH (owner:AgencyGroup)-[:MEMBER]->(member)
WITH d, o, CASE WHEN owner:AgencyGroup THEN member ELSE owner END AS u,
     CASE WHEN owner:AgencyGroup THEN owner.uri END AS g
WHERE u IS NOT NULL AND NOT EXISTS {
  MATCH (c:PolicyDocument {inCorpus: true})-[:IMPLEMENTS|BASED_ON]->(d), (c)-[:ISSUED_BY]->(i)
  WHERE NOT c:Report AND (i = u OR (i)-[:SUB_ORGANIZATION_OF]-(u)
     OR ((i)-[:AGENCY_KIND]->(:Concept {uri: 'https://w3id.org/vn-cascade/ontology#kind-standing-body'})
         AND (i)-[:SUB_ORGANIZATION_OF]->()<-[:SUB_ORGANIZATION_OF]-(u)))
}
WITH d, u, o, g ORDER BY o.uri, g
WITH d, u, collect(DISTINCT g) AS groups, collect(DISTINCT o.uri) AS obligations, collect(DISTINCT o.sectionPath) AS paths
RETURN d.uri AS document, u.uri AS unit, u.prefLabel AS unitLabel,
       coalesce(reduce(s = head(groups), g IN tail(groups) | s + ' ' + g), '') AS groups,
       reduce(s = head(obligations), o IN tail(obligations) | s + ' ' + o) AS obligations,
       reduce(s = head(paths), p IN tail(paths) | s + ', ' + p) AS paths
