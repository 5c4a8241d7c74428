"""Word 97-2003, RTF and OpenDocument files in, through LibreOffice: corpus plans saved as .doc give the facts of
their text with their places in the file; a .doc typed in a .VnTime font keeps its ư (Word's optional hyphen is
byte 0xAD, the TCVN3 ư); without LibreOffice, and for a damaged file, a one-line refusal naming the file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from legacy_writers import tcvn3
from office_documents import saved_as
from test_readers import WORD_PLANS, facts
from word_documents import plan_as_docx

from loaders.parser import parse
from loaders.readers import office, read_document, sniff
from loaders.readers.legacy_encodings import tcvn3_bytes
from loaders.source import IngestError, decode

PLANS = WORD_PLANS[::6]


@pytest.fixture(scope="module", autouse=True)
def libreoffice_required() -> None:
    """LibreOffice is installed by .ci/run: under CI its absence fails these tests instead of skipping them."""
    if office.office() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed")


@pytest.fixture(scope="module")
def doc_files() -> dict[str, bytes]:
    return saved_as({p.stem: plan_as_docx(p.read_text(encoding="utf-8"), own_lists=True) for p in PLANS}, "doc")


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem[:40])
def test_a_word_97_document_yields_the_facts_of_its_text(path: Path, doc_files: dict[str, bytes]) -> None:
    data = doc_files[path.stem]
    assert sniff(data) == "doc"
    source = read_document(data, path.stem + ".doc")
    assert source.format == "doc"
    text = path.read_text(encoding="utf-8")
    assert facts(source) == facts(decode(text.encode(), path.name))
    for o in parse(source).obligations:  # placed in the file: a paragraph or a table cell
        where = source.locate(o.span.start)
        assert where is not None and where.startswith(("paragraph ", "table ")), (o.section_path, where)


@pytest.mark.parametrize("kind", ["rtf", "odt"])
def test_rtf_and_opendocument_files_are_read_the_same_way(kind: str) -> None:
    path = PLANS[1]
    text = path.read_text(encoding="utf-8")
    data = saved_as({"plan": plan_as_docx(text, own_lists=True)}, kind)["plan"]
    source = read_document(data, f"plan.{kind}")
    assert source.format == kind
    assert facts(source) == facts(decode(text.encode(), path.name))


def test_a_word_97_document_typed_in_a_vntime_font_keeps_its_letters() -> None:
    path = PLANS[2]
    text = path.read_text(encoding="utf-8")
    document = docx.Document(io.BytesIO(plan_as_docx(text, own_lists=True)))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    for run in runs:
        run.text = tcvn3(run.text).decode("cp1252")
        run.font.name = ".VnTime"
    out = io.BytesIO()
    document.save(out)
    source = read_document(saved_as({"vntime": out.getvalue()}, "doc")["vntime"], "vntime.doc")
    assert source.encoding == "TCVN3" and "ư" in source.text  # the byte LibreOffice keeps as an optional hyphen
    expected = facts(decode(tcvn3_bytes(tcvn3(text)).encode(), path.name))  # TCVN3 has no toned capitals
    assert facts(source) == expected


def test_without_libreoffice_or_with_a_damaged_file_the_refusal_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    with pytest.raises(IngestError, match=r"^old\.doc: not readable as a Word 97-2003 document \(\.doc\)"):
        read_document(damaged, "old.doc")
    monkeypatch.setattr(office, "office", lambda: None)
    with pytest.raises(
        IngestError, match=r"^old\.doc: a Word 97-2003 document \(\.doc\); reading it needs LibreOffice"
    ):
        read_document(damaged, "old.doc")
