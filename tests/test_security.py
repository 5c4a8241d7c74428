"""The attacks the service was found open to, replayed: each must be refused, with the status it gets."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.service import ServiceSettings, create_app
from conftest import Neo4jDatabase
from corpus import BASE
from loaders.projection import sync
from loaders.store import GraphStore
from queries import cypher_policy

FILE_READS = [
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 3",
    "load csv from 'file:///proc/self/environ' as row return row",
    "WITH 1 AS x LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS row RETURN row",
]
ADMIN = [
    "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW SETTINGS",
    "SHOW DATABASES",
    "SHOW USERS",
    "CALL dbms.listConfig()",
    "CALL dbms.security.listUsers()",
    "USE system SHOW DATABASES",
    "MATCH (n) RETURN n; MATCH (m) RETURN m",
    "CALL db.index.fulltext.queryNodes('x', 'y')",
    "EXPLAIN MATCH (n) RETURN n",
]
ALLOWED = [
    "MATCH (n:Agency) RETURN count(n) AS n",
    "CALL dbms.components() YIELD name RETURN name",
    "CALL db.labels() YIELD label RETURN label ORDER BY label",
    "MATCH (d:PolicyDocument) CALL (d) { MATCH (d)<-[:IMPLEMENTS]-(c) RETURN count(c) AS children } RETURN children",
    "// a comment naming LOAD CSV is no statement\nRETURN 'SHOW TRANSACTIONS' AS text",
]


@pytest.mark.parametrize("query", FILE_READS + ADMIN)
def test_the_policy_refuses_file_reads_admin_commands_and_unlisted_procedures(query: str) -> None:
    with pytest.raises(cypher_policy.CypherRefused):
        cypher_policy.check(query)


@pytest.mark.parametrize("query", ALLOWED)
def test_the_policy_lets_reads_and_listed_procedures_through(query: str) -> None:
    cypher_policy.check(query)


def test_cypher_attacks_are_refused_by_the_endpoint(sample_store: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    """Against a real Neo4j: every file read and admin command answers 400, reads and listed procedures answer."""
    neo4j_db.clear()
    sync(sample_store, neo4j_db.driver, neo4j_db.settings.database, BASE)
    client = TestClient(create_app(sample_store, ServiceSettings(row_limit=100, timeout=5), neo4j_db.settings))
    for query in FILE_READS + ADMIN:
        answer = client.post("/cypher", json={"query": query})
        assert answer.status_code == 400 and answer.json()["title"] == "Query Refused", query
        assert "root:" not in answer.text
    for query in ALLOWED:
        answer = client.post("/cypher", json={"query": query})
        assert answer.status_code == 200, (query, answer.text)


def test_the_managed_neo4j_refuses_file_urls_even_to_its_own_driver(neo4j_db: Neo4jDatabase) -> None:
    """The server the project starts is configured without file URLs for LOAD CSV (an external one is the
    operator's: SECURITY.md)."""
    if not neo4j_db.settings.managed:
        pytest.skip("an external Neo4j (NEO4J_URI) is configured by its operator")
    with pytest.raises(Exception) as refused:
        neo4j_db.driver.execute_query("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1")
    assert "file" in str(refused.value).lower()
