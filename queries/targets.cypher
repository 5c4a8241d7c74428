// description: Numeric targets by year and indicator, with the document that sets them and the source text.
// columns: doc, year, indicator, comparator, value, unit, sourceText
MATCH (d:PolicyDocument)-[:HAS_TARGET]->(t:Target)
RETURN d.uri AS doc, t.targetYear AS year, t.indicator AS indicator, t.comparator AS comparator,
       t.targetValue AS value, t.unit AS unit, t.sourceText AS sourceText
