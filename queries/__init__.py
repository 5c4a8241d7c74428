"""Saved SPARQL queries shipped with vn-cascade, loaded by name ('targets' -> targets.rq)."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def names() -> list[str]:
    """Names of the shipped SPARQL queries."""
    return sorted(p.stem for p in HERE.glob("*.rq"))


def load(name: str) -> str:
    """The text of a shipped query; KeyError when there is none of that name."""
    path = HERE / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(names())}")
    return path.read_text(encoding="utf-8")


def description(name: str) -> str:
    """The first comment line of a query file."""
    first = load(name).splitlines()[0]
    return first.lstrip("# ").strip() if first.startswith("#") else ""
