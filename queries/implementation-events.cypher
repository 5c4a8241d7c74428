// description: Implementation events recorded about reporting duties, obligations and documents (a report received, an obligation reported done, a plan issued): the kind, the day, who recorded it, the unit that acted, the evidence document, and the later event that retracts it, if any.
// columns: event, kind, concerns, occurredOn, recordedBy, actor, evidenceDocument, inferred, retractedBy
MATCH (e:ImplementationEvent)-[:EVENT_KIND]->(k:Concept), (e)-[:CONCERNS]->(c)
OPTIONAL MATCH (e)-[:ACTOR]->(a)
OPTIONAL MATCH (e)-[:EVIDENCE_DOCUMENT]->(d)
OPTIONAL MATCH (r:ImplementationEvent)-[:RETRACTS]->(e)
RETURN e.uri AS event, k.notation AS kind, c.uri AS concerns, e.occurredOn AS occurredOn, e.recordedBy AS recordedBy,
       a.uri AS actor, d.uri AS evidenceDocument, e.matchInferred AS inferred, r.uri AS retractedBy
