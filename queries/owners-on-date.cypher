// description: Who holds each duty of one obligation on a day: the agency as written and, after the 2025 reorganisation, the bodies that took it over (a split gives each with its share of the area, an ambiguous change its candidates), with the legal basis.
// params: obligation (iri), date (date)
// columns: role, written, writtenLabel, owner, ownerLabel, share, resolution, since, basis
MATCH (o:Obligation {uri: $obligation})-[:HAS_ASSIGNMENT]->(a)-[:ROLE]->(r:Concept), (a)-[:AGENT]->(w)
OPTIONAL MATCH (a)-[:SUCCESSION]->(:Succession)-[:OWNERSHIP_PERIOD]->(p:OwnershipPeriod)
  WHERE p.validFrom <= $date AND (p.validUntil IS NULL OR p.validUntil > $date)
OPTIONAL MATCH (p)-[:OWNER_SHARE]->(s:OwnerShare)-[:AGENT]->(heir)
WITH r, w, p, s, CASE WHEN p IS NULL THEN w ELSE heir END AS owner
RETURN r.prefLabel_en AS role, w.uri AS written, w.prefLabel AS writtenLabel, owner.uri AS owner,
       owner.prefLabel AS ownerLabel, s.areaShare AS share, coalesce(p.resolution, 'unchanged') AS resolution,
       p.validFrom AS since, p.basisNumbers AS basis
ORDER BY role, writtenLabel, ownerLabel
