// description: Reporting duties of every document: reporter -> recipient (via), frequency and due day.
// columns: doc, reporter, recipient, via, frequency, due
MATCH (d:PolicyDocument)-[:HAS_REPORTING_DUTY]->(r:ReportingDuty)-[:RECIPIENT]->(c)
OPTIONAL MATCH (r)-[:REPORTER]->(p)
OPTIONAL MATCH (r)-[:VIA]->(v)
RETURN d.uri AS doc, p.prefLabel AS reporter, c.prefLabel AS recipient, v.prefLabel AS via,
       r.frequency AS frequency, r.dueDay AS due
