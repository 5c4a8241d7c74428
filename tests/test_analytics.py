"""Graph analytics over the cascade: depths, orphaned subtrees, agency load, responsibility paths."""

from __future__ import annotations

import json

import pytest
from corpus import BAC_AI, BASE, BLOC, LAI_CHAU, TAN_BINH
from synthetic_plans import SyntheticPlan, corpus

from loaders.errors import NotFound
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from ontology import sparql_prefixes
from queries.audit.analytics import agency_load, cascade_graph, chain_depths, orphaned_subtrees, responsibility_path
from queries.read.model import ReadModel

DIRECTIVE = BASE + "doc/central/2023/28-ct-tw"


@pytest.fixture(scope="module")
def context(sample_store: GraphStore) -> ReadModel:
    return ReadModel(sample_store)


def ingested(context: ReadModel) -> dict[str, str]:
    """File name -> the IRI of the document ingested from it."""
    return {name: d for d, name in context.rows("SELECT ?d ?f WHERE { ?d vc:sourceFile ?f }")}


def document_of(context: ReadModel, name: str) -> str:
    return ingested(context)[name]


def by_iri(items: list[dict]) -> dict[str, dict]:
    return {item["iri"]: item for item in items}


# -- the four samples -----------------------------------------------------------------------------------


def test_cascade_graph_marks_relations_shortcuts_and_corpus(context: ReadModel) -> None:
    g = cascade_graph(context)
    tan_binh, lai_chau = document_of(context, TAN_BINH), document_of(context, LAI_CHAU)
    programme = BASE + "doc/unit-12/2024/48-ctr-tu"
    assert g.nodes[tan_binh] == {"label": context.label(tan_binh), "inCorpus": True, "level": "district"}
    assert g.nodes[DIRECTIVE]["inCorpus"] is False and g.nodes[DIRECTIVE]["level"] == "central"
    assert g.edges[tan_binh, BASE + "doc/unit-79/2024/33-ct-tu"]["relation"] == "implements"
    assert g.edges[tan_binh, DIRECTIVE]["relation"] == "basedOn"
    assert not g.edges[lai_chau, programme]["shortcut"] and g.edges[lai_chau, DIRECTIVE]["shortcut"]
    assert not any(data["cycle"] for _, _, data in g.edges(data=True))
    g.remove_node(DIRECTIVE)
    assert DIRECTIVE in cascade_graph(context), "callers get a copy"


def test_chain_depths_on_samples(context: ReadModel) -> None:
    depths = chain_depths(context)
    json.dumps(depths)
    assert [r["label"] for r in depths["roots"]] == ["28-CT/TW"]
    assert depths["maxDepth"] == 2 and depths["cycles"] == []
    docs = by_iri(depths["documents"])
    lai_chau = docs[document_of(context, LAI_CHAU)]
    assert (lai_chau["longest"], lai_chau["shortest"]) == (2, 1), "via 48-CTr/TU, and directly"
    for name in (TAN_BINH, BAC_AI, BLOC, LAI_CHAU):
        assert docs[document_of(context, name)]["inCorpus"]
    tan_binh = by_iri(depths["leaves"])[document_of(context, TAN_BINH)]
    assert [step["label"] for step in tan_binh["chain"]] == ["28-CT/TW", "33-CT/TU", tan_binh["label"]]
    assert [step["inCorpus"] for step in tan_binh["chain"]] == [False, False, True]
    assert tan_binh["depth"] == 2


def test_unknown_root_number_is_refused(context: ReadModel) -> None:
    with pytest.raises(NotFound, match="99-CT/TW"):
        chain_depths(context, "99-CT/TW")


def test_orphaned_subtrees_name_the_cited_only_parents(context: ReadModel) -> None:
    orphans = orphaned_subtrees(context)
    json.dumps(orphans)
    found = {o["missing"]["label"]: o for o in orphans}
    assert set(found) == {"33-CT/TU", "48-CTr/TU", "273-KH/TU", "181-KH/TU"}
    assert all(o["reachesRoot"] and not o["missing"]["inCorpus"] for o in orphans)
    expected = {"33-CT/TU": TAN_BINH, "48-CTr/TU": LAI_CHAU, "273-KH/TU": BAC_AI, "181-KH/TU": BLOC}
    for number, name in expected.items():
        assert [(d["iri"], d["depth"]) for d in found[number]["documents"]] == [(document_of(context, name), 1)]


def test_agency_load_ranks_the_busiest_department_first(context: ReadModel) -> None:
    load = agency_load(context)
    json.dumps(load)
    top = load[0]
    assert top["label"] == "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"
    ((lead, support),) = context.rows(f"""SELECT (COUNT(DISTINCT ?l) AS ?lead) (COUNT(DISTINCT ?s) AS ?support) WHERE {{
          {{ ?l vc:leadAgency <{top["iri"]}> MINUS {{ ?l vc:inferredLeadAgency <{top["iri"]}> }} }}
          UNION {{ ?s vc:supportingAgency <{top["iri"]}> }} }}""")
    assert (top["direct"]["lead"], top["direct"]["support"]) == (int(lead), int(support))
    assert top["direct"]["lead"] > 0 and top["direct"]["support"] > 0 and top["documents"] == 1
    assert top["direct"]["total"] >= max(top["direct"]["lead"], top["direct"]["support"])
    totals = [(a["direct"]["total"], a["direct"]["lead"]) for a in load]
    assert totals == sorted(totals, reverse=True)
    groups = {g for (g,) in context.rows("SELECT ?g WHERE { ?g a vc:AgencyGroup }")}
    assert not groups & {a["iri"] for a in load}


def test_agency_load_counts_group_membership_apart(context: ReadModel) -> None:
    ward = next(a for a in agency_load(context) if a["label"] == "Ủy ban nhân dân Phường 1, quận Tân Bình")
    assert ward["direct"]["total"] == 0 and ward["documents"] == 0
    assert [g["label"] for g in ward["groups"]] == ["Ủy ban nhân dân 15 phường (quận Tân Bình)"]
    group = ward["groups"][0]["iri"]
    ((support,),) = context.rows(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o vc:supportingAgency <{group}> }}")
    assert ward["viaGroup"]["support"] == int(support) > 0
    assert ward["viaGroup"]["planIssuer"] > 0


def test_responsibility_path_to_a_lai_chau_obligation(context: ReadModel) -> None:
    plan = document_of(context, LAI_CHAU)
    obligation = context.rows(f'SELECT ?o WHERE {{ <{plan}> vc:hasObligation ?o . ?o vc:sectionPath "V.2" }}')[0][0]
    path = responsibility_path(context, obligation)
    json.dumps(path)
    assert [(s["label"], s["kind"], s["relation"]) for s in path] == [
        ("28-CT/TW", "document", None),
        ("48-CTr/TU", "document", "implements"),
        (context.label(plan), "document", "implements"),
        (path[3]["label"], "obligation", "hasObligation"),
        ("Sở Giáo dục và Đào tạo tỉnh Lai Châu", "agency", "leadAgency"),
    ]
    assert path[3]["iri"] == obligation and path[3]["label"].startswith("V.2 ")


def test_responsibility_path_unreachable_or_unknown(context: ReadModel) -> None:
    plan = document_of(context, LAI_CHAU)
    obligation = context.rows(f"SELECT ?o WHERE {{ <{plan}> vc:hasObligation ?o }} LIMIT 1")[0][0]
    assert responsibility_path(context, obligation, root_number="830/QĐ-TTg") is None
    with pytest.raises(NotFound, match="no obligation"):
        responsibility_path(context, BASE + "doc/none/obligation/i-1")
    with pytest.raises(ValueError, match="Invalid IRI"):
        responsibility_path(context, obligation + "> } #")


# -- a synthetic corpus whose cascade the generator states -------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReadModel, list[SyntheticPlan]]:
    plans = corpus(16, seed=7)
    path = tmp_path_factory.mktemp("synthetic") / "store"
    rebuild(path, [build(parse(decode(p.text.encode(), p.name)), BASE) for p in plans])
    return ReadModel(GraphStore(path)), plans


def test_synthetic_depths_match_the_generator(synthetic: tuple[ReadModel, list[SyntheticPlan]]) -> None:
    context, plans = synthetic
    iri = ingested(context)
    programme = plans[0].expected.implements[0]
    provinces = [p for p in plans if p.expected.implements == [programme]]
    expected = {iri[p.name]: (1, 1) for p in provinces}
    expected |= {iri[p.name]: (2, 2) for p in plans for q in provinces if p.expected.implements == [q.expected.number]}
    assert len(expected) > 3
    depths = chain_depths(context, programme)
    assert {d["iri"]: (d["longest"], d["shortest"]) for d in depths["documents"]} == expected
    party = [p for p in plans if "28-CT/TW" in p.expected.implements]
    assert party, "the seed yields district party plans"
    below_directive = by_iri(chain_depths(context)["documents"])
    for plan in party:
        assert (below_directive[iri[plan.name]]["longest"], below_directive[iri[plan.name]]["shortest"]) == (2, 1)


def test_synthetic_orphans_and_paths(synthetic: tuple[ReadModel, list[SyntheticPlan]]) -> None:
    context, plans = synthetic
    iri = ingested(context)
    first = plans[0]
    orphan = next(
        o
        for o in orphaned_subtrees(context)
        if o["missing"]["label"] == first.expected.implements[0] and iri[first.name] in by_iri(o["documents"])
    )
    assert not orphan["reachesRoot"], "a provincial programme the generator never links to Directive 28"
    children = [p for p in plans if p.expected.implements == [first.expected.number]]
    assert {d["iri"]: d["depth"] for d in orphan["documents"]} == {iri[first.name]: 1} | {
        iri[p.name]: 2 for p in children
    }
    child = children[0]
    obligation = context.rows(
        f'SELECT ?o WHERE {{ <{iri[child.name]}> vc:hasObligation ?o . ?o vc:sectionPath "II.1" }}'
    )[0][0]
    path = responsibility_path(context, obligation, root_number=first.expected.implements[0])
    assert [s["iri"] for s in path[1:3]] == [iri[first.name], iri[child.name]]
    assert path[-1]["label"] == child.expected.leads["II.1"][0]
    assert responsibility_path(context, obligation) is None, "the programme does not reach Directive 28"


# -- a hand-made graph with a shortcut, a two-document cycle and a self-loop ---------------------------------


def test_cycles_are_reported_and_survived(store: GraphStore) -> None:
    docs = {
        "r": ("28-CT/TW", False),
        "a": ("1-A", False),
        "b": ("2-B", True),
        "c": ("3-C", True),
        "e": ("5-E", True),
        "f": ("6-F", True),
        "g": ("7-G", True),
    }
    implements = ["a r", "b a", "b r", "c b", "e f", "f e", "f a", "g g", "g c"]
    iri = {k: f"{BASE}doc/test/{k}" for k in docs}
    triples = [
        f'<{iri[k]}> a vc:PolicyDocument ; vc:documentType vc:doctype-plan ; vc:documentNumber "{number}" ; '
        f"vc:inCorpus {str(ingested).lower()} ."
        for k, (number, ingested) in docs.items()
    ]
    triples += [f"<{iri[c]}> vc:implements <{iri[p]}> ." for c, p in (e.split() for e in implements)]
    triples += [f"<{iri['b']}> vc:basedOn <{iri['a']}> .", f"<{iri['c']}> vc:basedOn <{iri['r']}> ."]
    store.store.update(sparql_prefixes() + "INSERT DATA {\n" + "\n".join(triples) + "\n}")
    context = ReadModel(store)
    g = cascade_graph(context)
    assert g.edges[iri["b"], iri["r"]]["shortcut"]
    assert g.edges[iri["b"], iri["a"]]["relation"] == "implements", "implements wins over basedOn"
    assert g.edges[iri["c"], iri["r"]]["relation"] == "basedOn"
    assert {(c, p) for c, p, d in g.edges(data=True) if d["cycle"]} == {
        (iri[c], iri[p]) for c, p in (("e", "f"), ("f", "e"), ("g", "g"))
    }
    depths = chain_depths(context)
    got = {d["label"]: (d["longest"], d["shortest"]) for d in depths["documents"]}
    assert got == {"1-A": (1, 1), "2-B": (2, 1), "3-C": (3, 2), "6-F": (2, 2), "5-E": (3, 3), "7-G": (4, 3)}
    assert [[s["label"] for s in cycle] for cycle in depths["cycles"]] == [["5-E", "6-F"], ["7-G"]]
    assert {leaf["label"]: [s["label"] for s in leaf["chain"]] for leaf in depths["leaves"]} == {
        "5-E": ["28-CT/TW", "1-A", "6-F", "5-E"],
        "7-G": ["28-CT/TW", "1-A", "2-B", "3-C", "7-G"],
    }
    (orphan,) = orphaned_subtrees(context)
    assert orphan["missing"]["label"] == "1-A" and orphan["reachesRoot"]
    assert {d["label"]: d["depth"] for d in orphan["documents"]} == {"2-B": 1, "6-F": 1, "3-C": 2, "5-E": 2, "7-G": 3}
