"""SHACL validation of the built graph with pySHACL: violations are defects, warnings are source gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import rdflib
from pyshacl import validate as shacl_validate

from loaders.store import GraphStore
from ontology import SHAPES_FILE

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Finding:
    """One SHACL result."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str | None
    message: str


@dataclass
class Report:
    """The outcome of validating the store."""

    findings: list[Finding]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        """True when nothing is malformed (warnings about source gaps are allowed)."""
        return not self.violations

    def summary(self) -> Counter[tuple[str, str]]:
        return Counter((f.severity, f.message) for f in self.findings)


def _plain(term: rdflib.term.Node) -> rdflib.term.Node:
    """xsd:string literals as plain literals (the same in RDF 1.1; rdflib compares them as different)."""
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(term))
    return term


def validate(store: GraphStore) -> Report:
    """Run the shapes in ontology/shapes.ttl over the merged graph."""
    shapes = rdflib.Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")
    data = rdflib.Graph()
    for s, p, o in store.rdflib_graph():
        data.add((s, p, _plain(o)))
    _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    findings = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(result, SH.resultPath)
        findings.append(
            Finding(
                severity,
                str(results.value(result, SH.focusNode)),
                str(path) if path is not None else None,
                str(results.value(result, SH.resultMessage)),
            )
        )
    return Report(sorted(findings, key=lambda f: (f.severity, f.message, f.focus)))
