"""PDFs in: every plan of the evaluation corpus written as a text PDF yields the facts of its text with each fact
placed on its page; a scanned PDF (the same plan rasterised, with noise) is read by OCR with its doubtful words
flagged; encrypted and damaged PDFs, and scans without OCR installed, get a one-line refusal naming the file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pdf_documents import pdf_page_count, plan_as_pdf, plan_as_scan
from reportlab.pdfgen import canvas
from test_readers import WORD_PLANS, facts

from loaders.parser import parse
from loaders.readers import ocr, read_document
from loaders.source import IngestError, decode

CORPUS = Path(__file__).resolve().parent / "eval_corpus"


def ocr_required() -> None:
    """OCR is installed by .ci/run: under CI its absence fails the test instead of skipping it."""
    if not ocr.available():
        if os.environ.get("CI") == "true":
            pytest.fail("Tesseract with its Vietnamese model is not installed (.ci/run installs it)")
        pytest.skip("Tesseract with its Vietnamese model is not installed")


@pytest.mark.parametrize("path", WORD_PLANS, ids=lambda p: p.stem[:40])
def test_a_text_pdf_yields_the_facts_of_its_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    source = read_document(plan_as_pdf(text), path.stem + ".pdf")
    assert source.format == "pdf"
    assert facts(source) == facts(decode(text.encode(), path.name))
    doc = parse(source)
    for o in doc.obligations:  # every obligation is placed on its page: a line, or a cell of a table
        where = source.locate(o.span.start)
        assert where is not None and where.startswith("page "), (o.section_path, where)


def test_a_long_plan_s_facts_name_their_pages_and_table_cells() -> None:
    path = CORPUS / "dev" / "09_can_tho_ubnd_city_plan_table.txt"
    data = plan_as_pdf(path.read_text(encoding="utf-8"))
    source = read_document(data, "plan.pdf")
    doc = parse(source)
    pages = {source.locate(o.span.start).split(",")[0] for o in doc.obligations}
    assert len(pages) >= 3 and pdf_page_count(data) >= 5
    cells = [source.locate(a.span.start) for o in doc.obligations for a in o.leads if a.span is not None]
    assert any(c and ", table " in c and ", cell 3" in c for c in cells)  # the "chủ trì" column of the task table
    # the heading row the table repeats on each page is read once; page numbers never reach the text
    assert source.text.count("| STT | Nội dung nhiệm vụ |") == 1
    assert not any(line.strip() in {"2", "3", "4"} for line in source.text.split("\n"))


def _encrypted() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt="s3cret")
    page.drawString(72, 720, "KẾ HOẠCH")
    page.save()
    return out.getvalue()


def test_encrypted_and_damaged_pdfs_are_refused_in_one_line() -> None:
    with pytest.raises(IngestError, match=r"^locked\.pdf: an encrypted PDF: save it without a password"):
        read_document(_encrypted(), "locked.pdf")
    whole = plan_as_pdf((CORPUS / "dev" / "09_can_tho_ubnd_city_plan_table.txt").read_text(encoding="utf-8"))
    with pytest.raises(IngestError, match=r"^cut\.pdf: not a readable PDF"):
        read_document(whole[: len(whole) // 3], "cut.pdf")


def test_a_scan_without_ocr_installed_is_refused_naming_the_remedy(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (CORPUS / "dev" / "98_ha_noi_so_ldtbxh_plan_2025.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(IngestError, match=r"^scan\.pdf: a scanned PDF \(every page without a text layer\)"):
        read_document(plan_as_scan(text, dpi=100), "scan.pdf")


def test_a_scanned_pdf_is_read_by_ocr_with_its_doubts_flagged() -> None:
    ocr_required()
    path = CORPUS / "dev" / "98_ha_noi_so_ldtbxh_plan_2025.txt"
    text = path.read_text(encoding="utf-8")
    source = read_document(plan_as_scan(text, seed=7), "scan.pdf")
    assert source.format == "pdf-ocr"
    # deskewed, tables found from their rules and read column by column, OCR slips put right: the facts of the text
    assert facts(source) == facts(decode(text.encode(), path.name))
    doc = parse(source)
    assert all(source.locate(o.span.start).startswith("page ") for o in doc.obligations)
    lines = [s.where for s in source.origin if ", line " in s.where]
    assert lines and all(" (box " in w and w.endswith(" pt)") for w in lines)  # OCR places a line by its box
    flagged = [i for i in doc.issues if i.code == "ocr-low-confidence"]
    assert flagged and all(i.span is not None and i.span.text for i in flagged)
    assert any("repaired: OCR read" in i.message for i in flagged)  # each repair is noted with what OCR read


def test_ocr_slips_in_names_the_lexicons_know_are_repaired_and_noted() -> None:
    from loaders.readers.ocr_repair import repair

    read = "Văn phong Sở Lao đông - Thương binh va Xã hôi; UBND tỉnh Quang Ngai; Hoi Lien hiep Phu nu tỉnh"
    fixed, notes = repair(read)
    assert fixed == "Văn phòng Sở Lao động - Thương binh và Xã hội; UBND tỉnh Quảng Ngãi; Hội Liên hiệp Phụ nữ tỉnh"
    assert len(fixed) == len(read)  # letter for letter: every offset and place stays
    assert [n.where for n in notes] == [
        "repaired: OCR read 'Văn phong'",
        "repaired: OCR read 'Lao đông - Thương binh va Xã hôi'",
        "repaired: OCR read 'Quang Ngai'",
        "repaired: OCR read 'Hoi Lien hiep Phu nu'",
    ]
    assert repair("bình định, Sở Y tế")[1] == []  # written right: nothing to note


def test_part_and_row_numbers_misread_by_ocr_are_put_right_from_their_neighbours() -> None:
    from loaders.readers.ocr import _count_rows
    from loaders.readers.ocr_repair import renumbered, roman_heading

    assert [roman_heading(w, "CHỈ") for w in ("IL", "Il.", "Ill", "IV.", "1.", "L")] == [
        "II.",
        "II.",
        "III.",
        "IV.",
        None,
        None,
    ]
    assert roman_heading("II", "Các") is None  # not a heading in capitals
    assert renumbered(["I.", "II.", "II.", "IV."]) == ["I.", "II.", "III.", "IV."]
    assert renumbered(["I.", "II.", "III."]) == ["I.", "II.", "III."]
    assert renumbered(["I-", "II-", "II-", "IV-"]) == ["I-", "II-", "III-", "IV-"]  # a party document's form
    cells: list[list[str | None]] = [["STT", "a"], ["1", "b"], ["2", "c"], ["bô", "d"], ["4", "e"], ["5", "f"]]
    assert _count_rows(cells) == {(3, 0): "bô"} and cells[3][0] == "3"


def test_the_ocr_slips_with_d_stroke_are_repaired() -> None:
    """Tesseract's Vietnamese model reads Đ as the Icelandic Ð, or as both ("QĐÐ"), and ‰ as "%o"."""
    assert [ocr._repair(w) for w in ("QĐÐ-TTg", "ÐỘC", "ðơn", "Đà")] == ["QĐ-TTg", "ĐỘC", "đơn", "Đà"]
    assert [ocr._repair(w) for w in ("20%o.", "15%o", "70%", "%o")] == ["20‰.", "15‰", "70%", "%o"]


def test_a_page_photographed_as_an_image_is_read_by_ocr() -> None:
    ocr_required()
    text = (CORPUS / "dev" / "98_ha_noi_so_ldtbxh_plan_2025.txt").read_text(encoding="utf-8")
    first = pdfium.PdfDocument(plan_as_pdf(text))[0].render(scale=300 / 72).to_pil()
    out = io.BytesIO()
    first.save(out, "PNG", dpi=(300, 300))
    source = read_document(out.getvalue(), "page1.png")
    assert source.format == "image-ocr"
    expected = facts(decode(text.encode(), "x.txt"))
    doc = parse(source)
    assert (doc.doc_type, doc.number, doc.date.lexical() if doc.date else None) == (
        expected["type"],
        expected["number"],
        expected["date"],
    )
