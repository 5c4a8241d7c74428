"""The Fuseki wing: the supervisor of a local Apache Jena Fuseki (TDB2), its SPARQL 1.1 client, and the publishing
of the store onto it."""
