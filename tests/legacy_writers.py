"""Vietnamese written in the encodings before Unicode, by the tests' own encoders, written from the code charts
independently of the reader's tables (TCVN 5712:1993 VN3, the VNI-Windows font layout, RFC 1456)."""

from __future__ import annotations

import unicodedata

# TCVN3 (VN3), bytes 0xA1 to 0xFE in order, "·" where the chart has no letter.
TCVN3_CHART = "ĂÂÊÔƠƯĐăâêôơưđ······àảãáạ·ằẳẵắ·······ặầẩẫấậè·ẻẽéẹềểễếệìỉ···ĩíịò·ỏõóọồổỗốộờởỡớợù·ủũúụừửữứựỳỷỹýỵ"
_TCVN3 = {letter: 0xA1 + i for i, letter in enumerate(TCVN3_CHART) if letter != "·"}

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # level, huyền, hỏi, ngã, sắc, nặng


def every_letter() -> list[str]:
    """Every Vietnamese letter: each vowel with each tone, in both cases, and đ/Đ."""
    lower = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
    return lower + [c.upper() for c in lower]


def tcvn3(text: str) -> bytes:
    """TCVN3 bytes as a .VnTime user typed them: capitals with a tone mark have no code of their own (the
    .VnTimeH font draws the small letter's code as a capital), so they are written as the small letter."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3:
            out.append(_TCVN3[ch])
        elif ch.lower() in _TCVN3:
            out.append(_TCVN3[ch.lower()])
        else:
            out += ch.encode("cp1252", errors="replace")
    return bytes(out)


# VNI: the mark keys after the vowel, as the font draws them: (vowel mark, tone) -> character.
_VNI_MARK = {
    ("", "\u0301"): "ù", ("", "\u0300"): "ø", ("", "\u0309"): "û", ("", "\u0303"): "õ", ("", "\u0323"): "ï",
    ("\u0302", ""): "â", ("\u0302", "\u0301"): "á", ("\u0302", "\u0300"): "à", ("\u0302", "\u0309"): "å",
    ("\u0302", "\u0303"): "ã", ("\u0302", "\u0323"): "ä",
    ("\u0306", ""): "ê", ("\u0306", "\u0301"): "é", ("\u0306", "\u0300"): "è", ("\u0306", "\u0309"): "ú",
    ("\u0306", "\u0303"): "ü", ("\u0306", "\u0323"): "ë",
}  # fmt: skip
_VNI_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni(text: str) -> bytes:
    """VNI-Windows bytes of a text."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        upper = ch.isupper()
        parts = unicodedata.normalize("NFD", ch.lower())
        base, marks = parts[0], parts[1:]
        if ch.lower() == "đ":
            piece = "ñ"
        elif base not in "aeiouy" or (not marks):
            piece = ch.lower()
        else:
            vowel_mark = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
            tone = next((m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"), "")
            if base == "i":
                piece = _VNI_I[tone]
            elif base == "y" and tone == "\u0323":
                piece = "î"
            elif vowel_mark == "\u031b":  # ơ and ư are letters of their own, the tone after them
                piece = {"o": "ô", "u": "ö"}[base] + (_VNI_MARK[("", tone)] if tone else "")
            else:
                piece = base + _VNI_MARK[(vowel_mark, tone)]
        out.append(piece.upper() if upper else piece)
    return "".join(out).encode("cp1252")


_VIQR_VOWEL = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}
_VIQR_TONE = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}


def viqr(text: str) -> str:
    """VIQR (RFC 1456) of a text: the marks typed after the vowel, đ as dd, and a mark character that follows a
    vowel without being its mark escaped with a backslash."""
    out: list[str] = []
    text = unicodedata.normalize("NFC", text)
    for i, ch in enumerate(text):
        if ch in "dD" and text[i + 1 : i + 2] in ("d", "D", "đ", "Đ"):  # a plain d before a d: not the d of đ
            out.append("\\" + ch)
            continue
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            continue
        after_vowel = bool(out) and unicodedata.normalize("NFD", out[-1][:1])[:1].lower() in "aeiouy"
        if ch in "(^+'`?~.\\" and after_vowel:
            out.append("\\" + ch)
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        vowel = "".join(_VIQR_VOWEL[m] for m in marks if m in _VIQR_VOWEL)
        tone = "".join(_VIQR_TONE[m] for m in marks if m in _VIQR_TONE)
        out.append(base + vowel + tone)
    return "".join(out)


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes: letters with their vowel marks precomposed, tone marks as combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in parts[1:] if m in _VIQR_TONE)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _VIQR_TONE))
        out += letter.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)
