"""What read-only Cypher may say: an allow-list of clauses and procedures, checked before the query reaches Neo4j.

The check is lexical and strict: comments and string literals are blanked, then every keyword must be one a read
over the data graph uses. Whatever passes is then planned with EXPLAIN and refused unless Neo4j calls it a read.
"""

from __future__ import annotations

import re

# Clauses a read may open with, and read-only keywords anywhere.
OPENERS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
# Keywords that write, administer, reach outside the data (files, other databases) or run several statements.
FORBIDDEN = frozenset(
    {
        "LOAD",
        "CSV",
        "USE",
        "SHOW",
        "TERMINATE",
        "GRANT",
        "DENY",
        "REVOKE",
        "CREATE",
        "MERGE",
        "DELETE",
        "DETACH",
        "SET",
        "REMOVE",
        "DROP",
        "ALTER",
        "RENAME",
        "FOREACH",
        "START",
        "STOP",
        "ENABLE",
        "DEALLOCATE",
        "REALLOCATE",
        "PERIODIC",
        "TRANSACTIONS",
        "EXPLAIN",
        "PROFILE",
        "CYPHER",
        "FINISH",
        "INSERT",
    }
)
# Procedures that only describe the data graph or the server's version.
PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "dbms.components",
    }
)

_BLANKED = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PROCEDURE = re.compile(r"\bCALL\s+(?P<name>[A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)\s*(?=\(|YIELD\b|$|\s)", re.I)


class CypherRefused(ValueError):
    """A query the read-only endpoint does not run, with the reason in words."""


def procedures(text: str) -> set[str]:
    """The procedures a query calls, lower-cased ('dbms.components')."""
    bare = _BLANKED.sub(lambda m: " " * len(m.group()), text)
    return {re.sub(r"\s+", "", call.group("name")).lower() for call in _PROCEDURE.finditer(bare)}


def check(text: str) -> None:
    """Raise CypherRefused unless the query is one read statement over the data graph."""
    bare = _BLANKED.sub(lambda m: " " * len(m.group()), text)
    if ";" in bare.rstrip().rstrip(";"):
        raise CypherRefused("one statement at a time: remove the ';' between statements")
    words = [w.upper() for w in _WORD.findall(bare)]
    if not words:
        raise CypherRefused("the query is empty")
    if words[0] not in OPENERS:
        raise CypherRefused(f"a read starts with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL, not {words[0]}")
    refused = sorted(set(words) & FORBIDDEN)
    if refused:
        raise CypherRefused(
            f"this endpoint runs reads over the data graph only; not allowed here: {', '.join(refused)}"
        )
    for name in sorted(procedures(text) - PROCEDURES):
        raise CypherRefused(f"procedure {name} is not on the read-only list ({', '.join(sorted(PROCEDURES))})")
