// description: Who leads each numbered task of the plans one agency issued (by the issuer's label), with the timeframe.
// params: issuer (vi)
// columns: document, path, title, lead, timeframe
MATCH (i {prefLabel: $issuer})<-[:ISSUED_BY]-(d:PolicyDocument)-[:HAS_OBLIGATION]->(o:Obligation {obligationKind: 'task'}),
      (o)-[:LEAD_AGENCY]->(l)
RETURN d.uri AS document, o.sectionPath AS path, o.title AS title, l.prefLabel AS lead, o.timeframe AS timeframe
