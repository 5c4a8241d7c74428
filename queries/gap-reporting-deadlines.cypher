// description: Reports due (--MM-DD) after the day their recipient, or the unit they go through ('qua …'), must itself report on, as itself or as a member of a group: the two duties.
// columns: document, duty, reporter, recipient, due, onwardDocument, onwardDuty, onwardReporter, onwardRecipient, onwardDue
MATCH (d:PolicyDocument {inCorpus: true})-[:HAS_REPORTING_DUTY]->(r:ReportingDuty)-[:REPORTER]->(p), (r)-[:RECIPIENT]->(c)
WHERE r.dueDay IS NOT NULL
MATCH (r)-[:RECIPIENT|VIA]->(n)
WHERE n = c OR (r)-[:VIA]->(n)
MATCH (n)<-[:MEMBER*0..1]-(q)<-[:REPORTER]-(r2:ReportingDuty)<-[:HAS_REPORTING_DUTY]-(d2:PolicyDocument {inCorpus: true}),
      (r2)-[:RECIPIENT]->(c2)
WHERE r2.dueDay IS NOT NULL AND r.dueDay > r2.dueDay
RETURN DISTINCT d.uri AS document, r.uri AS duty, p.uri AS reporter, c.uri AS recipient, r.dueDay AS due,
       d2.uri AS onwardDocument, r2.uri AS onwardDuty, q.uri AS onwardReporter, c2.uri AS onwardRecipient,
       r2.dueDay AS onwardDue
