"""Recognise agency and group mentions in clean text and resolve them to one node per real unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import lexicon
from loaders.folding import UPPER, ffold, key, tidy
from loaders.jurisdictions import Places
from loaders.model import CENTRAL, AgencyRef, Jurisdiction, Span

_B = r"(?<![0-9a-z])"
_E = r"(?![0-9a-z])"
_SECTOR_ALT = "|".join(f"(?P<s{i}>{p})" for i, p in enumerate(lexicon.SECTORS.values()))
_SECTOR_NAMES = list(lexicon.SECTORS)
_VILLAGE = r"(?:thon|ban|to dan pho|khom|ap|xom|khu pho|khoi pho|buon|lang|soc)"
_SECTOR_PLAIN = "|".join(lexicon.SECTORS.values())
_HEAD_ALT = "|".join(f"(?P<h{i}>{p})" for i, (_, p) in enumerate(lexicon.HEADS))
_LEVEL = lexicon.LEVEL_PATTERN

_GROUP_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("count", re.compile(rf"{_B}(?:uy ban nhan dan|ubnd|ub)\s+(?P<n>\d{{1,3}})\s+(?P<lv>{_LEVEL}){_E}")),
    (
        "plural-pc",
        re.compile(
            rf"{_B}(?:uy ban nhan dan|uy ban nhan|ubnd|ub)\s+(?:cac|cap)\s+(?P<lv>{_LEVEL})(?:\s*,\s*{_LEVEL}{_E})*{_E}"
            rf"(?:\s+(?:mien nui|vung cao|(?:co\s+(?:duong\s+)?)?bien gioi|ven bien|vung sau|vung xa"
            rf"|dong bao dan toc thieu so|truc thuoc trung uong){_E})?"
        ),
    ),
    (
        "plural-sector",
        re.compile(  # "các Sở Giáo dục và Đào tạo", "các Phòng Y tế"
            rf"{_B}cac\s+(?P<k>so|phong)\s+(?:{_SECTOR_PLAIN}){_E}"
        ),
    ),
    (
        "plural-party",
        re.compile(rf"{_B}(?:cac\s+)?(?:dang uy|chi uy)\s+(?P<lv>{_LEVEL}){_E}(?P<more>(?:\s*,\s*{_LEVEL}{_E})*)"),
    ),
    (
        "party-base",
        re.compile(
            rf"{_B}(?:cap uy cac dang bo\s*,\s*chi bo co so|cac dang uy\s*,\s*chi uy co so(?:\s+truc thuoc)?"
            rf"|cac (?:tccsd|to chuc co so dang)(?:\s+truc thuoc)?|(?:cac\s+)?cap uy co so){_E}"
        ),
    ),
    (
        "youth-unions",
        re.compile(  # "Các huyện, thị, thành đoàn, đoàn trực thuộc": the youth union of each
            rf"{_B}cac\s+(?:huyen|thi|thanh|quan)(?:\s*,\s*(?:huyen|thi|thanh|quan))+\s+doan"
            rf"(?:\s*(?:,|va)\s*(?:doan|co so doan) truc thuoc)?{_E}"
        ),
    ),
    (
        "unions",
        re.compile(  # "Công đoàn ngành", "Công đoàn cơ sở", "công đoàn cấp trên trực tiếp"
            rf"{_B}(?:cac\s+)?cong doan\s+(?:nganh|co so|cap tren(?:\s+truc tiep(?:\s+co so)?)?|cac cap){_E}"
        ),
    ),
    (
        "competent",
        re.compile(  # "các cấp có thẩm quyền", "cơ quan có thẩm quyền"
            rf"{_B}(?:cac\s+)?(?:cap|co quan|nganh)(?:\s*,\s*(?:cap|nganh|co quan))*\s+co tham quyen{_E}"
        ),
    ),
    (
        "village-heads",
        re.compile(  # "Trưởng các thôn, tổ dân phố", "Trưởng Ban nhân dân các khóm"
            rf"{_B}(?:truong(?: ban nhan dan)?|ban nhan dan|ban dieu hanh"
            rf"|chi bo)\s+cac\s+{_VILLAGE}(?:\s*,\s*{_VILLAGE})*{_E}"
        ),
    ),
    (
        "all-levels",
        re.compile(  # "Chính quyền các cấp", "Cấp ủy đảng, chính quyền các cấp"
            rf"{_B}(?:(?:cap uy(?: dang)?|chinh quyen|to chuc dang)(?:\s*,\s*|\s+va\s+))*(?:cap uy(?: dang)?"
            rf"|chinh quyen"
            rf"|to chuc dang|mat tran to quoc|mttq)\s+cac cap{_E}"
        ),
    ),
    (
        "plural",
        re.compile(
            rf"{_B}cac\s+{lexicon.GROUP_NOUNS}(?:(?:\s*[,-]\s*(?:cac\s+)?|\s+va\s+(?!cac\s)|\s+(?={lexicon.JOINED_NOUNS}))"
            rf"{lexicon.GROUP_NOUNS}{_E})*"
            rf"{lexicon.GROUP_TAIL}{_E}"
        ),
    ),
]
_HEAD_RE = re.compile(rf"{_B}(?:{_HEAD_ALT})(?:(?<=[.\s])|{_E})")
_SECTOR_RE = re.compile(rf"\s*(?:{_SECTOR_ALT}){_E}")
_LEVEL_RE = re.compile(rf"\s*(?P<lv>{_LEVEL}){_E}")
_PLURAL_LEVELS = re.compile(
    rf"\s+(?P<cac>cac\s+)?(?P<lv>{_LEVEL}){_E}(?P<more>(?:\s*,\s*{_LEVEL}{_E})*)"
    r"(?:\s+truc thuoc trung uong(?![a-z]))?"
)
_PARTY_COMMITTEE_RE = re.compile(
    r"\s*(?P<pc>tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy (?:xa|phuong|thi tran|dac khu)|"
    + lexicon.BLOC_COMMITTEE
    + r")(?![0-9a-z])"
)
_CAP_WORD = re.compile(rf"\s+(?P<w>[{UPPER}][\w'’]*)")
_CAP_WORD_NEXT = re.compile(rf"(?:\s+|\s*-\s*)(?P<w>[{UPPER}][\w'’]*)")  # "Phan Rang - Tháp Chàm"
# Words that open the name of a document or a phrase, never a place's ('… tỉnh | Kế hoạch …'); head nouns of units
# ('Phòng', 'Công an') end a place only where a unit's name starts there, so 'Hải Phòng', 'Sông Công' stay whole.
_PLACE_STOP = {"Kế", "Chỉ", "Chương", "Quyết", "Nghị", "Luật", "Đơn", "Thời", "Ủy", "UBND", "Về", "Thực"}

_OFFICE_WORDS = {"văn phòng", "thanh tra"}
# Issuers whose own offices ('Phòng Tuyên truyền', 'Văn phòng Ban') and, for the mass organisations, boards ('Ban Gia
# đình - Xã hội', 'Ban Tuyên giáo' of a Hội) a text names without saying whose.
_UNITS_OF = {"department", "ministry", "party-board", "mass-organisation", "youth-union"}
_BOARDS_OF = {"mass-organisation", "youth-union"}
_PLACE_GLUE = {"và", "của", "với", "các", "tại", "trên", "về", "cho", "trong"}

_PARTY_LEVEL = lexicon.PARTY_LEVELS
_PARTY_LABEL = {
    "tinh uy": "Tỉnh ủy",
    "thanh uy": "Thành ủy",
    "huyen uy": "Huyện ủy",
    "quan uy": "Quận ủy",
    "thi uy": "Thị ủy",
    "dang uy xa": "Đảng ủy xã",
    "dang uy phuong": "Đảng ủy phường",
    "dang uy thi tran": "Đảng ủy thị trấn",
    "dang uy dac khu": "Đảng ủy đặc khu",
}
_LEVEL_LABEL = {
    "tinh": "tỉnh",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
    "xa": "xã",
    "phuong": "phường",
    "thi tran": "thị trấn",
    "dac khu": "đặc khu",
}
_CENTRAL_LABEL = {
    "politburo": "Bộ Chính trị",
    "secretariat": "Ban Bí thư",
    "party-central-committee": "Ban Chấp hành Trung ương Đảng",
    "prime-minister": "Thủ tướng Chính phủ",
    "government": "Chính phủ",
    "national-assembly": "Quốc hội",
    "central-youth-union": "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "labour-confederation": "Tổng Liên đoàn Lao động Việt Nam",
}
_KIND_LABEL = {"department": "Sở", "ministry": "Bộ", "office": "Phòng"}


def _mass_organisation_name(folded: str) -> str:
    """The canonical name of the mass organisation a folded mention names ('hoi lhpn …' -> 'Hội Liên hiệp Phụ nữ')."""
    return next((name for name, pattern in lexicon.MASS_ORGANISATIONS.items() if re.search(pattern, folded)), "Hội")


def _bloc_name(folded: str) -> str:
    """The bloc party committee's name as the text gives it (before 2025 a province had two, after it one)."""
    offices, firms = "co quan" in folded, "doanh nghiep" in folded
    if (offices and firms) or not (offices or firms):
        return "Đảng ủy Khối Cơ quan và Doanh nghiệp"
    return "Đảng ủy Khối các cơ quan" if offices else "Đảng ủy Khối Doanh nghiệp"


def _youth_word(alias: str, level_word: str | None) -> str:
    """The level word of a youth union: 'Tỉnh đoàn' -> 'tinh'; 'BCH Đoàn tỉnh …' -> 'tinh' (from its level word)."""
    first = key(alias).split()[0]
    if first in _YOUTH_LEVEL:
        return first
    return {"thanh pho": "thanh", "tp": "thanh", "thi xa": "thi"}.get(level_word or "", level_word or "tinh")


_YOUTH_LEVEL = {
    "tinh": "province",
    "thanh": "province-or-district",
    "huyen": "district",
    "quan": "district",
    "thi": "district",
}
_YOUTH_UNION = {
    "tinh": "Tỉnh đoàn",
    "thanh": "Thành đoàn",
    "huyen": "Huyện đoàn",
    "quan": "Quận đoàn",
    "thi": "Thị đoàn",
}
_ABBREVIATIONS = [
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bMTTQ\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"\bTTVHTT\b"), "Trung tâm Văn hóa - Thể thao"),
    (re.compile(r"\bVKSND\b"), "Viện kiểm sát nhân dân"),
    (re.compile(r"\bTAND\b"), "Tòa án nhân dân"),
    (re.compile(r"\bPT\s*-\s*TH\b"), "Phát thanh và Truyền hình"),
    (re.compile(r"\bLHPN\b"), "Liên hiệp Phụ nữ"),
    (re.compile(r"\bTHPT\b"), "Trung học phổ thông"),
    (re.compile(r"\bTHCS\b"), "Trung học cơ sở"),
    (re.compile(r"\bBCH(?= Quân sự)"), "Ban Chỉ huy"),
]
_FIXED_LABEL = {
    "social-insurance": "Bảo hiểm xã hội",
    "statistics-office": "Chi cục Thống kê",
    "health-centre": "Trung tâm Y tế",
    "border-guard": "Bộ Chỉ huy Bộ đội Biên phòng",
    "police": "Công an",
    "health-station": "Trạm Y tế",
    "military-command": "Ban Chỉ huy Quân sự",
    "treasury": "Kho bạc Nhà nước",
    "assembly-office": "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "procuracy": "Viện kiểm sát nhân dân",
    "court": "Tòa án nhân dân",
    "joint-office": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
}


def _expand(name: str) -> str:
    """A name with the common abbreviations spelled out (UBND -> Ủy ban nhân dân)."""
    for pattern, full in _ABBREVIATIONS:
        name = pattern.sub(full, name)
    return name


@dataclass(frozen=True)
class Mention:
    """An agency-shaped stretch of clean text, before resolution."""

    start: int
    end: int
    kind: str
    sector: str | None = None
    level_word: str | None = None
    place: str | None = None
    prefix: str | None = None
    party: str | None = None  # party committee named after a board ("Ban Tuyên giáo Huyện ủy")
    group: str | None = None
    count: int | None = None
    head_end: int = 0  # end of the head noun (before any level word or place)
    name: str | None = None  # the own name of a named unit ("Trung tâm Kiểm soát bệnh tật"), head included
    member: str | None = None  # a group of one kind of unit over several levels: that kind ("Phòng GD&ĐT các huyện")
    inner: Mention | None = None  # the body a unit belongs to, named right after it ("Văn phòng | UBND tỉnh")


_BODY_AFTER_LEVEL = re.compile(r"\s+(?:doan|uy)(?![a-z])")
_LEVEL_SPELLINGS = {"tỉnh", "thành phố", "tp", "tp.", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"}


def _level_word(folded: str, pos: int, text: str | None = None) -> tuple[str | None, int]:
    """The level word at pos ('tỉnh', 'huyện', …); with the text, one written with other accents ('Quản') is not."""
    m = _LEVEL_RE.match(folded, pos)
    if not m:
        return None, pos
    if text is not None:
        written = " ".join(text[m.start("lv") : m.end("lv")].lower().split())
        if written not in _LEVEL_SPELLINGS:
            if written != folded[m.start("lv") : m.end("lv")]:
                return None, pos
            after = _NAME_WORD.match(text, m.end())  # unaccented: a level word only in a text written without accents
            if after is not None and not after.group("w").isascii():
                return None, pos  # "Sở Giáo dục và Đào tạo | quan tâm": 'quan', not 'quận'
        if _BODY_AFTER_LEVEL.match(folded, m.end()):  # "Tỉnh đoàn", "Huyện ủy": a body, not a level word
            return None, pos
    return m.group("lv").rstrip("."), m.end()


def _place_name(text: str, pos: int, folded: str | None = None) -> tuple[str | None, int]:
    """A run of up to four capitalised words starting at pos (a place or unit name); with the folded text, a word
    that opens another agency ('Tỉnh đoàn', 'Hội …') ends it."""
    words: list[str] = []
    end = pos
    while len(words) < 5:
        m = (_CAP_WORD_NEXT if words else _CAP_WORD).match(text, end)
        word = m.group("w") if m else ""
        if not m or word in _PLACE_STOP or word.lower() in _PLACE_GLUE:
            break  # capitals of a heading ('ỦY BAN … TỈNH VÀ CÁC …') end at the words that end a name
        if folded is not None and match_at(text, folded, m.start("w")) is not None:
            break
        if text[m.start("w") : m.start("w") + 9].lower() in _OFFICE_WORDS:  # "UBND TỈNH SƠN LA VĂN PHÒNG"
            break
        words.append(text[end : m.end()].strip())
        end = m.end()
    return (" ".join(words) if words else None), end


_NAME_WORD = re.compile(r"(?:\s*-\s*|\s+)(?P<w>[^\s,;:.()\[\]“”\"'/|]+)")
_ISSUER_REF = {"Sở", "Bộ", "Ban", "Hội"}  # "Văn phòng Sở", "Thanh tra Bộ", "Văn phòng Ban": the issuing body
_CAPS_KINDS = {"department", "ministry", "office", "health-station", "military-command", "youth-union"}


def _lowercase_levels(text: str, m: re.Match[str]) -> bool:
    """Whether a list of level words ('xã, phường, thị trấn') is written as such, not the start of a name
    ('tỉnh, Tỉnh đoàn')."""
    written = text[m.start() : m.end()]
    return written.lower() == written


# A comma inside a name that lists its fields: "Phòng Bảo vệ, chăm sóc trẻ em và Bình đẳng giới".
_LISTED_NAME = re.compile(rf",\s*(?!các\s|những\s)(?:[^\s,;:.()|]+\s+){{1,5}}và\s+[{UPPER}]")
# "các đơn vị và Sở Y tế": the group ends before a named unit (not before a school level abbreviated: 'THCS')
_NOT_LEVEL = r"(?!(?:THCS|THPT|PTDTNT|MN|TH)\b)"
_AND_PROPER = re.compile(rf"\s+và\s+{_NOT_LEVEL}(?=[{UPPER}])")
# 'các Vụ, Cục, Thanh tra Bộ': a head noun alone after the comma is one more of the group's
_BARE_HEAD = r"(?!(?:Cục|Vụ|Sở|Ban|Ngành|Phòng)(?:\s*[,;.]|\s+và\s))"
_COMMA_PROPER = re.compile(rf",\s+{_NOT_LEVEL}{_BARE_HEAD}(?=[{UPPER}])")


# What a group's members have in common, written after it: "có đông đồng bào dân tộc thiểu số", "ven biển", "còn lại".
_QUALIFIER = re.compile(r"\s+(?:(?P<has>co)(?=\s)|(?:ven bien|mien nui|vung cao|vung sau|bien gioi|con lai)(?![a-z]))")
_NOT_QUALIFIER = re.compile(
    r"\s+(?:trach nhiem|nhiem vu|ke hoach|van ban|y kien|bao cao|the|tham gia|chuc nang)(?![a-z])"
)


def _qualified(text: str, folded: str, end: int) -> int:
    """Where a group ends once the qualifier written after it is taken in ('UBND các xã | có tỷ lệ tảo hôn cao');
    'có trách nhiệm …' is the sentence's verb, not a qualifier."""
    q = _QUALIFIER.match(folded, end)
    if q is None:
        return end
    if not q.group("has"):
        return q.end()
    if _NOT_QUALIFIER.match(folded, q.end()):
        return end
    pos, words = q.end(), 0
    while words < 8:
        w = _NAME_WORD.match(text, pos + 1) if text.startswith(",", pos) else None
        if w is not None and words and w.group("w").islower() and _ends_qualifier(text, folded, w.end()):
            return w.end()  # "có sông, biển | tổ chức": a last noun after a comma
        w = _NAME_WORD.match(text, pos)
        if w is None or text[pos : w.start("w")].strip():
            break  # punctuation ends the qualifier
        at = w.start("w")
        pair = folded[at:].split(" ", 2)
        if (
            w.group("w") in lexicon.NAME_STOP_WORDS
            or " ".join(pair[:2]) in lexicon.NAME_STOPS
            or match_at(text, folded, at)
        ):
            break
        pos, words = w.end(), words + 1
    return pos if words else end


def _ends_qualifier(text: str, folded: str, pos: int) -> bool:
    """Whether a verb, a function word or punctuation comes right after pos."""
    w = _NAME_WORD.match(text, pos)
    if w is None or text[pos : w.start("w")].strip():
        return True
    pair = " ".join(folded[w.start("w") :].split(" ", 2)[:2])
    return w.group("w") in lexicon.NAME_STOP_WORDS or pair in lexicon.NAME_STOPS


def _in_phrase(folded: str, at: int) -> bool:
    """Whether the word pair at `at` belongs to a noun phrase of unit names (up to two words before it)."""
    for back in (0, 1, 2):
        start = at
        for _ in range(back):
            start = folded.rfind(" ", 0, start - 1) + 1
        if any(folded.startswith(phrase, start) for phrase in lexicon.NAME_PHRASES):
            return True
    return False


def _comma_pair(folded: str, end: int) -> bool:
    """Whether a comma at `end` joins a pair a name writes with a comma ('học sinh, sinh viên')."""
    return any(folded[:end].endswith(a) and folded.startswith(f", {b}", end) for a, b in lexicon.NAME_COMMA_PAIRS)


def _opens_unit(text: str, folded: str, pos: int) -> bool:
    """Whether another unit's name starts at pos (after spaces)."""
    gap = len(text[pos:]) - len(text[pos:].lstrip())
    return match_at(text, folded, pos + gap) is not None


_UNIT_OF_SEP = re.compile(r"\s*(?:,|-|–)\s*")


def _unit_name(text: str, folded: str, pos: int) -> tuple[str | None, int]:
    """A unit's own name written in sentence case after its head noun ('Kiểm soát bệnh tật', 'Bà mẹ và Trẻ em',
    'Nghiệp vụ Y'): from a capitalised word on, until punctuation, a level word, another agency, or a verb."""
    words: list[str] = []
    end = pos
    free = 0  # words after a comma pair ('Thi đua, khen thưởng') that belong to the name whatever they are
    while len(words) < 14:
        if words and _comma_pair(folded, end):
            end, free = end + 1, 2  # step over the comma of 'Phòng, chống …', 'Thi đua, khen thưởng'
        elif _LISTED_NAME.match(text, end) and not _opens_unit(text, folded, end + 1):
            end += 1  # step over the comma of a name that lists its fields

        m = _NAME_WORD.match(text, end)
        if not m:
            break
        word, at = m.group("w"), m.start("w")
        fword = folded[at : m.end("w")]
        if not words:
            if not word[0].isupper() or match_at(text, folded, at) is not None:
                break
        elif _level_word(folded, at - 1, text)[0] is not None or match_at(text, folded, at) is not None:
            break
        elif fword == "va":
            after = _NAME_WORD.match(text, m.end())
            if after is None or not after.group("w")[0].isupper() or match_at(text, folded, after.start("w")):
                break
        elif free:
            free -= 1
        elif not word[0].isupper():
            after = _NAME_WORD.match(folded, m.end())
            pair = f"{fword} {after.group('w')}" if after else ""
            if (word in lexicon.NAME_STOP_WORDS and not _in_phrase(folded, at)) or (
                word == "các" and _PLURAL_LEVELS.match(folded, at - 1)
            ):
                break  # "… Chính trị | các huyện, thị xã" is the unit in each district; "Ban Quản lý các khu …" a name
            if pair in lexicon.NAME_STOPS and not _in_phrase(folded, at):
                break  # a verb ends the name, unless it is part of a phrase names use ('Công nghệ thông tin')
        words.append(text[end : m.end()].strip(" -"))
        end = m.end()
        if word in _ISSUER_REF and not ((nxt := _NAME_WORD.match(text, m.end())) and nxt.group("w")[0].isupper()):
            break  # "Văn phòng Sở | đăng tải", but "Văn phòng Ban Chỉ đạo"
    return (" ".join(words) if words else None), end


# An official named by position stands for the body: "Giám đốc Sở Y tế", "Chủ tịch UBND huyện", "Giám đốc Sở",
# and alone ("báo cáo Bộ trưởng (qua …)") for the issuing body of the kind the position heads.
_POSITION = re.compile(
    r"(?:pho giam doc|giam doc|pho chu tich|chu tich|chanh|bo truong|thu truong|lanh dao"
    r"|(?:pho )?hieu truong(?=\s+cac\s)|(?:pho )?truong(?=\s+phong\s))\s+"
)
_POSITION_OF = {
    "giam doc": "department",
    "pho giam doc": "department",
    "bo truong": "ministry",
    "thu truong": "ministry",
    "chu tich": "people-committee",
    "pho chu tich": "people-committee",
}
_OWN_BODY = re.compile(
    r"(?:so|bo|ban)(?![a-z])(?!\s+(?:y te|giao duc|lao dong|tai chinh|tu phap|noi vu|cong an|van hoa))"
)
_HEADED_BODIES = {"department", "ministry", "people-committee", "party-board"}
_OWN_BODY_KIND = {"so": "department", "bo": "ministry", "ban": "party-board"}


def _own_body_ends(text: str, pos: int) -> bool:
    """Whether a bare 'Sở', 'Bộ' or 'Ban' after a position stands alone: no capitalised name word follows it."""
    m = _NAME_WORD.match(text, pos)
    return m is None or text[pos : m.start("w")].strip() != "" or not m.group("w")[0].isupper()


def _ends_phrase(text: str, folded: str, pos: int) -> bool:
    """Whether the noun phrase ends at pos: punctuation, the end, or a verb or function word follows."""
    m = _NAME_WORD.match(text, pos)
    if m is None or text[pos : m.start("w")].strip() != "":
        return True
    word = m.group("w")
    if word[0].isupper():
        return False
    after = _NAME_WORD.match(folded, m.end())
    return (
        word in lexicon.NAME_STOP_WORDS
        or f"{folded[m.start('w') : m.end('w')]} {after.group('w') if after else ''}" in lexicon.NAME_STOPS
    )


_BODIES_OF = re.compile(
    r"(?:ban thuong vu|thuong truc|dang doan|ban can su dang|lanh dao|ban tuyen giao(?: va dan van)?"
    r"|ban dan van|ban to chuc|uy ban kiem tra|van phong)\s+(?=cac\s)"
)


def _written_as(text: str, folded: str, pos: int, kind: str) -> bool:
    """Whether a short head word is written as that head ('Vụ', not the 'Vũ' of 'Vũ Quý'; 'Sở', not 'Số'; 'Phòng',
    not the 'Phong' of 'Phong Điền')."""
    spellings = lexicon.HEAD_SPELLINGS.get(kind)
    if spellings is None:
        return True
    end = pos
    while end < len(text) and text[end].isalpha():
        end += 1
    word = text[pos:end].lower()
    if word == "ca" and text[pos:end] != "CA":  # the police abbreviated: 'CA phường', never 'ca' in running words
        return False
    return word in spellings or word not in lexicon.HEAD_LOOKALIKES.get(kind, frozenset())


def match_at(text: str, folded: str, pos: int) -> Mention | None:
    """The agency or group mention starting exactly at pos, if any (read once a place while one document is read:
    the scan, the lists and the names around a mention ask again at the same words)."""
    where = (pos, text, folded)
    found = _AT.get(where, _UNREAD)
    if found is _UNREAD:
        found = _AT[where] = _read_at(text, folded, pos)
    return found


def _read_at(text: str, folded: str, pos: int) -> Mention | None:
    """match_at, read afresh."""
    position = _POSITION.match(folded, pos)
    if position is not None:
        title = folded[pos : position.end()].strip()
        at, written = position.end(), text
        if title.endswith("truong") and not title.endswith("hieu truong"):  # "Trưởng phòng Tư pháp": the office's head
            written = text[:at] + text[at : at + 1].upper() + text[at + 1 :]
        body = _match_at(written, folded, at) if text[pos].isupper() else None
        if body is not None and title != "lanh dao":
            return Mention(pos, body.end, "position", head_end=position.end(), inner=body)
        own = _OWN_BODY.match(folded, position.end())
        if own and text[position.end()].isupper() and _own_body_ends(text, own.end()):
            # "Giám đốc Sở", "lãnh đạo Bộ": the issuing Sở or Bộ
            return Mention(
                pos,
                own.end(),
                "position",
                head_end=position.end(),
                member=_OWN_BODY_KIND[folded[position.end() : own.end()]],
            )
        if title in _POSITION_OF and text[pos].isupper() and _ends_phrase(text, folded, pos + len(title)):
            return Mention(pos, pos + len(title), "position", head_end=pos + len(title), member=_POSITION_OF[title])
    standing = _STANDING_OF.match(folded, pos) if text[pos : pos + 1].isupper() else None
    if standing is not None and (org := _organisation_at(text, folded, standing.end() - 1)) is not None:
        # "Ban Thường vụ Tỉnh đoàn", "Ban Thường vụ Hội Nông dân tỉnh": the organisation's standing committee
        return Mention(pos, org.end, "standing-body", head_end=standing.end(), inner=org)
    bodies = _BODIES_OF.match(folded, pos)
    if bodies is not None and (group := _group_at(text, folded, bodies.end())) is not None:
        # "Ban Thường vụ các huyện ủy, thành ủy", "Đảng đoàn các tổ chức chính trị - xã hội": the same body of each
        return Mention(
            pos,
            group.end,
            "group",
            group=group.group,
            level_word=group.level_word,
            count=group.count,
            member=group.member,
            sector=group.sector,
            head_end=group.head_end,
        )
    return _match_at(text, folded, pos)


_CENTRAL_WORD = re.compile(r"\s+trung uong(?![a-z])")
_STANDING_OF = re.compile(
    r"(?:ban thuong vu|thuong truc|ban chap hanh|ban bi thu(?=\s+trung uong doan)"
    r"|doan chu tich(?=\s+trung uong hoi))\s"
)
_ORGANISATIONS = {"youth-union", "mass-organisation", "central-youth-union", "central-mass-organisation"}


def _organisation_at(text: str, folded: str, pos: int) -> Mention | None:
    """A mass organisation or youth union named at pos (after spaces)."""
    gap = len(folded[pos:]) - len(folded[pos:].lstrip())
    if not 0 < gap <= 2:
        return None
    found = _match_at(text, folded, pos + gap)
    return found if found is not None and found.kind in _ORGANISATIONS else None


def _group_at(text: str, folded: str, pos: int) -> Mention | None:
    found = _match_at(text, folded, pos)
    return found if found is not None and found.kind == "group" else None


def _alternative(m: re.Match[str]) -> int:
    """Which of the numbered alternatives (h0, h1 … or s0, s1 …) a match took: the one named group that closed."""
    name = m.lastgroup
    assert name is not None, m.re.pattern[:40]
    return int(name[1:])


def _match_at(text: str, folded: str, pos: int) -> Mention | None:
    for pattern_name, pat in _GROUP_PATTERNS if _GROUP_START.match(folded, pos) else ():
        m = pat.match(folded, pos)
        if m and pattern_name == "plural-party" and not folded.startswith("cac", pos) and not m.group("more"):
            continue  # "Đảng ủy xã Tam Thanh", "Đảng ủy xã" of a commune's own plan: one committee, not a group
        if (
            m
            and pattern_name == "plural"
            and (proper := _AND_PROPER.search(text, pos))
            and proper.start() < m.end()
            and not text.isupper()
        ):
            return Mention(pos, proper.start(), "group", group=pattern_name)
        if (
            m
            and pattern_name == "plural"
            and (named := _COMMA_PROPER.search(text, pos))
            and named.start() < m.end()
            and not text.isupper()
        ):
            return Mention(pos, named.start(), "group", group=pattern_name)  # "các cơ quan, đơn vị, | Ban điều hành …"
        if m:
            groups = m.groupdict()
            lv, n = groups.get("lv"), groups.get("n")
            member = {"so": "department", "phong": "office"}.get(groups.get("k") or "")
            return Mention(
                pos,
                _qualified(text, folded, m.end()),
                "group",
                group=pattern_name,
                level_word=lv.rstrip(".") if lv else None,
                count=int(n) if n else None,
                member=member,
            )
    m = _HEAD_RE.match(folded, pos)
    if not m:
        return None
    idx = _alternative(m)
    kind = lexicon.HEADS[idx][0]
    end = m.end()
    head = folded[m.start() : end]
    if (kind in _CAPS_KINDS or kind in lexicon.NAMED_KINDS - lexicon.LOCAL_KINDS) and not text[pos].isupper():
        return None  # an official post ('công chức Văn hóa - Xã hội') is written in lower case: its name is not
    if not _written_as(text, folded, pos, kind):
        return None
    if kind == "media" and head == "bao" and folded.startswith(" cao", end) and text[end + 1 : end + 5] != "Cao ":
        return None  # 'báo cáo' is a report; 'Báo Cao Bằng' a newspaper
    sector = prefix = party = None
    if kind in lexicon.SECTOR_KINDS:
        s = _SECTOR_RE.match(folded, end)
        if s:
            sector = _SECTOR_NAMES[_alternative(s)]
            end = s.end()
        elif kind == "office":
            kind = "agency-office"  # "Phòng Nghiệp vụ Y": an office named by its own words
        elif text[pos].isupper() and _ends_phrase(text, folded, end):  # "báo cáo về Sở (qua …)": the issuing Sở
            return Mention(pos, end, "position", head_end=end, member=kind)
        else:
            return None
    plural = _PLURAL_LEVELS.match(folded, end)
    if plural and plural.group("more") and not plural.group("cac") and not _lowercase_levels(text, plural):
        plural = None
    if plural and (plural.group("cac") or plural.group("more")) and kind not in ("party-committee", "party-board"):
        # "Phòng GD&ĐT các huyện, thị xã", "UBND quận, huyện", "Công an xã, phường": that kind of unit in each
        return Mention(
            pos,
            _qualified(text, folded, plural.end()),
            "group",
            group="plural-kind",
            level_word=plural.group("lv").rstrip("."),
            sector=sector,
            member=kind,
            head_end=end,
        )
    if kind in ("agency-office", "party-delegation"):
        inner = match_at(text, folded, end + len(folded[end:]) - len(folded[end:].lstrip()))
        if inner is not None and inner.kind != "group":
            return Mention(pos, inner.end, kind, head_end=end, inner=inner)
        if kind == "party-delegation":
            if head in ("dang uy", "chi bo") and text[pos].isupper():  # the issuer's unit's own committee
                return Mention(pos, end, "party-committee", party="own", head_end=end)
            return None
    if kind == "party-committee":
        for p in ("ban thuong vu", "thuong truc", "tt"):
            if head.startswith(p):
                prefix = "Ban Thường vụ" if p == "ban thuong vu" else "Thường trực"
        pc = _PARTY_COMMITTEE_RE.search(head)
        party = pc.group("pc") if pc else None
    if kind == "party-board":
        pc = _PARTY_COMMITTEE_RE.match(folded, end)
        if pc:
            party = pc.group("pc")
            end = pc.end()
        elif (org := _organisation_at(text, folded, end)) is not None:  # "Ban Tuyên giáo Tỉnh đoàn"
            return Mention(pos, org.end, "board", head_end=end, inner=org)
        elif (central := _CENTRAL_WORD.match(folded, end)) is not None:  # "Ban Dân vận Trung ương"
            return Mention(pos, central.end(), kind, party="central", head_end=end)
    if kind == "people-council" and head.startswith(("thuong truc", "tt")):
        prefix = "Thường trực"
    level, end2 = _level_word(folded, end, text)
    # "Thành ủy Thành phố Hồ Chí Minh", never "Huyện ủy Quan Sơn"
    if (
        level
        and kind == "party-committee"
        and (level not in ("thanh pho", "tp", "tinh") or _place_name(text, end2)[0] is None)
    ):
        level = None
    if level:
        end = end2
    place = name = None
    if kind in lexicon.NAMED_KINDS and not level:
        name, name_end = _unit_name(text, folded, end)
        if name is None and _level_word(folded, end, text)[0] is None and _expand(text[pos:end]) == text[pos:end]:
            return None  # a head noun alone is no unit, unless an abbreviation of a unit's name ('TTVHTT')
        end = name_end if name else end
        name = tidy(text[pos:end])
        many = _PLURAL_LEVELS.match(folded, end)
        if many is not None and many.group("cac") and _lowercase_levels(text, many):
            # "Trung tâm Chính trị các huyện, thị xã, thành phố": that unit in each
            return Mention(
                pos,
                many.end(),
                "group",
                group="plural-kind",
                level_word=many.group("lv").rstrip("."),
                member=kind,
                head_end=end,
            )
        gap = len(folded[end:]) - len(folded[end:].lstrip())
        inner = match_at(text, folded, end + gap) if 0 < gap <= 2 else None
        if inner is None and kind in lexicon.MINISTRY_UNITS and (sep := _UNIT_OF_SEP.match(folded, end)):
            ministry = match_at(text, folded, sep.end())  # "Cục Bà mẹ và Trẻ em, Bộ Y tế": the Cục of that Bộ
            inner = ministry if ministry is not None and ministry.kind == "ministry" else None
        if inner is not None and inner.kind != "group":  # "Phòng Chính trị tư tưởng | Sở GD&ĐT"
            return Mention(pos, inner.end, kind, head_end=end, inner=inner, name=name)
        level, end2 = _level_word(folded, end, text)
        if level:
            end = end2
    if level or kind in {"party-committee", "people-committee", "youth-union"}:
        place, end3 = _place_name(text, end, folded)
        if place:
            end = end3
    if kind == "police" and not level:
        return None
    return Mention(
        pos,
        end,
        kind,
        sector=sector,
        level_word=level,
        place=place,
        prefix=prefix,
        party=party,
        head_end=m.end(),
        name=name,
    )


_WORD_START = re.compile(r"(?<![\w&/-])\w")
# Every place a mention may start: a superset of what match_at accepts, to skip the words that start none.
# The words a group mention can open with (tests/test_agency_names.py checks every group pattern's matches against
# it): scanning for these is cheaper than trying each group pattern at every word.
GROUP_STARTS = (
    r"(?:cac|uy ban|ubnd|ub|dang uy|chi uy|cap uy|truong|ban nhan dan|ban dieu hanh|chi bo|chinh quyen"
    r"|to chuc dang|mat tran|mttq|cong doan|cap|co quan|nganh)(?![a-z])"
)
_GROUP_START = re.compile(GROUP_STARTS)
_CANDIDATE = re.compile(
    r"(?<![0-9a-z])(?:"
    + re.sub(
        r"\(\?P<\w+>",
        "(?:",
        "|".join([_POSITION.pattern, _BODIES_OF.pattern, _STANDING_OF.pattern, _HEAD_RE.pattern, GROUP_STARTS]),
    )
    + ")"
)


def find_all(text: str, folded: str | None = None) -> list[Mention]:
    """All non-overlapping agency mentions in text, left to right (a fresh list; the scan is kept by text while one
    document is read). `folded`, when given, is ffold(text)."""
    found = _MENTIONS.get(text)
    if found is None:
        found = _MENTIONS[text] = _find_all(text, ffold(text) if folded is None else folded)
    return list(found)


def forget_mentions() -> None:
    """Drop the mentions kept from earlier texts: each document starts its scan cold."""
    _MENTIONS.clear()
    _AT.clear()


_MENTIONS: dict[str, tuple[Mention, ...]] = {}
_AT: dict[tuple[int, str, str], Mention | None] = {}  # match_at's answers, by (pos, text, folded)
_UNREAD = Mention(-1, -1, "unread")  # the place was not read yet


def _find_all(text: str, folded: str) -> tuple[Mention, ...]:
    out: list[Mention] = []
    pos = 0
    while pos < len(text):
        candidate = _CANDIDATE.search(folded, pos)  # only where a mention can start: the heads' first words
        if not candidate:
            break
        at = candidate.start()
        hit = match_at(text, folded, at) if _WORD_START.match(text, at) else None
        listed = listed_units(text, folded, hit) if hit else []
        if listed:
            out.extend(listed)
            pos = listed[-1].end
        elif hit:
            out.append(hit)
            pos = hit.end
        else:
            pos = at + 1
    return tuple(out)


_KIND_OF_PLURAL = re.compile(r"(?<![a-z])cac\s+(?P<k>so|bo|phong)$")
_LIST_COLON = re.compile(r"\s*:\s*")
_LIST_SEP = re.compile(r"\s*(?:,|;|va)\s*")


def _sectors_listed(text: str, folded: str, hit: Mention) -> list[Mention]:
    """'Giám đốc các Sở: Y tế, Tư pháp và Tài chính': one mention a sector, each of the kind the list names."""
    plural = _KIND_OF_PLURAL.search(folded, hit.start, hit.end)
    if plural is None or plural.end() != hit.end:
        return []
    colon = _LIST_COLON.match(folded, hit.end)
    if colon is None:
        return []
    kind = {"so": "department", "bo": "ministry", "phong": "office"}[plural.group("k")]
    out: list[Mention] = []
    pos = colon.end()
    while (s := _SECTOR_RE.match(folded, pos)) is not None and text[s.end() - len(s.group().strip()) :][:1].isupper():
        sector = _SECTOR_NAMES[_alternative(s)]
        at = s.start() + len(s.group()) - len(s.group().lstrip())
        out.append(Mention(at, s.end(), kind, sector=sector, head_end=at))
        sep = _LIST_SEP.match(folded, s.end())
        if sep is None:
            break
        pos = sep.end()
    return out


def listed_units(text: str, folded: str, hit: Mention) -> list[Mention]:
    """The units a mention lists by name after it, one mention each ('các Sở: Y tế, Tư pháp', 'UBND các huyện A, B',
    'UBND thành phố A, huyện B và huyện C'); [] when it lists none."""
    return _sectors_listed(text, folded, hit) or _places_listed(text, folded, hit) or _more_places(text, folded, hit)


def _more_places(text: str, folded: str, hit: Mention) -> list[Mention]:
    """'Ủy ban nhân dân thành phố Phú Quốc, huyện Kiên Hải và huyện Kiên Lương': the committee of each unit named
    with its own level word after the first."""
    if hit.kind != "people-committee" or not hit.place or not hit.level_word:
        return []
    out = [hit]
    pos = hit.end
    while (sep := _LIST_SEP.match(folded, pos)) is not None and sep.group().strip():
        level, after = _level_word(folded, sep.end() - 1, text)
        if level is None:
            break
        place, end = _place_name(text, after, folded)
        if place is None:
            break
        out.append(Mention(sep.end(), end, "people-committee", level_word=level, place=place, head_end=sep.end()))
        pos = end
    return out if len(out) > 1 else []


def _places_listed(text: str, folded: str, hit: Mention) -> list[Mention]:
    """'UBND các huyện Đắk Glei, Tu Mơ Rông và Kon Plông': the People's Committee of each place named."""
    if hit.kind != "group" or hit.group != "plural-pc" or not hit.level_word:
        return []
    out: list[Mention] = []
    pos, start = hit.end, hit.start
    colon = _LIST_COLON.match(folded, pos)
    if colon is not None and colon.end() > pos + 1 and folded[colon.end() - 1] == " ":  # "UBND các huyện: A, B"
        pos = colon.end() - 1
    while True:
        place, end = _place_name(text, pos, folded)
        if place is None:
            break
        out.append(Mention(start, end, "people-committee", level_word=hit.level_word, place=place, head_end=start))
        sep = _LIST_SEP.match(folded, end)
        if sep is None or not sep.group().strip():
            break
        pos, start = sep.end() - 1, sep.end()
    if colon is not None and len(out) < 2:  # after a colon only a list of names is one: 'UBND các huyện: Báo cáo …'
        return []
    return out


def after_word(folded: str, m: Mention, words: str, floor: int = 0) -> bool:
    """Whether the mention follows one of `words` (a folded alternation such as 'cua|tai')."""
    return re.search(rf"(?<![a-z])(?:{words})\s*$", folded[max(floor, m.start - 12) : m.start]) is not None


class Resolver:
    """Turns mentions into AgencyRefs in the jurisdiction of the document that mentions them."""

    def __init__(self, places: Places, home: Jurisdiction, issuer_level: str, owner: AgencyRef | None = None) -> None:
        self.places = places
        self.home = home
        self.issuer_level = issuer_level
        self.owner = owner  # the issuing body: internal units without a place of their own belong to it

    def _unit_for(self, level_word: str | None, place: str | None, default_level: str) -> Jurisdiction:
        level = lexicon.LEVEL_WORDS.get(level_word or "", default_level)
        if level == "province-or-district":
            level = self.places.city_level(place, self.home)
        if place:
            found = self.places.named(place, level, self.home)
            if found:
                return found
        if level == "central":
            return CENTRAL
        if level == "district" and self.home.level == "commune" and self.home.up("district") is None:
            return self.home  # a two-tier commune's own offices (Phòng Văn hóa - Xã hội)
        if level == "district" and self.home.scheme == "2025":  # no district level since 1 July 2025: a commune's
            return self.places.unknown("commune", self.home)
        return self.home.up(level) or self.places.unknown(level, self.home)

    def _named(self, m: Mention, alias: str, span: Span, head: str) -> AgencyRef:
        """A unit with a name of its own: placed by its level word, else an internal unit of the issuing body
        ('Phòng Nghiệp vụ Y' of a Sở, 'Văn phòng Sở'), else as written."""
        name = _expand(m.name or head)
        owner = self.owner
        if m.kind in lexicon.MINISTRY_UNITS and not m.level_word:
            if owner is not None and owner.kind == "ministry":
                return AgencyRef(
                    f"{name} {owner.label}", alias, m.kind, owner.level, owner.jurisdiction, span, parent=owner
                )
            return AgencyRef(name, alias, m.kind, "central", CENTRAL, span)
        if m.level_word:
            unit = self._unit_for(m.level_word, m.place, self.issuer_level)
            return AgencyRef(f"{name} {unit.name}", alias, m.kind, unit.level, unit, span)
        if key(name).endswith("trung uong"):  # "Hội đồng Đội Trung ương": a central body
            return AgencyRef(name, alias, m.kind, "central", CENTRAL, span)
        if m.kind in lexicon.LOCAL_KINDS:
            return AgencyRef(f"{name} {self.home.name}", alias, m.kind, self.home.level, self.home, span)
        organisation = self._organisation()
        if m.kind == "board" and organisation is not None:  # 'Ban Gia đình - Xã hội' of the Hội
            return AgencyRef(
                f"{name} {organisation.label}",
                alias,
                m.kind,
                organisation.level,
                organisation.jurisdiction,
                span,
                parent=organisation,
            )
        owner = organisation or owner
        if m.kind in lexicon.INTERNAL_KINDS and owner is not None and owner.kind in _UNITS_OF:
            words = name.split()
            if words[-1] in _ISSUER_REF:
                name = " ".join(words[:-1])
            return AgencyRef(
                f"{name} {owner.label}", alias, m.kind, owner.level, owner.jurisdiction, span, parent=owner
            )
        if m.kind in lexicon.KIND_LEVEL:  # "Trung tâm Văn hóa - Thể thao" of the district that writes of it
            unit = self._unit_for(None, None, lexicon.KIND_LEVEL[m.kind])
            return AgencyRef(f"{name} {unit.name}", alias, m.kind, unit.level, unit, span)
        unit = self.home if m.kind in lexicon.INTERNAL_KINDS else self.home.up("province") or self.home
        return AgencyRef(name, alias, m.kind, unit.level, unit, span)

    def resolve(self, m: Mention, block_text: str, span: Span) -> AgencyRef:
        """Resolve one mention; `block_text` is the clean text it was found in."""
        alias = tidy(block_text[m.start : m.end])
        if m.kind == "group":
            return self._group(m, alias, span, block_text)
        if m.kind in _CENTRAL_LABEL:
            return AgencyRef(_CENTRAL_LABEL[m.kind], alias, m.kind, "central", CENTRAL, span)
        if m.kind == "central-mass-organisation":  # "Trung ương Hội LHPN Việt Nam": the organisation's centre
            organisation = _mass_organisation_name(key(alias))
            return AgencyRef(f"Trung ương {organisation} Việt Nam", alias, m.kind, "central", CENTRAL, span)
        if m.kind in {"party-committee", "party-board"}:
            return self._party(m, alias, span)
        if m.kind == "position":  # the official's body: named after the position, else the issuing Sở or Bộ
            if m.inner is not None:
                return self.resolve(m.inner, block_text, span)
            owner = self.owner
            if owner is not None and owner.kind == (m.member or owner.kind) and owner.kind in _HEADED_BODIES:
                return AgencyRef(owner.label, alias, owner.kind, owner.level, owner.jurisdiction, span)
            return self.unresolved(alias, span)
        if m.kind == "standing-body" and m.inner is not None:
            body = self.resolve(m.inner, block_text, span)
            head = _sentence_case(tidy(block_text[m.start : m.head_end]))
            return AgencyRef(
                f"{head} {body.label}", alias, "standing-body", body.level, body.jurisdiction, span, parent=body
            )
        if m.inner is not None:  # "Văn phòng UBND tỉnh", "Đảng đoàn MTTQ tỉnh": a unit of the body named after it
            body = self.resolve(m.inner, block_text, span)
            head = _expand(m.name or tidy(block_text[m.start : m.head_end]))
            if head.isupper():  # "VĂN PHÒNG UBND TỈNH …" of a header
                head = head.capitalize()
            return AgencyRef(f"{head} {body.label}", alias, m.kind, body.level, body.jurisdiction, span, parent=body)
        if m.kind in lexicon.NAMED_KINDS:
            return self._named(m, alias, span, tidy(block_text[m.start : m.head_end]))
        default = lexicon.KIND_LEVEL.get(m.kind, self.issuer_level)
        head = key(block_text[m.start : m.head_end])
        if m.kind == "military-command" and head.startswith("bo"):  # "Bộ Chỉ huy Quân sự tỉnh"
            default = "province"
        if m.kind == "bank" and head.startswith(("chi nhanh", "phong giao dich")):
            default = "district"
        if m.kind == "youth-union":  # "Huyện đoàn Tuy Phong" is a district's; "Thành đoàn" a city's
            default = _YOUTH_LEVEL[_youth_word(alias, m.level_word)]
            province = self.home.up("province")
            if default == "province-or-district" and not m.place and province is not None:
                default = "province" if province.name.lower().startswith("thành phố") else "district"
        unit = self._unit_for(m.level_word, m.place, default)
        if m.kind in lexicon.SECTOR_KINDS:
            name = f"{_KIND_LABEL[m.kind]} {m.sector}"
        elif m.kind == "people-committee":
            name = "Ủy ban nhân dân"
        elif m.kind == "people-council":
            name = "Hội đồng nhân dân"
        elif m.kind == "fatherland-front":
            name = "Ủy ban Mặt trận Tổ quốc Việt Nam"
        elif m.kind == "youth-union":
            name = _YOUTH_UNION[_youth_word(alias, m.level_word)]
            if unit.known:
                return AgencyRef(f"{name} {unit.short}", alias, m.kind, unit.level, unit, span)
        elif m.kind == "military-command":
            name = "Bộ Chỉ huy Quân sự" if head.startswith("bo") else "Ban Chỉ huy Quân sự"
        elif m.kind == "bank":
            name = _sentence_head(block_text[m.start : m.head_end], "Ngân hàng Chính sách xã hội")
        elif m.kind in _FIXED_LABEL:
            name = _FIXED_LABEL[m.kind]
        elif m.kind == "mass-organisation":
            head = key(block_text[m.start : m.head_end])
            name = next(n for n, p in lexicon.MASS_ORGANISATIONS.items() if re.fullmatch(p, head))
        else:
            name = tidy(block_text[m.start : m.head_end])
        label = name if unit.level == "central" else f"{name} {unit.name}"
        ref = AgencyRef(label, alias, m.kind, unit.level, unit, span)
        if m.prefix:
            return AgencyRef(f"{m.prefix} {label}", alias, "standing-body", unit.level, unit, span, parent=ref)
        return ref

    def _party(self, m: Mention, alias: str, span: Span) -> AgencyRef:
        if m.party == "own":  # "Đảng ủy" of the document's own unit, or the agency committee that issues it
            if (own := self._own_committee()) is not None and own.kind == "party-delegation":
                return own
            unit = self.home if self.home.level != "central" else self.places.unknown("province")
            return AgencyRef(f"{tidy(alias)} {unit.name}", alias, "party-committee", unit.level, unit, span)
        owner = self._organisation()
        if m.party == "central":
            board = _sentence_case(tidy(alias[: m.head_end - m.start]))
            return AgencyRef(f"{board} Trung ương", alias, "party-board", "central", CENTRAL, span)
        if m.kind == "party-board" and not m.party and owner is not None:
            board = _sentence_case(re.sub(r"\s+", " ", alias))  # 'Ban Tuyên giáo' of the Hội that writes of it
            return AgencyRef(
                f"{board} {owner.label}", alias, "board", owner.level, owner.jurisdiction, span, parent=owner
            )
        own = self._own_committee()
        party = m.party or ("tinh uy" if self.issuer_level == "province" else "huyen uy")
        if own is not None and not m.party and m.kind == "party-board":  # "Ban Xây dựng Đảng" of the issuing committee
            committee = own
        elif party.startswith("dang uy khoi"):
            province = self.home.up("province") or self.places.unknown("province", self.home)
            base = f"{_bloc_name(party)} {province.name}"
            committee = AgencyRef(base, alias, "party-committee", "bloc", province, span)
        else:
            level = _PARTY_LEVEL[party]
            if level == "province-or-district":
                level = self.places.city_level(m.place, self.home)
            unit = self._unit_for(None, m.place, level)
            place = (
                f"Thành phố {unit.short}" if party == "thanh uy" and unit.short in lexicon.CITY_IN_NAME else unit.short
            )
            committee = AgencyRef(f"{_PARTY_LABEL[party]} {place}", alias, "party-committee", unit.level, unit, span)
        if m.kind == "party-board":
            board = _sentence_case(re.sub(r"\s+(Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[uủ]y.*$", "", alias, flags=re.I))
            return AgencyRef(
                f"{tidy(board)} {committee.label}",
                alias,
                "party-board",
                committee.level,
                committee.jurisdiction,
                span,
                parent=committee,
            )
        if m.prefix:
            return AgencyRef(
                f"{m.prefix} {committee.label}",
                alias,
                "standing-body",
                committee.level,
                committee.jurisdiction,
                span,
                parent=committee,
            )
        return committee

    def _organisation(self) -> AgencyRef | None:
        """The mass organisation that issues the document (itself, or the one its standing committee leads)."""
        owner = self.owner
        if owner is not None and owner.kind == "standing-body" and owner.parent is not None:
            owner = owner.parent
        return owner if owner is not None and owner.kind in _BOARDS_OF else None

    def _own_committee(self) -> AgencyRef | None:
        """The party committee that issues the document (itself, or the committee of its standing body or board)."""
        owner = self.owner
        if owner is None:
            return None
        if _is_committee(owner):
            return owner
        if owner.kind in ("standing-body", "party-board") and owner.parent is not None and _is_committee(owner.parent):
            return owner.parent
        return None

    def unresolved(self, text: str, span: Span) -> AgencyRef:
        """A unit named in a role list that the vocabulary does not know: kept as written, flagged."""
        name = tidy(text)
        return AgencyRef(
            f"{name} ({self.home.name})", name, "unknown", self.home.level, self.home, span, resolved=False
        )

    def _group(self, m: Mention, alias: str, span: Span, block_text: str = "") -> AgencyRef:
        folded = key(alias)
        vague = bool(re.search(lexicon.VAGUE, folded))
        member_level = lexicon.LEVEL_WORDS.get(m.level_word or "")
        member_kind = None
        if m.group in {"count", "plural-pc"}:
            member_kind = "people-committee"
        elif m.group == "plural-kind" and m.member:
            member_kind = m.member
            if m.member in lexicon.SECTOR_KINDS and m.sector:
                head = f"{_KIND_LABEL[m.member]} {m.sector}"
            else:
                head = _FIXED_LABEL.get(m.member) or _expand(tidy(block_text[m.start : m.head_end]))
            alias = f"{head} {tidy(block_text[m.head_end : m.end])}"
        elif m.group == "plural-sector":
            member_kind = m.member
        elif m.group in {"plural-party", "party-base"}:
            member_kind = "party-committee"
        if m.group == "party-base":
            member_level = "base"
        if member_level == "province-or-district":
            member_level = "district"
        home = self.home
        if self.issuer_level == "bloc":
            home = self.home.up("province") or home
        label = f"{_group_name(alias)} ({home.name})"
        return AgencyRef(
            label,
            alias,
            "group",
            home.level,
            home,
            span,
            group=True,
            group_size=m.count,
            member_kind=member_kind,
            member_level=member_level,
            vague=vague,
        )


def _is_committee(ref: AgencyRef) -> bool:
    """A party committee, including one of an agency ('Đảng ủy Ủy ban nhân dân tỉnh', 'Đảng ủy Sở Y tế')."""
    return ref.kind == "party-committee" or (ref.kind == "party-delegation" and key(ref.label).startswith("dang uy"))


def _sentence_head(written: str, canonical: str) -> str:
    """A head written with a prefix ('Phòng Giao dịch Ngân hàng Chính sách xã hội'): the prefix as written, then the
    canonical name."""
    folded, tail = key(written), key(canonical)
    prefix = written[: len(written) - len(canonical)].strip() if folded.endswith(tail) and folded != tail else ""
    prefix = _sentence_case(prefix) if prefix else ""
    return f"{prefix} {canonical}".strip()


def _sentence_case(board: str) -> str:
    """A board's name as running text writes it ('BAN TUYÊN GIÁO' of a header is 'Ban Tuyên giáo')."""
    if board.isupper():
        words = board.lower().split()
        second = 2 if words[:2] == ["ủy", "ban"] else 1
        board = " ".join(w.capitalize() if i in (0, second) else w for i, w in enumerate(words))
    return board[0].upper() + board[1:]


_PC_HEAD = re.compile(r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ủy ban nhân|ubnd|ub)\b", re.I)


def _group_name(alias: str) -> str:
    """Canonical group name: full head noun ('UBND' -> 'Ủy ban nhân dân'), 'có liên quan' -> 'liên quan'."""
    if alias.isupper():  # a heading's capitals: the name as running text writes it
        alias = alias.lower()
    name = _PC_HEAD.sub("Ủy ban nhân dân", alias)
    name = re.sub(r"\bcó liên quan\b", "liên quan", name)
    for pattern, full in _SCHOOL_LEVELS:  # "các trường tiểu học, THCS": the levels spelled out
        name = pattern.sub(full, name)
    return name[0].upper() + name[1:]


_SCHOOL_LEVELS = [
    (re.compile(r"\bTHCS\b"), "trung học cơ sở"),
    (re.compile(r"\bTHPT\b"), "trung học phổ thông"),
    (re.compile(r"\bPTDTNT\b"), "phổ thông dân tộc nội trú"),
    (re.compile(r"\bMN\b"), "mầm non"),
    (re.compile(r"\bGDNN\s*-\s*GDTX\b"), "giáo dục nghề nghiệp - giáo dục thường xuyên"),
]


def uncovered(text: str, mentions: list[Mention], start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of a list text[start:end] (split at ',', ';', ' và ') that no mention covers."""
    out: list[tuple[int, int]] = []
    for part in re.finditer(r"[^,;]+", text[start:end]):
        for piece in re.finditer(r"(?:(?!\svà\s).)+", part.group()):
            a = start + part.start() + piece.start()
            b = a + len(piece.group())
            words = piece.group().strip(" .")
            if len(words) < 3 or any(m.start < b and a < m.end for m in mentions):
                continue
            lead = len(piece.group()) - len(piece.group().lstrip(" ."))
            out.append((a + lead, a + lead + len(words)))
    return out
