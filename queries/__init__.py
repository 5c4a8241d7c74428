"""The query catalogue: named queries, each a SPARQL file (.rq) and a Cypher file (.cypher) with the same
parameters and result columns. Analysts add their own by putting files in a folder named by VN_CASCADE_QUERIES
(several folders separated by the path separator); a file there replaces a shipped one of the same name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders import config
from loaders.errors import InvalidRequest, NotFound

HERE = Path(__file__).resolve().parent
_HEADER = re.compile(r"^\s*(?:#|//)\s*(description|params|columns)\s*:\s*(.*?)\s*$")


class CatalogueError(InvalidRequest):
    """A query file is malformed or its two engines disagree about parameters or columns."""


@dataclass(frozen=True)
class Param:
    """A query parameter: a plain string, an IRI (`iri`), a Vietnamese label (`vi`, bound as "…"@vi) or a day (`date`,
    YYYY-MM-DD, bound as xsd:date in SPARQL and a date in Cypher)."""

    name: str
    kind: str = "string"


@dataclass(frozen=True)
class Query:
    """One named query with its text for each engine it has."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    sparql: str | None
    cypher: str | None


def folders() -> list[Path]:
    """The shipped folder, then the analysts' folders from VN_CASCADE_QUERIES."""
    return [HERE, *config.settings().query_folders]


def _header(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if not m:
            break
        found[m.group(1)] = m.group(2)
    if "description" not in found or "columns" not in found:
        raise CatalogueError(f"{path}:1: a query file starts with '# description: …' and '# columns: …' lines")
    return found


def _params(text: str) -> tuple[Param, ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        m = re.fullmatch(r"(\w+)(?:\s*\((iri|vi|date)\))?", part)
        if not m:
            raise CatalogueError(
                f"bad parameter declaration {part!r}: use 'name', 'name (iri)', 'name (vi)' or 'name (date)'"
            )
        out.append(Param(m.group(1), m.group(2) or "string"))
    return tuple(out)


def _load(name: str, files: dict[str, Path]) -> Query:
    headers = {suffix: _header(path) for suffix, path in files.items()}
    first = next(iter(headers.values()))
    for suffix, header in headers.items():
        if header.get("params", "") != first.get("params", "") or header["columns"] != first["columns"]:
            raise CatalogueError(f"{files[suffix]}: parameters or columns differ from the other engine's file")
    texts = {suffix: path.read_text(encoding="utf-8") for suffix, path in files.items()}
    return Query(
        name,
        first["description"],
        _params(first.get("params", "")),
        tuple(c.strip() for c in first["columns"].split(",")),
        texts.get(".rq"),
        texts.get(".cypher"),
    )


@lru_cache(maxsize=1024)
def _loaded(name: str, files: tuple[tuple[str, Path, int, int], ...]) -> Query:
    """A query read from its (suffix, path, modification time, size) files; cached, so a file is read again
    only once it changed."""
    return _load(name, {suffix: path for suffix, path, _, _ in files})


def catalogue() -> dict[str, Query]:
    """Every query by name (analysts' files override shipped ones), as the files are now."""
    files: dict[str, dict[str, Path]] = {}
    for folder in folders():
        for path in sorted(folder.glob("*")):
            if path.suffix in (".rq", ".cypher"):
                files.setdefault(path.stem, {})[path.suffix] = path
    return {
        name: _loaded(
            name,
            tuple((suffix, path, (info := path.stat()).st_mtime_ns, info.st_size) for suffix, path in found.items()),
        )
        for name, found in sorted(files.items())
    }


def get(name: str) -> Query:
    """One query; NotFound naming the known ones when there is none of that name."""
    queries = catalogue()
    if name not in queries:
        raise NotFound(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def names() -> list[str]:
    return list(catalogue())


def load(name: str) -> str:
    """The SPARQL text of a named query."""
    query = get(name)
    if query.sparql is None:
        raise InvalidRequest(f"query {name!r} has no SPARQL version")
    return query.sparql


def description(name: str) -> str:
    return get(name).description
