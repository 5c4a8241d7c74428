// description: The obligations of one document with their owners, split by role (lead, support, plan).
// params: document (iri)
// columns: obligation, path, title, role, agency, agencyLabel
MATCH (:PolicyDocument {uri: $document})-[:HAS_OBLIGATION]->(o:Obligation)
OPTIONAL MATCH (o)-[r:LEAD_AGENCY|SUPPORTING_AGENCY|REQUIRES_DOCUMENT_FROM]->(a)
RETURN o.uri AS obligation, o.sectionPath AS path, o.title AS title,
       CASE type(r) WHEN 'LEAD_AGENCY' THEN 'lead' WHEN 'SUPPORTING_AGENCY' THEN 'support'
                    WHEN 'REQUIRES_DOCUMENT_FROM' THEN 'plan' END AS role,
       a.uri AS agency, a.prefLabel AS agencyLabel
