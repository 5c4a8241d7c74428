"""The REST resources as JSON-ready dicts: documents with their parts, obligations, agencies, cascades."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.store import GraphStore
from ontology import VC
from queries.read.describe import Props, conflicts, describe, describe_linked, is_a, labels, one
from queries.read.ids import Ids, concept
from queries.read.model import Agency, Document, ReadModel, Unit
from queries.read.report import path_key

ROLES = {"lead": "lead", "support": "support", "plan-issuer": "planIssuer", "requested": "requested"}
_SINGLE = ("documentNumber", "numberSuffix", "issuedOn", "title", "place", "issuedBy", "jurisdiction")


def source(props: Props) -> dict | None:
    """The exact source text a node was read from, with its offsets in the document's text."""
    text = one(props, "sourceText")
    if text is None:
        return None
    found = {"text": text, "start": one(props, "sourceStart"), "end": one(props, "sourceEnd")}
    location = one(props, "sourceLocation")
    if location is not None:  # read from a file other than plain text: the page, paragraph or table cell
        found["location"] = location
    return found


def unit_json(unit: Unit | None) -> dict | None:
    if unit is None:
        return None
    province = unit.province
    return {
        "label": unit.label,
        "level": unit.level,
        "code": unit.code,
        "province": {"label": province.label, "code": province.code} if province else None,
    }


@dataclass(frozen=True)
class Reader:
    """Reads resources (JSON-ready dicts) from the read model, and whole nodes from its store."""

    model: ReadModel

    @property
    def store(self) -> GraphStore:
        return self.model.store

    @property
    def ids(self) -> Ids:
        return self.model.ids

    def _refs(self, iris: Iterable, names: dict[str, str]) -> list[dict]:
        return [self.ids.ref(iri, names.get(iri)) for iri in iris]

    # -- lists ----------------------------------------------------------------------------------------

    def document_row(self, row: Document) -> dict:
        return {
            **self.ids.ref(row.iri, row.number or row.title),
            "type": row.type,
            "number": row.number,
            "title": row.title,
            "issuedOn": row.issued_on,
            "inCorpus": row.in_corpus,
            "issuer": row.issuer_label,
            "jurisdiction": unit_json(row.unit),
        }

    def agency_row(self, row: Agency) -> dict:
        return {
            **self.ids.ref(row.iri, row.label),
            "group": row.group,
            "kind": row.kind,
            "level": row.level,
            "altLabels": row.alt_labels,
            "groupSize": row.group_size,
            "jurisdiction": unit_json(row.unit),
        }

    # -- one document -------------------------------------------------------------------------------

    def document(self, iri: str) -> dict | None:
        """A document with its metadata, references, obligations with owners, targets, duties and issues."""
        props = describe(self.store, [iri]).get(iri, {})
        if not is_a(props, VC + "PolicyDocument"):
            return None
        parts = {
            kind: describe_linked(self.store, iri, f"vc:{kind}")
            for kind in ("hasObligation", "hasTarget", "hasReportingDuty", "hasReference", "hasIssue")
        }
        assignments = describe_linked(self.store, iri, "vc:hasObligation/vc:hasAssignment")
        linked = [
            v
            for p in [props, *(n for part in parts.values() for n in part.values()), *assignments.values()]
            for values in p.values()
            for v in values
        ]
        names = labels(self.store, (v for v in linked if isinstance(v, str) and v.startswith(self.ids.base)))
        by_obligation: dict[str, list[Props]] = {}
        for a_iri, node in assignments.items():
            by_obligation.setdefault(a_iri.rsplit("/assignment/", 1)[0], []).append(node)
        row = self.model.documents.get(iri)
        return {
            **self.ids.ref(iri, names.get(iri)),
            "iri": iri,
            "type": concept(one(props, "documentType") or ""),
            "number": one(props, "documentNumber"),
            "numberSuffix": one(props, "numberSuffix"),
            "title": one(props, "title"),
            "issuedOn": one(props, "issuedOn"),
            "place": one(props, "place"),
            "inCorpus": one(props, "inCorpus"),
            "issuer": self._refs(props.get("issuedBy", []), names)[0] if props.get("issuedBy") else None,
            "jurisdiction": unit_json(row.unit if row else None),
            "signer": one(props, "signer"),
            "signerPosition": one(props, "signerPosition"),
            "signingAuthority": one(props, "signingAuthority"),
            "sourceFile": one(props, "sourceFile"),
            "contentHash": one(props, "contentHash"),
            "sourceFormat": one(props, "sourceFormat"),
            "sourceEncoding": one(props, "sourceEncoding"),
            "fileDigest": one(props, "fileDigest"),
            "source": source(props),
            "conflicts": conflicts(props, _SINGLE),
            "implements": self._refs(props.get("implements", []), names),
            "basedOn": self._refs(props.get("basedOn", []), names),
            "cites": self._refs(props.get("cites", []), names),
            "implementedBy": [self.ids.ref(d, self.doc_label(d)) for d in self.model.down.get(iri, [])],
            "distributedTo": self._refs(props.get("distributedTo", []), names),
            "references": [self._reference(r, p, names) for r, p in sorted(parts["hasReference"].items())],
            "obligations": [
                self.obligation_json(o, p, by_obligation.get(o, []), names)
                for o, p in sorted(parts["hasObligation"].items(), key=_by_path)
            ],
            "targets": [self._target(t, p) for t, p in sorted(parts["hasTarget"].items(), key=_by_path)],
            "reportingDuties": [
                self._duty(d, p, names) for d, p in sorted(parts["hasReportingDuty"].items(), key=_by_path)
            ],
            "dataIssues": [
                {"id": self.ids.id_of(i), "code": one(p, "issueCode"), "note": one(p, "note")}
                for i, p in sorted(parts["hasIssue"].items())
            ],
            "links": {
                "text": f"/documents/{self.ids.id_of(iri)}/text",
                "cascade": f"/documents/{self.ids.id_of(iri)}/cascade",
                **({"original": f"/documents/{self.ids.id_of(iri)}/original"} if one(props, "fileDigest") else {}),
            },
        }

    def text(self, iri: str) -> str | None:
        """A document's canonical text (what provenance offsets index), None when it is known only from citations."""
        found = list(self.store.query(f"SELECT ?t WHERE {{ <{iri}> vc:text ?t }}"))
        return found[0][0].value if found else None

    def doc_label(self, iri: str) -> str | None:
        row = self.model.documents.get(iri)
        return (row.number or row.title) if row else None

    def _reference(self, iri: str, props: Props, names: dict[str, str]) -> dict:
        target = one(props, "toDocument")
        return {
            "id": self.ids.id_of(iri),
            "relation": concept(one(props, "relation") or ""),
            "document": self.ids.ref(target, names.get(target)) if target else None,
            "source": source(props),
        }

    def _target(self, iri: str, props: Props) -> dict:
        return {
            "id": self.ids.id_of(iri),
            "indicator": one(props, "indicator"),
            "value": one(props, "targetValue"),
            "unit": one(props, "unit"),
            "comparator": one(props, "comparator"),
            "year": one(props, "targetYear"),
            "sectionPath": one(props, "sectionPath"),
            "source": source(props),
        }

    def _duty(self, iri: str, props: Props, names: dict[str, str]) -> dict:
        return {
            "id": self.ids.id_of(iri),
            "reporter": self._refs(props.get("reporter", []), names),
            "recipient": self._refs(props.get("recipient", []), names),
            "via": self._refs(props.get("via", []), names),
            "frequency": one(props, "frequency"),
            "dueDay": one(props, "dueDay"),
            "sectionPath": one(props, "sectionPath"),
            "source": source(props),
        }

    def obligation_json(self, iri: str, props: Props, assignments: list[Props], names: dict[str, str]) -> dict:
        """An obligation with its owners by role, each with the words that name it."""
        owners: dict[str, list[dict]] = {role: [] for role in ROLES.values()}
        for node in sorted(assignments, key=lambda n: (one(n, "sourceStart") or 0, one(n, "agent") or "")):
            agent = one(node, "agent")
            if agent is not None:
                role = ROLES.get(concept(one(node, "role") or ""), "lead")
                owners[role].append({**self.ids.ref(agent, names.get(agent)), "source": source(node)})
        return {
            **self.ids.ref(iri, one(props, "title")),
            "sectionPath": one(props, "sectionPath"),
            "kind": one(props, "obligationKind"),
            "title": one(props, "title"),
            "timeframe": one(props, "timeframe"),
            "requestedOnly": bool(one(props, "requestedOnly")),
            **owners,
            "source": source(props),
        }

    # -- one obligation -----------------------------------------------------------------------------

    def obligation(self, iri: str) -> dict | None:
        """An obligation with its owners, source text, document, enclosing obligation and the ones within it."""
        document = iri.rsplit("/obligation/", 1)[0]
        props = describe(self.store, [iri]).get(iri, {})
        if not is_a(props, VC + "Obligation"):
            return None
        assignments = describe_linked(self.store, iri, "vc:hasAssignment")
        siblings = describe_linked(self.store, document, "vc:hasObligation")
        path = one(props, "sectionPath") or ""
        enclosing = [o for o, p in siblings.items() if _encloses(one(p, "sectionPath") or "", path)]
        parent = max(enclosing, key=lambda o: len(one(siblings[o], "sectionPath") or ""), default=None)
        within = sorted(
            (o for o, p in siblings.items() if _encloses(path, one(p, "sectionPath") or "")),
            key=lambda o: path_key(one(siblings[o], "sectionPath") or ""),
        )
        agents = [one(n, "agent") for n in assignments.values()]
        upstream = props.get("derivedFrom", [])
        names = labels(self.store, [document, *agents, *upstream])
        return {
            **self.obligation_json(iri, props, list(assignments.values()), names),
            "document": self.ids.ref(document, names.get(document)),
            "parent": self._obligation_ref(parent, siblings) if parent else None,
            "children": [self._obligation_ref(o, siblings) for o in within],
            "derivedFrom": self._refs(upstream, names),
        }

    def _obligation_ref(self, iri: str, siblings: dict[str, Props]) -> dict:
        return {**self.ids.ref(iri, one(siblings[iri], "title")), "sectionPath": one(siblings[iri], "sectionPath")}

    # -- an agency's obligations --------------------------------------------------------------------

    def agency(self, iri: str) -> dict | None:
        row = self.model.agencies.get(iri)
        if row is None:
            return None
        props = describe(self.store, [iri]).get(iri, {})
        linked = [*props.get("member", []), *props.get("subOrganizationOf", [])]
        groups = [g for (g,) in self.store.query(f"SELECT ?g WHERE {{ ?g vc:member <{iri}> }} ORDER BY ?g")]
        names = labels(self.store, [*linked, *(g.value for g in groups)])
        return {
            **self.agency_row(row),
            "iri": iri,
            "vague": one(props, "vague"),
            "memberLevel": one(props, "memberLevel"),
            "memberKind": concept(one(props, "memberKind") or "") or None,
            "members": self._refs(props.get("member", []), names),
            "memberOf": self._refs((g.value for g in groups), names),
            "subOrganizationOf": self._refs(props.get("subOrganizationOf", []), names),
            "links": {"obligations": f"/agencies/{self.ids.id_of(iri)}/obligations"},
        }

    def agency_obligations(self, iri: str) -> dict[str, list[dict]]:
        """Every obligation naming the agency across the cascade, by role; through a group it belongs to, too."""
        rows = self.store.query(f"""SELECT ?o ?role ?via ?path ?title ?doc WHERE {{
              {{ ?a vc:agent <{iri}> }} UNION {{ ?via vc:member <{iri}> . ?a vc:agent ?via }}
              ?o vc:hasAssignment ?a . ?a vc:role ?role . ?o vc:sectionPath ?path .
              ?doc vc:hasObligation ?o OPTIONAL {{ ?o dct:title ?title }} }} ORDER BY ?doc ?path ?role""")
        found: dict[str, list[dict]] = {role: [] for role in ROLES.values()}
        seen: set[tuple[str, str]] = set()
        for o, role, via, path, title, doc in rows:
            name = ROLES.get(concept(role.value), "lead")
            if (o.value, name) in seen:
                continue
            seen.add((o.value, name))
            found[name].append(
                {
                    **self.ids.ref(o.value, title.value if title else None),
                    "sectionPath": path.value,
                    "document": self.ids.ref(doc.value, self.doc_label(doc.value)),
                    "viaGroup": self.ids.ref(via.value, self.model.agencies[via.value].label)
                    if via is not None and via.value in self.model.agencies
                    else None,
                }
            )
        return found

    # -- cascade ------------------------------------------------------------------------------------

    def cascade(self, iri: str, direction: str, depth: int) -> dict:
        """The documents below (or above) one document through vn:implements, breadth first, to `depth` steps."""
        edges_of = self.model.down if direction == "down" else self.model.up
        seen, queue, nodes, edges = {iri: 0}, deque([iri]), [], []
        while queue:
            current = queue.popleft()
            if seen[current] >= depth:
                continue
            for nxt in edges_of.get(current, []):
                edges.append(
                    {
                        "from": self.ids.id_of(nxt if direction == "down" else current),
                        "to": self.ids.id_of(current if direction == "down" else nxt),
                        "relation": "implements",
                    }
                )
                if nxt not in seen:
                    seen[nxt] = seen[current] + 1
                    queue.append(nxt)
                    nodes.append({**self._cascade_node(nxt), "depth": seen[nxt]})
        return {
            "root": self._cascade_node(iri),
            "direction": direction,
            "depth": depth,
            "documents": nodes,
            "edges": edges,
        }

    def _cascade_node(self, iri: str) -> dict:
        row = self.model.documents.get(iri)
        return self.document_row(row) if row else self.ids.ref(iri)


def _by_path(item: tuple[str, Props]) -> tuple:
    return path_key(one(item[1], "sectionPath") or ""), item[0]


def _encloses(outer: str, inner: str) -> bool:
    """True when section `outer` strictly contains section `inner` (III contains III.1 and III.1.p2)."""
    return bool(outer) and inner.startswith(outer + ".")
