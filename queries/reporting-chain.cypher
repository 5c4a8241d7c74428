// description: The reporting chain one document sets up: who reports to whom, through whom, how often, by when.
// params: document (iri)
// columns: path, reporter, recipient, via, frequency, due
MATCH (:PolicyDocument {uri: $document})-[:HAS_REPORTING_DUTY]->(r:ReportingDuty)-[:RECIPIENT]->(c)
OPTIONAL MATCH (r)-[:REPORTER]->(p)
OPTIONAL MATCH (r)-[:VIA]->(v)
RETURN r.sectionPath AS path, p.prefLabel AS reporter, c.prefLabel AS recipient, v.prefLabel AS via,
       r.frequency AS frequency, r.dueDay AS due
