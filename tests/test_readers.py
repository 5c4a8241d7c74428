"""Files in by their content: what each kind of file is taken for, Word documents read into the same facts as the
plan's text (every document of the evaluation corpus), provenance back to the paragraph or table cell, and a clear
one-line refusal for what cannot be read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from corpus import BASE
from web_pages import plan_as_html
from word_documents import list_numbers_typed, plan_as_docx

from api.cli.main import main
from loaders.config import max_document_bytes
from loaders.graph import build
from loaders.parser import parse
from loaders.readers import read_document, sniff
from loaders.readers.documents import collect_paths
from loaders.readers.word import UNPACKED_LIMIT
from loaders.source import IngestError, decode
from loaders.store import GraphStore
from ontology import VC

CORPUS = Path(__file__).resolve().parent / "eval_corpus"
TABLE_PLAN = CORPUS / "dev" / "09_can_tho_ubnd_city_plan_table.txt"


def _convertible(path: Path) -> bool:
    """A plan whose header the generator can lay out as Word's two-column table (a type heading and a motto)."""
    try:
        plan_as_docx(path.read_text(encoding="utf-8"))
    except StopIteration:
        return False
    return True


WORD_PLANS = sorted(p for p in CORPUS.glob("*/*.txt") if _convertible(p))


def facts(text_or_source) -> dict:
    """What the parser read, without offsets (they differ between the two texts by the header's layout)."""
    doc = parse(text_or_source)
    return {
        "type": doc.doc_type,
        "number": doc.number,
        "date": doc.date.lexical() if doc.date else None,
        "issuer": doc.issuer.label if doc.issuer else None,
        "obligations": sorted(
            (o.section_path, sorted(a.label for a in o.leads), sorted(a.label for a in o.supports))
            for o in doc.obligations
        ),
        "targets": sorted(
            (t.section_path, t.indicator, str(t.value), t.unit, t.comparator, t.year) for t in doc.targets
        ),
        "references": sorted((r.number or "", r.relation) for r in doc.references),
        "duties": len(doc.duties),
    }


def test_the_corpus_has_word_plans_to_read() -> None:
    assert len(WORD_PLANS) >= 60


@pytest.mark.parametrize("path", WORD_PLANS, ids=lambda p: p.stem[:40])
def test_a_word_document_yields_the_facts_of_its_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = plan_as_docx(text)
    assert list_numbers_typed(data) == 0  # every list number comes from Word's numbering, as in officials' files
    source = read_document(data, path.stem + ".docx")
    assert source.format == "docx"
    assert facts(source) == facts(decode(text.encode(), path.name))


@pytest.mark.parametrize("path", WORD_PLANS, ids=lambda p: p.stem[:40])
def test_a_portal_page_yields_the_facts_of_its_text(path: Path) -> None:
    """The plan inside a portal's menus, sidebar and footer, its list numbers drawn by the browser (<ol start>),
    its tables as HTML tables: the article alone is read, with the same facts as the text."""
    text = path.read_text(encoding="utf-8")
    source = read_document(plan_as_html(text), path.stem + ".html")
    assert source.format == "html"
    assert "Trang chủ" not in source.text and "Bản quyền" not in source.text  # navigation and footer left out
    assert facts(source) == facts(decode(text.encode(), path.name))


def test_a_page_of_links_is_refused_naming_the_file() -> None:
    links = "".join(f'<li><a href="/{n}">Mục {n}</a></li>' for n in range(30))
    page = f"<!DOCTYPE html><html><body><nav><ul>{links}</ul></nav></body></html>".encode()
    with pytest.raises(IngestError, match=r"^trang\.html: no identifiable document"):
        parse(read_document(page, "trang.html"))


def test_a_header_cell_with_line_breaks_keeps_its_lines_side_by_side() -> None:
    """Officials often type the issuer's two lines in one cell with a line break (Shift+Enter), not two
    paragraphs: each line still pairs with the other column's line."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG HÒA KHÁNH"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 41/KH-UBND"
    header.cell(1, 1).text = "Hòa Khánh, ngày 12 tháng 9 năm 2025"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư")
    document.add_paragraph("1. Trạm Y tế phường chủ trì khám sức khỏe cho trẻ em.")
    saved = io.BytesIO()
    document.save(saved)
    source = read_document(saved.getvalue(), "hoa-khanh.docx")
    assert source.text.startswith(
        "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| PHƯỜNG HÒA KHÁNH | Độc lập - Tự do - Hạnh phúc |\n"
    )
    doc = parse(source)
    assert doc.issuer is not None and doc.issuer.label.startswith("Ủy ban nhân dân phường Hòa Khánh")
    assert (doc.number, doc.date.lexical() if doc.date else None) == ("41/KH-UBND", ("2025-09-12", "date"))


def test_facts_from_a_word_table_point_to_their_cell() -> None:
    source = read_document(plan_as_docx(TABLE_PLAN.read_text(encoding="utf-8")), "plan.docx")
    doc = parse(source)
    assert source.locate(doc.number_span.start if doc.number_span else 0) == "table 1, row 1, cell 1"
    tabled = [o for o in doc.obligations if (source.locate(o.span.start) or "").startswith("table 2")]
    assert len(tabled) >= 5
    for ob in tabled:
        where = source.locate(ob.span.start)
        assert where is not None and where.startswith("table 2, row ")
        assert ob.leads and source.locate(ob.leads[0].span.start).startswith(where.rsplit(", cell", 1)[0])
    body = next(o for o in doc.obligations if not (source.locate(o.span.start) or "").startswith("table"))
    assert source.locate(body.span.start).startswith("paragraph ")


def test_the_graph_says_where_in_the_file_a_fact_was_read() -> None:
    """vc:sourceLocation beside vc:sourceText: the table row of a task read from Word, none for plain text."""
    text = TABLE_PLAN.read_text(encoding="utf-8")
    located = {
        (t.subject.value, t.object.value)
        for t in build(parse(read_document(plan_as_docx(text), "plan.docx")), BASE).triples
        if t.predicate.value == VC + "sourceLocation"
    }
    places = {where for _, where in located}
    assert any(where.startswith("table 2, row ") for where in places)
    assert any(where.startswith("paragraph ") for where in places)
    obligations = {s for s, where in located if "/obligation/" in s and where.startswith("table 2, row ")}
    assert len(obligations) >= 5
    plain = build(parse(decode(text.encode(), "plan.txt")), BASE).triples
    assert not any(t.predicate.value == VC + "sourceLocation" for t in plain)


def test_files_are_told_apart_by_content() -> None:
    docx_bytes = plan_as_docx(TABLE_PLAN.read_text(encoding="utf-8"))
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    assert sniff(docx_bytes) == "docx"
    assert sniff(other_zip.getvalue()) == "zip"
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)) == "doc"
    assert sniff(b"\x89PNG\r\n\x1a\n" + bytes(10)) == "image"
    assert sniff(b"<!DOCTYPE html><html><body><p>K\xe1\xba\xbf ho\xe1\xba\xa1ch</p></body></html>") == "html"
    assert sniff("KẾ HOẠCH\nThực hiện <b>Chỉ thị</b> số 28-CT/TW".encode()) == "text"


def _zip_of(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"PK\x03\x04broken", "not a readable Word document"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "not a readable PDF"),
        (b"PK\x03\x04" + bytes(26), "not a readable Word document"),
        (_zip_of({"data.csv": "a,b\n"}), "a ZIP archive, which vn-cascade does not read"),
    ],
)
def test_what_cannot_be_read_is_refused_in_one_line_naming_the_file(data: bytes, said: str) -> None:
    with pytest.raises(IngestError) as refused:
        read_document(data, "Kế hoạch 12.docx")
    message = str(refused.value)
    assert message.startswith("Kế hoạch 12.docx: ") and said in message and "\n" not in message


def test_a_corrupt_word_document_names_itself() -> None:
    broken = bytearray(plan_as_docx(TABLE_PLAN.read_text(encoding="utf-8")))
    start = broken.find(b"word/document.xml")
    broken[start + 40 : start + 400] = bytes(360)
    with pytest.raises(IngestError, match=r"^plan\.docx: "):
        read_document(bytes(broken), "plan.docx")


def test_a_folder_of_mixed_files_ingests_what_it_reads_and_says_why_it_skipped_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = TABLE_PLAN.read_text(encoding="utf-8")
    (folder / "plan.docx").write_bytes(plan_as_docx(text))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n")  # damaged: no page tree
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a document's name: not taken
    assert [p.name for p in collect_paths([folder])] == ["plan.docx", "scan.pdf"]
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(store)])
    assert "1 stored" in result.output
    assert "scan.pdf: not a readable PDF" in result.output
    with GraphStore(store) as opened:
        before = len(opened)
    again = CliRunner().invoke(main, ["ingest", str(folder / "scan.pdf"), "--store", str(store)])
    assert again.exit_code != 0 and "0 stored" in again.output
    with GraphStore(store) as opened:
        assert len(opened) == before  # the refused file changed nothing


def test_a_zip_bomb_named_docx_is_refused_before_it_is_unpacked() -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", bytes(UNPACKED_LIMIT + 1))
    assert len(packed.getvalue()) < max_document_bytes()  # small enough to pass the size limit
    with pytest.raises(IngestError, match=r"^plan\.docx: the Word document unpacks to .* \(a ZIP bomb\?\)"):
        read_document(packed.getvalue(), "plan.docx")
