"""Reading files: UTF-8 only, clear one-line errors naming the file and line, canonical NFC / LF text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from loaders.readers.documents import collect_paths, read_source
from loaders.source import IngestError, canonical, decode


def test_nfd_and_crlf_become_nfc_lf() -> None:
    text = unicodedata.normalize("NFD", "Kế hoạch\r\nỦy ban nhân dân\rhuyện")
    assert canonical(text) == "Kế hoạch\nỦy ban nhân dân\nhuyện"
    assert unicodedata.is_normalized("NFC", canonical(text))


def test_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfK\xe1\xba\xbe HO\xe1\xba\xa0CH", "x.txt").text == "KẾ HOẠCH"


def test_windows_1258_input_names_file_line_and_encodings() -> None:
    data = b"Pho\xccng T\xfd ph\xe1p\nph\xf4i h\xf4\xf2p"  # 'Phòng Tư pháp' as Windows-1258 writes it
    with pytest.raises(IngestError) as err:
        decode(data, "plans/lai-chau.txt")
    message = str(err.value)
    assert message.startswith("plans/lai-chau.txt:1: not UTF-8")
    assert "Windows-1258" in message and "expected UTF-8" in message
    assert err.value.line == 1


def test_utf16_input_is_recognised() -> None:
    with pytest.raises(IngestError, match="UTF-16"):
        decode("KẾ HOẠCH".encode("utf-16"), "a.txt")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"empty\.txt: empty file"):
        read_source(path)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="no such file or folder"):
        collect_paths([tmp_path / "nope"])


def test_folders_expand_to_sorted_text_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert [p.name for p in collect_paths([tmp_path])] == ["a.txt", "b.txt"]
