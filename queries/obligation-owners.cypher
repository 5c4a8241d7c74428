// description: Who owns one obligation and who supports it, each with the text that assigns the role.
// params: obligation (iri)
// columns: role, agency, sourceText, obligationText
MATCH (o:Obligation {uri: $obligation})-[:HAS_ASSIGNMENT]->(a)-[:ROLE]->(r:Concept), (a)-[:AGENT]->(g)
RETURN r.prefLabel_en AS role, g.prefLabel AS agency, a.sourceText AS sourceText, o.sourceText AS obligationText
