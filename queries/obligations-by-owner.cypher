// description: Every obligation of every ingested document with its owners, split by role (lead, support, plan).
// columns: doc, obligation, path, title, role, agency, agencyLabel
MATCH (d:PolicyDocument)-[:HAS_OBLIGATION]->(o:Obligation)
OPTIONAL MATCH (o)-[r:LEAD_AGENCY|SUPPORTING_AGENCY|REQUIRES_DOCUMENT_FROM]->(a)
RETURN d.uri AS doc, o.uri AS obligation, o.sectionPath AS path, o.title AS title,
       CASE type(r) WHEN 'LEAD_AGENCY' THEN 'lead' WHEN 'SUPPORTING_AGENCY' THEN 'support'
                    WHEN 'REQUIRES_DOCUMENT_FROM' THEN 'plan' END AS role,
       a.uri AS agency, a.prefLabel AS agencyLabel
