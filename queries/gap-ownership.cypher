// description: Obligations of ingested documents with no lead, only a requested lead ('Đề nghị …'), only vague groups as leads, or several leads (gap), with the units named as lead or requested.
// columns: document, obligation, path, gap, owners
MATCH (d:PolicyDocument {inCorpus: true})-[:HAS_OBLIGATION]->(o:Obligation)
WHERE o.sectionPath IS NOT NULL
OPTIONAL MATCH (o)-[:HAS_ASSIGNMENT]->(a:Assignment)-[:ROLE]->(r:Concept), (a)-[:AGENT]->(x)
WHERE r.uri IN ['https://w3id.org/vn-cascade/ontology#role-lead',
                'https://w3id.org/vn-cascade/ontology#role-lead-inferred',
                'https://w3id.org/vn-cascade/ontology#role-requested']
WITH d, o, x, r ORDER BY x.uri
WITH d, o, collect(DISTINCT x.uri) AS owners,
     collect(DISTINCT CASE WHEN r.uri ENDS WITH '#role-lead' OR r.uri ENDS WITH '#role-lead-inferred' THEN x END) AS leads
WITH d, o, owners, CASE WHEN size(owners) = 0 THEN 'no-lead'
                        WHEN size(leads) = 0 THEN 'requested-lead'
                        WHEN all(l IN leads WHERE coalesce(l.vague, false)) THEN 'vague-lead'
                        WHEN size(leads) > 1 THEN 'several-leads' END AS gap
WHERE gap IS NOT NULL
RETURN d.uri AS document, o.uri AS obligation, o.sectionPath AS path, gap,
       coalesce(reduce(s = head(owners), x IN tail(owners) | s + ' ' + x), '') AS owners
