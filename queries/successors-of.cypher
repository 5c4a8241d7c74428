// description: What became of an agency (or administrative unit) in the 2025 reorganisation: every change along its successor chain with its kind, effective date, the one function it moved (if any), each successor with its share of the area, whether the successors are alternatives, the legal basis and how sure the source is.
// params: agency (iri)
// columns: original, originalLabel, event, kind, effective, function, successor, successorLabel, share, candidates, basis, confidence
MATCH (a:Resource {uri: $agency})
MATCH (a)-[:CHANGED_BY|RESULTING_ORGANIZATION*0..]->(original)-[:CHANGED_BY]->(event:ChangeEvent)
WITH DISTINCT original, event
MATCH (event)-[:CHANGE_KIND]->(k:Concept)
OPTIONAL MATCH (event)-[:TRANSFERRED_FUNCTION]->(f:Concept)
OPTIONAL MATCH (event)-[:RESULTING_ORGANIZATION]->(successor)
OPTIONAL MATCH (event)-[:RESULT_SHARE]->(s:OwnerShare)-[:AGENT]->(successor)
RETURN original.uri AS original, original.prefLabel AS originalLabel, event.uri AS event, k.notation AS kind,
       event.effectiveDate AS effective, f.notation AS function, successor.uri AS successor,
       successor.prefLabel AS successorLabel, s.areaShare AS share, coalesce(event.candidateResults, false) AS candidates,
       event.basisNumbers AS basis, event.confidence AS confidence
ORDER BY effective, originalLabel, successorLabel
