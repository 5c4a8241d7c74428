// description: All obligations of one agency or group (by its label) across the cascade, split by role.
// params: agency (vi)
// columns: document, obligation, path, role
MATCH (d:PolicyDocument)-[:HAS_OBLIGATION]->(o:Obligation)-[r:LEAD_AGENCY|SUPPORTING_AGENCY|REQUIRES_DOCUMENT_FROM]->(a {prefLabel: $agency})
RETURN d.uri AS document, o.uri AS obligation, o.sectionPath AS path,
       CASE type(r) WHEN 'LEAD_AGENCY' THEN 'lead' WHEN 'SUPPORTING_AGENCY' THEN 'support' ELSE 'plan' END AS role
