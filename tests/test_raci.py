"""The RACI matrix: every assignment of the graph in its cell, Vietnamese order, groups expanded, scopes, and the
XLSX and CSV read back the way staff open them (CLI and REST)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner
from corpus import BASE, LOCAL
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders.collation import vi_key
from loaders.errors import InvalidRequest
from loaders.store import GraphStore, backup
from queries.read import raci
from queries.read.ids import concept
from queries.read.model import ReadModel
from visualizations import raci_workbook

TAN_BINH_WARDS = "Ủy ban nhân dân 15 phường"


@pytest.fixture(scope="module")
def model(sample_store: GraphStore) -> ReadModel:
    return ReadModel(sample_store, BASE)


@pytest.fixture(scope="module")
def corpus(model: ReadModel) -> raci.Raci:
    return raci.for_scope(model, None, expand_groups=True)


def assignments(model: ReadModel) -> set[tuple[str, str, str]]:
    """(obligation, agent, role) of every assignment in the store, read straight from the graph."""
    rows = model.rows(
        "SELECT ?o ?a ?r WHERE { ?d vc:hasObligation ?o . ?o vc:hasAssignment ?x . ?x vc:agent ?a ; vc:role ?r }"
    )
    return {(o, a, concept(r)) for o, a, r in rows}


def test_vietnamese_order_puts_letters_and_numbers_where_a_reader_expects() -> None:
    words = ["Phường 10", "Ủy ban", "Đoàn", "Ân", "Dân", "Phường 2", "Ăn", "An", "Ơ", "Ô", "Ư", "U"]
    assert sorted(words, key=vi_key) == [
        "An",
        "Ăn",
        "Ân",
        "Dân",
        "Đoàn",
        "Ô",
        "Ơ",
        "Phường 2",
        "Phường 10",
        "U",
        "Ủy ban",
        "Ư",
    ]
    assert vi_key("Ủy ban") == vi_key("U\u0309y ban")  # decomposed text sorts as its composed form


def test_every_assignment_of_the_graph_is_in_its_cell_and_nothing_else(model: ReadModel, corpus: raci.Raci) -> None:
    expected = assignments(model)
    assert expected, "the samples assign work"
    found = {
        (line.obligation, agency, role.role)
        for lines in corpus.lines.values()
        for line in lines
        for agency, roles in line.roles.items()
        for role in roles
        if role.via is None
    }
    assert found == expected
    assert {r for _, _, r in expected} >= {"lead", "support", "plan-issuer", "lead-inferred"}


def test_inferred_leads_are_marked_in_the_cell(model: ReadModel, corpus: raci.Raci) -> None:
    inferred = [(o, a) for o, a, r in assignments(model) if r == "lead-inferred"]
    line = next(line for lines in corpus.lines.values() for line in lines if line.obligation == inferred[0][0])
    assert "chủ trì (suy ra)" in raci_workbook.roles_text(corpus, line.roles[inferred[0][1]])


def test_a_group_expanded_gives_each_member_its_role_marked_through_the_group(
    model: ReadModel, corpus: raci.Raci
) -> None:
    group = next(a for a in corpus.groups if corpus.label(a).startswith(TAN_BINH_WARDS))
    members = {m for (m,) in model.rows(f"SELECT ?m WHERE {{ <{group}> vc:member ?m }}")}
    assert len(members) == 15
    lines = [line for ls in corpus.lines.values() for line in ls if group in line.roles]
    assert lines
    for line in lines:
        for member in members:
            assert [r.via for r in line.roles[member]] == [group] * len(line.roles[group])
            assert raci_workbook.roles_text(corpus, line.roles[member]).endswith(f"(qua: {corpus.label(group)})")
    plain = raci.for_scope(model, None)
    assert not any(m in line.roles for ls in plain.lines.values() for line in ls for m in members)
    load = {x.agency: x for x in corpus.load()}
    assert all(load[m].through_groups == len(lines) and sum(load[m].by_role.values()) == 0 for m in members)


def test_columns_follow_vietnamese_order_groups_last_when_expanded(corpus: raci.Raci) -> None:
    for document in corpus.documents:
        columns = corpus.agencies(document)
        units = [a for a in columns if a not in corpus.groups]
        assert columns == units + [a for a in columns if a in corpus.groups]
        assert [vi_key(corpus.label(a)) for a in units] == sorted(vi_key(corpus.label(a)) for a in units)


def test_scopes_one_document_its_cascade_the_corpus_and_the_limit(model: ReadModel) -> None:
    docs = model.documents
    ingested = {i for i, d in docs.items() if d.in_corpus}
    top = next(i for i, d in docs.items() if d.number == "28-CT/TW")
    assert set(raci.scope(model, top, cascade=True)) == ingested
    middle = next(i for i, d in docs.items() if d.number == "33-CT/TU")
    below = raci.scope(model, middle, cascade=True)
    assert len(below) == 1 and docs[below[0]].issuer_label and "Tân Bình" in docs[below[0]].label
    assert raci.scope(model, below[0], cascade=False) == below
    with pytest.raises(InvalidRequest, match="known only from citations"):
        raci.scope(model, middle, cascade=False)
    with pytest.raises(InvalidRequest, match="at most 2"):
        raci.scope(model, None, cascade=False, limit=2)


def test_targets_sit_on_the_obligation_whose_section_holds_them(corpus: raci.Raci) -> None:
    held = [t for t in corpus.targets if t.obligation]
    assert corpus.targets
    for t in held:
        line = next(line for line in corpus.lines[t.document] if line.obligation == t.obligation)
        assert t in line.targets and (t.path == line.path or t.path.startswith(line.path + "."))
    for t in corpus.targets:
        if not t.obligation:
            assert not any(
                t.path == line.path or t.path.startswith(line.path + ".") for line in corpus.lines[t.document]
            )


def test_the_workbook_reads_back_with_its_sheets_frozen_header_filters_and_links(corpus: raci.Raci) -> None:
    book = openpyxl.load_workbook(io.BytesIO(raci_workbook.as_xlsx(corpus, lambda iri: iri)))
    assert book.sheetnames[:3] == ["Chú giải", "Tổng hợp theo cơ quan", "Chỉ tiêu"]
    assert len(book.sheetnames) == 3 + len(corpus.documents)
    for name, document in zip(book.sheetnames[3:], corpus.documents, strict=True):
        sheet = book[name]
        agencies = corpus.agencies(document)
        header = [c.value for c in sheet[1]]
        assert header[:2] == ["Mục / Section", "Nhiệm vụ / Obligation"]
        assert header[2 : 2 + len(agencies)] == [corpus.label(a) for a in agencies]
        assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.max_row == 1 + len(corpus.lines[document])
        for row, line in enumerate(corpus.lines[document], start=2):
            assert sheet.cell(row=row, column=1).value == (line.path or None)
            assert sheet.cell(row=row, column=len(header)).hyperlink.target == line.obligation
            for column, agency in enumerate(agencies, start=3):
                expected = raci_workbook.roles_text(corpus, line.roles.get(agency, []))
                assert (sheet.cell(row=row, column=column).value or "") == expected
        assert sheet.cell(row=2, column=len(header) - 2).alignment.wrap_text
    load = book["Tổng hợp theo cơ quan"]
    assert load.cell(row=1, column=1).value == "Cơ quan / Agency"
    totals = [load.cell(row=r, column=len(raci.ROLES) + 4).value for r in range(2, load.max_row + 1)]
    assert totals == sorted(totals, reverse=True) and load.max_row == 1 + len(corpus.load())
    legend = book["Chú giải"]
    assert [
        legend.cell(row=r, column=1).value
        for r in range(legend.max_row - len(corpus.documents) + 1, legend.max_row + 1)
    ] == book.sheetnames[3:]


def test_sheet_names_are_short_unique_and_acceptable_to_excel() -> None:
    from visualizations.sheets import Sheets

    sheets = Sheets("names")
    names = [
        sheets.name(raci_workbook.sheet_name(n))
        for n in [
            "Kế hoạch (không số) của Ủy ban nhân dân tỉnh Lai Châu",
            "162-KH/ĐUK",
            "162-KH/ĐUK",
            "a" * 40,
            "a" * 40,
        ]
    ]
    assert names[:3] == ["KH UBND tỉnh Lai Châu", "162-KH-ĐUK", "162-KH-ĐUK~2"]
    assert len(set(names)) == 5 and all(len(n) <= 31 for n in names)


def test_the_csv_is_one_table_of_the_scope_that_excel_reads_as_utf8(corpus: raci.Raci) -> None:
    text = raci_workbook.as_csv(corpus)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    agencies = corpus.agencies()
    assert rows[0][3 : 3 + len(agencies)] == [corpus.label(a) for a in agencies]
    assert len(rows) == 1 + sum(len(lines) for lines in corpus.lines.values())
    assert {r[0] for r in rows[1:]} == {corpus.label(d) for d in corpus.documents}


def test_cli_writes_the_workbook_and_the_csv(sample_store: GraphStore, tmp_path) -> None:
    runner = CliRunner()
    out = tmp_path / "tb.xlsx"
    # the CLI opens the store itself: give it a copy, the session's store stays open here
    copy = tmp_path / "store"
    backup(sample_store, copy)
    result = runner.invoke(
        main, ["raci", "33-CT/TU", "--cascade", "--expand-groups", "--store", str(copy), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "of 1 documents" in result.output and out.exists()
    assert openpyxl.load_workbook(out).sheetnames[3] == "KH UBND quận Tân Bình"
    result = runner.invoke(main, ["raci", "--store", str(copy), "--out", str(tmp_path / "all.csv")])
    assert result.exit_code == 0 and (tmp_path / "all.csv").read_text(encoding="utf-8").startswith("\ufeff")
    result = runner.invoke(main, ["raci", "--cascade", "--store", str(copy), "--out", str(out)])
    assert result.exit_code == 2 and "--cascade needs a DOCUMENT" in result.output


def test_rest_serves_both_formats_as_downloads(sample_store: GraphStore) -> None:
    client = TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))
    answer = client.get("/raci", params={"document": "162-KH/ĐUK"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == raci_workbook_type()
    assert "filename*=UTF-8''raci-162-kh-duk.xlsx" in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Chú giải", "Tổng hợp theo cơ quan", "Chỉ tiêu", "162-KH-ĐUK"]
    answer = client.get("/raci", params={"format": "csv", "expand_groups": True})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "(qua: Ủy ban nhân dân 15 phường" in answer.text
    assert client.get("/raci", params={"document": "999-KH/XX"}).status_code == 404
    assert client.get("/raci", params={"format": "pdf"}).status_code == 422


def raci_workbook_type() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_text_that_looks_like_a_formula_stays_text(corpus: raci.Raci) -> None:
    """Source text is the document's words: '=…' or '- …' must never become a formula in Excel."""
    from visualizations.sheets import Sheets

    sheets = Sheets("formulas")
    name = sheets.name("t")
    sheets.table(name, ["=SUM(1)", "b"], [['=HYPERLINK("http://example.org")', "- Sở Y tế"]], [10, 10])
    cells = list(openpyxl.load_workbook(io.BytesIO(sheets.to_bytes()))["t"].iter_rows(values_only=False))
    assert [(c.value, c.data_type) for c in cells[0]] == [("=SUM(1)", "s"), ("b", "s")]
    assert [(c.value, c.data_type) for c in cells[1]] == [('=HYPERLINK("http://example.org")', "s"), ("- Sở Y tế", "s")]
    rows = list(csv.reader(io.StringIO(raci_workbook.as_csv(corpus)[1:])))
    texts = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in texts)
    assert any(cell.startswith("'-") for cell in texts)  # the samples' bullet lines, kept whole after the mark
