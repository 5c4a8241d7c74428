"""Vietnamese in the encodings before Unicode: every letter with every tone mark converted in each encoding, whole
plans in TCVN3, VNI, VIQR and Windows-1258 (as bytes, and as the Unicode copy of a .VnTime Word document) read into
the facts of their Unicode text, and Unicode text never taken for a legacy one."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from legacy_writers import cp1258, every_letter, tcvn3, viqr, vni
from test_readers import WORD_PLANS, facts
from word_documents import plan_as_docx

from loaders.readers import read_document
from loaders.readers.legacy_encodings import (
    cp1258_bytes,
    legacy_text_encoding,
    tcvn3_bytes,
    tcvn3_text,
    viqr_text,
    vni_bytes,
    vni_text,
)
from loaders.source import decode

CORPUS = Path(__file__).resolve().parent / "eval_corpus"
PLANS = sorted(CORPUS.glob("*/*.txt"))


def _typed_in_a_code_page(path: Path) -> bool:
    """Whether a legacy typist could have typed the plan: every character in VNI's and Windows-1258's code pages
    (a plan with '≥' was typed in Unicode)."""
    text = path.read_text(encoding="utf-8")
    try:
        vni(text), cp1258(text)
    except UnicodeEncodeError:
        return False
    return True


LEGACY_PLANS = [p for p in PLANS if _typed_in_a_code_page(p)]
LETTERS = every_letter()


def test_every_letter_is_the_full_alphabet() -> None:
    assert len(LETTERS) == 2 * (12 * 6 + 1)


@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_with_every_tone_converts(letter: str) -> None:
    assert vni_bytes(vni(letter)) == letter
    assert viqr_text(viqr("b" + letter + "n")) == "b" + letter + "n"
    assert cp1258_bytes(cp1258(letter)) == letter
    # TCVN3 has codes for the small letters only; a capital comes back as a capital inside a word in capitals
    assert tcvn3_bytes(tcvn3(letter)) == (
        letter if letter.isascii() or letter.islower() or letter in "ĂÂÊÔƠƯĐ" else letter.lower()
    )
    assert tcvn3_bytes(tcvn3("TR" + letter.upper() + "NG")) == "TR" + letter.upper() + "NG"


def test_known_legacy_spellings() -> None:
    """What these encodings are known to look like when read as Windows-1252, from the two code charts."""
    assert tcvn3_text("Céng hßa x· héi chñ nghÜa ViÖt Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert tcvn3_text("§éc lËp - Tù do - H¹nh phóc\nKÕ HO¹CH") == "Độc lập - Tự do - Hạnh phúc\nKẾ HOẠCH"
    assert vni_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vni_text("ÑOÄC LAÄP - TÖÏ DO") == "ĐỘC LẬP - TỰ DO"
    assert viqr_text("DDa\\. ddo^.c la^.p") == "Đa. độc lập"  # a backslash keeps the mark a full stop


def _plan(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", LEGACY_PLANS[::6], ids=lambda p: p.stem[:40])
@pytest.mark.parametrize(
    ("encoding", "write"),
    [("TCVN3", tcvn3), ("VNI", vni), ("Windows-1258", cp1258), ("VIQR", lambda t: viqr(t).encode())],
)
def test_a_plan_in_a_legacy_encoding_yields_the_facts_of_its_text(path: Path, encoding: str, write) -> None:
    text = _plan(path)
    source = read_document(write(text), path.name)
    assert source.encoding == encoding
    expected = facts(decode(text.encode(), path.name))
    if encoding == "TCVN3":  # capitals with tone marks outside words in capitals come back small: compare folded
        expected = facts(decode(tcvn3_bytes(tcvn3(text)).encode(), path.name))
    assert facts(source) == expected


@pytest.mark.parametrize(("encoding", "write"), [("TCVN3", tcvn3), ("VNI", vni)])
def test_a_unicode_file_holding_a_legacy_font_s_text_is_converted(encoding: str, write) -> None:
    """A .txt saved from a document typed in a .VnTime font: valid UTF-8, but the letters are the font's bytes."""
    text = _plan(PLANS[0])
    mojibake = write(text).decode("cp1252")
    source = read_document(mojibake.encode("utf-8"), "saved.txt")
    assert source.encoding == encoding
    assert "Ủy ban nhân dân".lower() in source.text.lower() or "kế hoạch" in source.text.lower()


def test_a_word_document_typed_in_a_vntime_font_is_converted_piece_by_piece() -> None:
    text = _plan(WORD_PLANS[3])
    document = docx.Document(__import__("io").BytesIO(plan_as_docx(text)))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = tcvn3(run.text).decode("cp1252")
            run.font.name = ".VnTime"
    for table in document.tables:
        for cell in (c for row in table.rows for c in row.cells):
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = tcvn3(run.text).decode("cp1252")
    out = __import__("io").BytesIO()
    document.save(out)
    source = read_document(out.getvalue(), "vntime.docx")
    assert source.encoding == "TCVN3" and source.format == "docx"
    assert facts(source) == facts(read_document(plan_as_docx(tcvn3_bytes(tcvn3(text))), "unicode.docx"))
    assert any(s.where.startswith("paragraph") for s in source.origin)  # the map back to the file kept


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem[:40])
def test_unicode_plans_are_never_taken_for_a_legacy_encoding(path: Path) -> None:
    assert legacy_text_encoding(_plan(path)) is None


def test_english_or_undecodable_bytes_are_still_refused() -> None:
    from loaders.source import IngestError

    with pytest.raises(IngestError, match=r"^a\.txt:1: not UTF-8"):
        read_document(b"\x81\x8d\x8f\x90\x9d" * 50, "a.txt")
