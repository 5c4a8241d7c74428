"""Vietnamese text in the encodings that came before Unicode, converted to Unicode: TCVN3 (ABC, the .VnTime fonts),
VNI (the VNI-Times fonts), VIQR (RFC 1456, marks typed as ASCII) and Windows-1258 (combining tone marks).

No maintained library converts these, so the tables are here, written from the standards: TCVN 5712:1993 (VN3)
for TCVN3, the VNI-Windows font layout for VNI, RFC 1456 for VIQR. A legacy text usually arrives in one of two
ways: as its raw bytes (a .txt saved by an old editor), or as the Windows-1252 reading of those bytes inside a
Unicode file (a Word document typed in a .VnTime font, "Céng hßa x· héi"); both are handled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Combining marks: the five tones and the three vowel marks.
ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
TONES = ("", GRAVE, HOOK, TILDE, ACUTE, DOT)  # level, huyền, hỏi, ngã, sắc, nặng

# TCVN3: one byte per lowercase letter (the capitals with tone marks come from a second font, .VnTimeH, which
# draws the same bytes as capitals). Each run lists a vowel's toned forms in the standard's order:
# grave, hook, tilde, acute, dot below.
_TCVN3_RUNS: dict[str, tuple[int, int, int, int, int]] = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_LETTERS = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ"}
_TCVN3_LETTERS |= {0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ"}


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_LETTERS)
    for vowel, codes in _TCVN3_RUNS.items():
        for tone, code in zip(TONES[1:], codes, strict=True):
            table[code] = unicodedata.normalize("NFC", vowel + tone)
    return table


TCVN3: dict[int, str] = _tcvn3_table()
# The same table keyed by the character Windows-1252 shows for each byte (how a Unicode file holds TCVN3 text).
_TCVN3_SEEN = {ord(bytes([code]).decode("cp1252")): letter for code, letter in TCVN3.items()}

# VNI: a vowel letter followed by one mark character that carries its vowel mark, its tone, or both.
_VNI_LOWER_MARKS = {
    "â": CIRCUMFLEX, "á": CIRCUMFLEX + ACUTE, "à": CIRCUMFLEX + GRAVE, "å": CIRCUMFLEX + HOOK,
    "ã": CIRCUMFLEX + TILDE, "ä": CIRCUMFLEX + DOT,
    "ê": BREVE, "é": BREVE + ACUTE, "è": BREVE + GRAVE, "ú": BREVE + HOOK, "ü": BREVE + TILDE, "ë": BREVE + DOT,
    "ù": ACUTE, "ø": GRAVE, "û": HOOK, "õ": TILDE, "ï": DOT,
}  # fmt: skip
_VNI_MARKS = _VNI_LOWER_MARKS | {mark.upper(): combining for mark, combining in _VNI_LOWER_MARKS.items()}
# Letters VNI draws with a character of their own: đ, ơ, ư and the i/y forms.
_VNI_LOWER_LETTERS = {"ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_LETTERS = _VNI_LOWER_LETTERS | {k.upper(): v.upper() for k, v in _VNI_LOWER_LETTERS.items()}
_VNI_BASE = "aeouyAEOUYôöÔÖ"
_VNI = re.compile(f"([{_VNI_BASE}])([{''.join(_VNI_MARKS)}])|([{''.join(_VNI_LETTERS)}])")

# VIQR: a vowel, then its vowel mark ( ^ +, then its tone ' ` ? ~ . ; "dd" is đ; a backslash keeps a mark (or the
# second d of a plain "dd") literal.
_VIQR_VOWEL_MARKS = {"(": BREVE, "^": CIRCUMFLEX, "+": HORN}
_VIQR_TONES = {"'": ACUTE, "`": GRAVE, "?": HOOK, "~": TILDE, ".": DOT}
_VIQR = re.compile(r"\\([(^+'`?~.\\dD])|([dD][dD])|([aeiouyAEIOUY])([(^+])?(['`?~.])?")
_VIQR_SIGNS = re.compile(r"[aeoAEO]\^|[ouOU]\+|[aA]\(|\b[dD]{2}[aeiouyAEIOUY]")

# Syllables so common in administrative Vietnamese that their share of the words tells a right reading from a
# wrong one: a correct conversion of a plan makes roughly a third of its words one of these.
_COMMON_WORDS = (
    "và của các có được cho trong với người năm thực hiện theo đến công tác trẻ em việc nhân dân ban đơn "
    "vị phối hợp chủ trì tỉnh huyện xã phường quận thành phố sở kế hoạch chỉ thị số về những này để đảm "
    "bảo trách nhiệm triển khai chăm sóc giáo dục vệ quyền ủy hội đồng nội dung một là từ tại"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_WORD = re.compile(r"\w+")


def common_share(text: str) -> float:
    """The share of the words of `text` that are among the commonest Vietnamese syllables."""
    words = _WORD.findall(text.lower())
    return sum(w in _COMMON for w in words) / len(words) if words else 0.0


def _restore_capitals(text: str) -> str:
    """Capitalise the toned letters of words written in capitals ("KÕ HO¹CH" reads "kế"/"hoạch" letter by
    letter): in TCVN3 the capitals come from the font, not the bytes. A word is in capitals when its plain
    letters are (two at least), or when it has one and every plain letter of its line is a capital."""

    def capitals(letters: list[str]) -> bool:
        return bool(letters) and all(c.isupper() for c in letters)

    def line(text_line: str) -> str:
        whole = capitals([c for c in text_line if c.isascii() and c.isalpha()])

        def word(m: re.Match[str]) -> str:
            w = m.group()
            plain = [c for c in w if c.isascii() and c.isalpha()]
            if capitals(plain) and (len(plain) >= 2 or whole) and any(c.islower() for c in w):
                return w.upper()
            return w

        return _WORD.sub(word, text_line)

    return "\n".join(line(t) for t in text.split("\n"))


def tcvn3_bytes(data: bytes) -> str:
    """Text stored as TCVN3 bytes, in Unicode."""
    return tcvn3_text(data.decode("cp1252", errors="replace"))


def tcvn3_text(seen: str) -> str:
    """The Windows-1252 reading of TCVN3 bytes ("Céng hßa"), in Unicode ("Cộng hòa")."""
    return _restore_capitals(seen.translate(_TCVN3_SEEN))


def vni_text(seen: str) -> str:
    """The Windows-1252 reading of VNI bytes ("Coäng hoøa"), in Unicode ("Cộng hòa")."""

    def one(m: re.Match[str]) -> str:
        if m.group(3):
            return _VNI_LETTERS[m.group(3)]
        base = _VNI_LETTERS.get(m.group(1), m.group(1))  # ô and ö are ơ and ư before their tone
        return unicodedata.normalize("NFC", base + _VNI_MARKS[m.group(2)])

    return _VNI.sub(one, seen)


def vni_bytes(data: bytes) -> str:
    """Text stored as VNI bytes, in Unicode."""
    return vni_text(data.decode("cp1252", errors="replace"))


def viqr_text(text: str) -> str:
    """VIQR ("Vie^.t Nam") in Unicode ("Việt Nam"). As RFC 1456 has it, a mark after a vowel is a mark unless a
    backslash escapes it; and since a syllable takes one tone, a second tone mark in a word ("ho^.i.") and the
    full stop of a Roman numeral opening a line ("II. MỤC TIÊU") are punctuation."""

    def word(m: re.Match[str]) -> str:
        opens_line = not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        return m.group() if opens_line and _ROMAN.fullmatch(m.group()) else _viqr_word(m.group())

    return _VIQR_TOKEN.sub(word, text)


_VIQR_TOKEN = re.compile(r"[\w(^+'`?~.\\]+")  # a word with its marks
_ROMAN = re.compile(r"[IVXLC]+[.)]")


def _viqr_word(word: str) -> str:
    toned = False

    def one(m: re.Match[str]) -> str:
        nonlocal toned
        if m.group(1):
            return m.group(1)
        if m.group(2):
            return "đ" if m.group(2)[0] == "d" else "Đ"
        letter, vowel_mark, tone = m.group(3), m.group(4) or "", m.group(5) or ""
        marks = ""
        if vowel_mark and (vowel_mark, letter.lower()) in {("(", "a"), ("^", "a"), ("^", "e"), ("^", "o")}:
            marks += _VIQR_VOWEL_MARKS[vowel_mark]
        elif vowel_mark == "+" and letter.lower() in "ou":
            marks += HORN
        elif vowel_mark:
            return m.group()  # a mark this vowel cannot take: not VIQR
        if tone and toned:
            return unicodedata.normalize("NFC", letter + marks) + tone  # the syllable has its tone: punctuation
        if tone:
            marks += _VIQR_TONES[tone]
            toned = True
        return unicodedata.normalize("NFC", letter + marks)

    return _VIQR.sub(one, word)


def cp1258_bytes(data: bytes) -> str:
    """Windows-1258 bytes in Unicode: its tone marks are combining characters, composed here (NFC)."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


# The legacy encodings, by name, as readings of a Windows-1252 view of the text (what a Unicode file holds).
TEXT_CONVERTERS: dict[str, Callable[[str], str]] = {"TCVN3": tcvn3_text, "VNI": vni_text}
BYTE_DECODERS: dict[str, Callable[[bytes], str]] = {
    "TCVN3": tcvn3_bytes,
    "VNI": vni_bytes,
    "Windows-1258": cp1258_bytes,
}

# A reading has to reach this share of common syllables, and beat the text as it stands, to be taken.
_MIN_SHARE = 0.08


def _in_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def legacy_text_encoding(text: str) -> str | None:
    """Which legacy encoding a Unicode text is really in (its characters are the Windows-1252 reading of TCVN3 or
    VNI bytes, or VIQR's ASCII marks), or None when it reads as Vietnamese as it stands."""
    sample = text[:20000]
    here = common_share(sample)
    if here >= 0.2:
        return None
    best, best_share = None, max(here, _MIN_SHARE)
    latin = "".join(ch for ch in sample if ch.isascii() or _in_cp1252(ch))
    if any(not ch.isascii() for ch in latin):
        for name, convert in TEXT_CONVERTERS.items():
            share = common_share(convert(latin))
            if share > best_share:
                best, best_share = name, share
    if best is None and len(_VIQR_SIGNS.findall(sample)) >= 3:
        share = common_share(viqr_text(sample))
        if share > best_share:
            best = "VIQR"
    return best


def convert_text(text: str, encoding: str) -> str:
    """A text (or a piece of one) in `encoding`, in Unicode. Pieces holding characters outside Windows-1252 are
    Unicode already (a document can mix a legacy font with Unicode ones) and stay as they are."""
    if encoding == "VIQR":
        return viqr_text(text)
    if not _in_cp1252(text) or text.isascii():
        return text
    return TEXT_CONVERTERS[encoding](text)


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """(Unicode text, encoding name) for bytes that are not UTF-8 but read as Vietnamese in a legacy encoding;
    None when no legacy reading makes Vietnamese of them."""
    best: tuple[str, str] | None = None
    best_share = _MIN_SHARE
    for name, decode in BYTE_DECODERS.items():
        text = decode(data)
        share = common_share(text[:20000])
        if share > best_share:
            best, best_share = (text, name), share
    return best
