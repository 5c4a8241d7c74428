"""What the 2025 reorganisation did to one body, by rules per kind of body, each citing its legal basis.

The rules restate ../shared/REORG2025.md as nationwide patterns, never as facts about one plan's agencies:
- 1 March 2025: ministries and provincial departments merged (NQ 176/2025/QH15; NĐ 45/2025/NĐ-CP), children's
  affairs moving to health; the district Phòng LĐTBXH split between Phòng Nội vụ and, for children, Phòng Y tế or
  the Văn phòng (the sources allow either); district police abolished (KL 121-KL/TW); provincial Ban Tuyên giáo
  and Ban Dân vận merged; the Đảng ủy Khối ended;
- 1 July 2025: the district level ended (NQ 203/2025/QH15): each district body's work went to the matching body
  of the communes and wards that now cover the district (NĐ 150/2025/NĐ-CP for the Phòng; HD 31-HD/BTCTW for
  party committees); a merged province's bodies became the new province's (NQ 202/2025/QH15); every commune body
  became its successor commune's (the commune resolutions; the units come from the package's conversion data).
Sourced facts stronger than a rule (a province's own decision) live in reform2025.toml, with their sources.
A body no rule covers gets no change: "no successor found" is then the audit's answer, not a guess.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from loaders import admin_units, lexicon, unit_changes
from loaders.folding import key
from loaders.jurisdictions import from_unit
from loaders.model import CENTRAL, AgencyRef, Jurisdiction

EARLY = "2025-03-01"  # the new ministries, departments and district offices started work
TWO_TIER = unit_changes.EFFECTIVE  # the district level ended; the new provinces and communes started work
DATA = Path(__file__).with_name("reform2025.toml")


@dataclass(frozen=True)
class Body:
    """A body as the rules see it: its name, its kind, its level and the unit it serves."""

    label: str
    kind: str
    level: str
    jurisdiction: Jurisdiction
    group: bool = False
    member_kind: str | None = None
    member_level: str | None = None

    def __hash__(self) -> int:  # bodies key the rule caches: hash the fields that tell them apart, not every parent
        return hash((self.label, self.jurisdiction.key, self.kind, self.group))

    @classmethod
    def of(cls, ref: AgencyRef) -> Body:
        return cls(ref.label, ref.kind, ref.level, ref.jurisdiction, ref.group, ref.member_kind, ref.member_level)


@dataclass(frozen=True)
class Heir:
    """A body that took over work, with the share of the old area it took where that is known."""

    body: Body
    share: float | None = None


@dataclass(frozen=True)
class BodyChange:
    """One change event of a body."""

    rule: str  # which rule (or exception) made it
    kind: str  # merge, absorb, split, rename, abolish, transfer-function, reorganise
    original: Body
    heirs: tuple[Heir, ...]  # empty: abolished and no source names who took the work over
    effective: str
    bases: tuple[str, ...]  # ids of reform2025.toml [basis.*]
    confidence: str  # H a source states it; M a nationwide rule applied to this place; L unverified
    function: str | None = None  # the one function moved (a vc:FunctionScheme notation); None: all it did
    candidates: bool = False  # the heirs are alternatives: one of them took the work, the sources do not say which
    note: str = ""
    source: str | None = None


@dataclass(frozen=True)
class Basis:
    """A legal document a change rests on."""

    id: str
    number: str
    type: str
    issuer: str  # "central" or a 2024 province name
    date: str | None
    title: str
    source: str


@cache
def _data() -> dict[str, Any]:
    try:
        return tomllib.loads(DATA.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # the message gives the line and column
        raise ValueError(f"{DATA}: {exc}") from None


@cache
def bases() -> dict[str, Basis]:
    """Every legal basis the rules and exceptions cite, by id."""
    return {
        id_: Basis(id_, b["number"], b["type"], b["issuer"], b.get("date"), b["title"], b["source"])
        for id_, b in _data()["basis"].items()
    }


def basis_jurisdiction(basis: Basis) -> Jurisdiction:
    """The register a basis belongs to: central, or its province."""
    if basis.issuer == "central":
        return CENTRAL
    unit = admin_units.province(basis.issuer)
    if unit is None:
        raise LookupError(f"{DATA}: basis {basis.id}: unknown province {basis.issuer!r}")
    return from_unit(unit)


@cache
def _basis_by_number() -> dict[str, str]:
    return {b.number: b.id for b in bases().values()}


# -- names ---------------------------------------------------------------------------------------------------------

_SECTOR_RES = [(name, re.compile(rf"(?<![a-z])(?:{pattern})(?![a-z])")) for name, pattern in lexicon.SECTORS.items()]


def sector_of(label: str) -> str | None:
    """The sector a department, ministry or office is named for ("Y tế"), by the lexicon's spellings."""
    folded = key(label)
    for name, pattern in _SECTOR_RES:
        if pattern.search(folded):
            return name
    return None


_LEVEL_TAIL = re.compile(r"\s+(?:quận|huyện|thị xã|thành phố|tỉnh)$")


def _head(body: Body) -> str:
    """The body's name without its place: "Phòng Y tế" of "Phòng Y tế quận Tân Bình"."""
    label, j = body.label, body.jurisdiction
    if body.group:
        return _LEVEL_TAIL.sub("", re.sub(r"\s*\([^()]*\)$", "", label))
    for place in (j.name, j.short):
        if place and label.endswith(" " + place):
            return label[: -len(place) - 1]
    return label


def _at(head: str, j: Jurisdiction, kind: str, *, member_kind: str | None = None, group: bool = False) -> Body:
    """A body named `head` serving unit `j` (a group: the bodies `head` names, of unit `j`)."""
    if group:
        return Body(f"{head} ({j.name})", "group", j.level, j, True, member_kind)
    return Body(head if j.level == "central" else f"{head} {j.name}", kind, j.level, j)


def _moved(body: Body, j: Jurisdiction) -> Body:
    """The same body in the unit that took its unit in."""
    old = body.jurisdiction
    label = body.label
    for before, after in ((old.name, j.name), (old.short, j.short)):
        if before and before in label:
            label = label.replace(before, after)
            break
    return replace(body, label=label, jurisdiction=j)


# -- the changes ---------------------------------------------------------------------------------------------------


def _change(
    rule: str, kind: str, body: Body, heirs: list[Heir], effective: str, bases_: list[str], conf: str, **extra: Any
) -> BodyChange:
    return BodyChange(rule, kind, body, tuple(heirs), effective, tuple(bases_), conf, **extra)


# Ministries and departments merged on 1 March 2025: (sector, the sector that took it in).
_MERGED_SECTORS = {
    "Kế hoạch và Đầu tư": "Tài chính",
    "Thông tin và Truyền thông": "Khoa học và Công nghệ",
    "Nông nghiệp và Phát triển nông thôn": "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường": "Nông nghiệp và Môi trường",
}
# Functions that left a sector for another while the rest merged: sector -> [(function, receiving sector)].
_MOVED_FUNCTIONS = {
    "Lao động - Thương binh và Xã hội": [
        ("children", "Y tế"),
        ("labour", "Nội vụ"),
        ("vocational", "Giáo dục và Đào tạo"),
        ("poverty", "Nông nghiệp và Môi trường"),
    ],
    "Thông tin và Truyền thông": [("press", "Văn hóa, Thể thao và Du lịch")],
}
_ABSORBED_INTO = {"Lao động - Thương binh và Xã hội": "Nội vụ", **_MERGED_SECTORS}


def _sector_merger(body: Body, word: str, level_rule: str, bases_: list[str], conf: str) -> list[BodyChange]:
    """A ministry or department whose sector merged on 1 March 2025: its functions and the rest."""
    sector = sector_of(body.label)
    if sector not in _ABSORBED_INTO:
        return []
    j = body.jurisdiction
    out = [
        _change(
            f"{level_rule}-function",
            "transfer-function",
            body,
            [Heir(_at(f"{word} {to}", j, body.kind))],
            EARLY,
            bases_,
            conf,
            function=function,
        )
        for function, to in _MOVED_FUNCTIONS.get(sector, [])
    ]
    if sector == "Lao động - Thương binh và Xã hội":
        police = _at("Công an", j, "police") if j.level != "central" else _at("Bộ Công an", j, "ministry")
        out.append(
            _change(
                f"{level_rule}-function",
                "transfer-function",
                body,
                [Heir(police)],
                EARLY,
                bases_,
                conf,
                function="drug-rehabilitation",
            )
        )
    kind = "absorb" if sector == "Lao động - Thương binh và Xã hội" else "merge"
    out.append(
        _change(
            level_rule, kind, body, [Heir(_at(f"{word} {_ABSORBED_INTO[sector]}", j, body.kind))], EARLY, bases_, conf
        )
    )
    return out


def _central(body: Body) -> list[BodyChange]:
    if body.kind == "ministry":
        return _sector_merger(body, "Bộ", "ministry-merged", ["NQ-176-2025-QH15", "ND-42-2025-ND-CP"], "H")
    folded = key(body.label)
    if body.kind == "central-office" and re.fullmatch(r"cuc tre em(?: bo lao dong.*)?", folded):
        heir = _at("Cục Bà mẹ và Trẻ em", CENTRAL, body.kind)
        return [_change("child-office-merged", "merge", body, [Heir(heir)], EARLY, ["ND-42-2025-ND-CP"], "M")]
    if body.kind == "party-board" and re.fullmatch(r"ban (?:tuyen giao|dan van) trung uong", folded):
        heir = _at("Ban Tuyên giáo và Dân vận Trung ương", CENTRAL, body.kind)
        return [
            _change(
                "central-party-boards-merged",
                "merge",
                body,
                [Heir(heir)],
                "2025-02-03",
                [],
                "H",
                note="Politburo decision announced 3 February 2025; its number was not captured",
            )
        ]
    return []


_BLOC = re.compile(r"dang uy khoi co quan va doanh nghiep")


def _bloc(body: Body) -> list[BodyChange]:
    """The provincial Đảng ủy Khối Cơ quan và Doanh nghiệp and its boards (KL 121-KL/TW)."""
    if not _BLOC.search(key(body.label)):
        return []
    j = body.jurisdiction
    heirs = [
        Heir(_at("Đảng ủy các cơ quan Đảng", j, "party-committee")),
        Heir(_at("Đảng ủy Ủy ban nhân dân", j, "party-committee")),
    ]
    conf = "L" if body.kind == "party-board" else "M"
    note = "about February 2025, the date varies by province; its member organisations went to the two new đảng bộ"
    return [
        _change("bloc-party-ended", "abolish", body, heirs, EARLY, ["KL-121-KL-TW"], conf, candidates=True, note=note)
    ]


_PROPAGANDA = re.compile(r"^ban (tuyen giao|dan van) (tinh uy|thanh uy)")


def _province_early(body: Body) -> list[BodyChange]:
    if body.kind == "department":
        return _sector_merger(body, "Sở", "department-merged", ["ND-45-2025-ND-CP"], "M")
    if body.kind == "board" and key(_head(body)) == "ban dan toc":
        heir = _at("Sở Dân tộc và Tôn giáo", body.jurisdiction, "department")
        note = (
            "the provincial Ban Dân tộc became the Sở Dân tộc và Tôn giáo, which also took religion from the Sở Nội vụ"
        )
        return [_change("ethnic-board-to-department", "rename", body, [Heir(heir)], EARLY, ["ND-45-2025-ND-CP"], "M",
                        note=note)]  # fmt: skip
    m = _PROPAGANDA.match(key(body.label))
    if body.kind == "party-board" and m:
        committee = "Tỉnh ủy" if m.group(2) == "tinh uy" else "Thành ủy"
        heir = _at(f"Ban Tuyên giáo và Dân vận {committee}", body.jurisdiction, body.kind)
        heir = replace(heir, label=f"Ban Tuyên giáo và Dân vận {committee} {body.jurisdiction.short}")
        return [
            _change(
                "party-boards-merged",
                "merge",
                body,
                [Heir(heir)],
                EARLY,
                ["KL-121-KL-TW"],
                "M",
                note="February–March 2025 depending on the province",
            )
        ]
    return []


def _province_change(code: str) -> unit_changes.UnitChange | None:
    unit = admin_units.by_code(code)
    found = unit_changes.changes_of(unit) if unit else []
    return found[0] if found else None


# Bodies every province has, named by the province: a merged province's become the new province's.
_PROVINCE_BODIES = {
    "people-committee", "people-council", "department", "police", "fatherland-front", "mass-organisation",
    "youth-union", "party-committee", "party-board", "standing-body", "procuracy", "court", "border-guard",
    "military-command", "social-insurance", "assembly-office", "youth-council", "group",
}  # fmt: skip


def _province_late(body: Body) -> list[BodyChange]:
    """A body of a province merged into a new one (its name kept or not) becomes the new province's; a body of its
    own (a newspaper, a hospital, a centre) carries on where the province kept its name, and elsewhere has no
    successor the sources name."""
    j = body.jurisdiction
    change = _province_change(j.code or "") if j.scheme == "pre2025" else None
    if change is None or change.kind == "retain":
        return []
    new = from_unit(change.results[0])
    if body.group and body.member_level == "district":
        return []  # its members ended with the district level: _district_members_group
    kind = "absorb" if len(change.originals) > 1 else "rename"
    kept = new.short == j.short
    if body.kind not in _PROVINCE_BODIES and not kept:
        note = "the province was merged; no source names what became of this body"
        return [_change("province-merged", "abolish", body, [], TWO_TIER, ["NQ-202-2025-QH15"], "M", note=note)]
    heir = _moved(body, new)
    if body.kind == "youth-union":
        word = "Thành đoàn" if change.results[0].kind == "thành phố" else "Tỉnh đoàn"
        heir = replace(heir, label=f"{word} {new.short}")
    note = "the bodies of the provinces merged became the new province's"
    return [_change("province-merged", kind, body, [Heir(heir)], TWO_TIER, ["NQ-202-2025-QH15"], "M", note=note)]


_MEMBER_HEAD = {
    "people-committee": "Ủy ban nhân dân",
    "party-committee": "Đảng ủy",
    "people-council": "Hội đồng nhân dân",
}


def _district_members_group(body: Body) -> list[BodyChange]:
    """ "Ủy ban nhân dân các huyện" of a province: its members ended; the communes' bodies now do the work."""
    if not (body.group and body.member_level == "district" and body.member_kind in _MEMBER_HEAD):
        return []
    j = body.jurisdiction
    change = _province_change(j.code or "") if j.scheme == "pre2025" else None
    home = from_unit(change.results[0]) if change and change.kind != "retain" else j
    heir = Body(
        f"{_MEMBER_HEAD[body.member_kind or '']} các xã, phường ({home.name})",
        "group",
        home.level,
        home,
        True,
        body.member_kind,
        "commune",
    )
    return [
        _change(
            "district-level-ended",
            "abolish",
            body,
            [Heir(heir)],
            TWO_TIER,
            ["NQ-203-2025-QH15", "LUAT-72-2025-QH15"],
            "H",
        )
    ]


# District offices on 1 July 2025 (NĐ 150/2025/NĐ-CP): which commune body took each sector's work.
_CULTURE_SOCIAL = {
    "Nội vụ",
    "Lao động - Thương binh và Xã hội",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Văn hóa và Thông tin",
    "Văn hóa và Thể thao",
    "Văn hóa - Xã hội",
    "Dân tộc",
    "Dân tộc và Tôn giáo",
    "Văn hóa, Thể thao và Du lịch",
    "Thông tin và Truyền thông",
}
_ECONOMY = {
    "Tài chính - Kế hoạch",
    "Tài chính",
    "Kế hoạch và Đầu tư",
    "Kinh tế",
    "Kinh tế - Hạ tầng",
    "Kinh tế, Hạ tầng và Đô thị",
    "Quản lý đô thị",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Xây dựng",
    "Công Thương",
    "Giao thông vận tải",
}
_OFFICE_OF_COMMUNE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"


def _commune_office(sector: str | None, commune: Jurisdiction, unit_kind: str) -> str | None:
    if sector in _CULTURE_SOCIAL:
        return "Phòng Văn hóa - Xã hội"
    if sector in _ECONOMY:
        return "Phòng Kinh tế, Hạ tầng và Đô thị" if unit_kind == "phường" else "Phòng Kinh tế"
    if sector in {"Tư pháp", "Ngoại vụ"}:
        return _OFFICE_OF_COMMUNE
    return None


def _heirs_by_commune(
    body: Body,
    heirs: Sequence[tuple[admin_units.AdminUnit, float | None]],
    name: Callable[[admin_units.AdminUnit], str | None],
) -> list[Heir]:
    out = []
    for unit, share in heirs:
        head = name(unit)
        if head is not None:
            out.append(Heir(_at(head, from_unit(unit), _KIND_OF_HEAD.get(head, body.kind)), share))
    return out


_KIND_OF_HEAD = {
    "Ủy ban nhân dân": "people-committee",
    "Hội đồng nhân dân": "people-council",
    "Đảng ủy": "party-committee",
    "Phòng Văn hóa - Xã hội": "office",
    "Phòng Kinh tế": "office",
    "Phòng Kinh tế, Hạ tầng và Đô thị": "office",
    _OFFICE_OF_COMMUNE: "joint-office",
    "Công an": "police",
    "Ủy ban Mặt trận Tổ quốc Việt Nam": "fatherland-front",
}
_STANDING_HEAD = {
    "thuong truc hoi dong nhan dan": "Thường trực Hội đồng nhân dân",
    "ban thuong vu": "Ban Thường vụ Đảng ủy",
}
_SAME_HEAD_KINDS = {"fatherland-front", "mass-organisation", "youth-council"}
_YOUTH = "Đoàn Thanh niên Cộng sản Hồ Chí Minh"


def _district_early(body: Body, district: admin_units.AdminUnit) -> list[BodyChange]:
    """1 March 2025: the district Phòng LĐTBXH and Phòng VH-TT changed; the district police ended."""
    j = body.jurisdiction
    sector = sector_of(body.label)
    if body.kind == "office" and sector == "Lao động - Thương binh và Xã hội":
        children = [
            Heir(_at("Phòng Y tế", j, "office")),
            Heir(_at("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", j, "joint-office")),
        ]
        rule, basis = "district-labour-office-split", ["ND-45-2025-ND-CP"]
        note = "children's affairs went to the Phòng Y tế or, where there was none, to the Văn phòng"
        moved = [("labour", "Phòng Nội vụ"), ("vocational", "Phòng Giáo dục và Đào tạo")]
        return [
            _change(rule, "transfer-function", body, children, EARLY, basis, "H", function="children", candidates=True,
                    note=note),
            *(_change(rule, "transfer-function", body, [Heir(_at(head, j, "office"))], EARLY, basis, "H", function=f)
              for f, head in moved),
            _change(rule, "absorb", body, [Heir(_at("Phòng Nội vụ", j, "office"))], EARLY, basis, "H"),
        ]  # fmt: skip
    if body.kind == "office" and sector == "Văn hóa và Thông tin":
        heir = _at("Phòng Văn hóa, Khoa học và Thông tin", j, "office")
        return [
            _change("district-culture-office-renamed", "rename", body, [Heir(heir)], EARLY, ["ND-45-2025-ND-CP"], "M")
        ]
    if body.kind == "police":
        communes: list[tuple[admin_units.AdminUnit, float | None]] = [
            (c, None) for c in admin_units.children(district.code)
        ]
        heirs = _heirs_pre2025(body, communes, "Công an")
        return [
            _change(
                "district-police-ended",
                "abolish",
                body,
                heirs,
                EARLY,
                ["KL-121-KL-TW"],
                "M",
                note="the commune and ward police took over; work above them went to the provincial police",
            )
        ]
    return []


def _heirs_pre2025(body: Body, units: Sequence[tuple[admin_units.AdminUnit, float | None]], head: str) -> list[Heir]:
    return [Heir(_at(head, from_unit(u), _KIND_OF_HEAD.get(head, body.kind)), s) for u, s in units]


def _district_late(body: Body, district: admin_units.AdminUnit) -> list[BodyChange]:
    """1 July 2025: a district body's work went to the matching body of each commune that covers the district."""
    heirs = unit_changes.successors(district)
    standard = ["NQ-203-2025-QH15", "LUAT-72-2025-QH15"]
    head = _head(body)
    folded = key(head)
    name: Callable[[admin_units.AdminUnit], str | None] | None = None
    bases_, conf, note, rule = standard, "H", "", "district-level-ended"
    if body.group:
        return _district_group(body, heirs)
    if body.kind in {"people-committee", "people-council"}:
        name = lambda _u: _MEMBER_HEAD[body.kind]  # noqa: E731
    elif body.kind == "standing-body" and (
        found := next((v for k, v in _STANDING_HEAD.items() if folded.startswith(k)), None)
    ):
        name = lambda _u: found  # noqa: E731
    elif body.kind in {"party-committee", "party-board"} or (body.kind == "standing-body"):
        name, bases_, conf, rule = (
            (lambda _u: "Đảng ủy"),
            ["HD-31-HD-BTCTW", "KL-127-KL-TW"],
            "M",
            "district-party-ended",
        )
        if body.kind == "party-board":
            note = "the commune party committees have no such board; the committee's own bodies took the work"
    elif body.kind == "office":
        sector = sector_of(body.label)
        if folded.startswith("phong van hoa khoa hoc va thong tin"):
            sector = "Văn hóa và Thông tin"
        name = lambda u: _commune_office(sector, from_unit(u), u.kind)  # noqa: E731
        bases_, rule = ["ND-150-2025-ND-CP"], "district-office-ended"
    elif body.kind == "joint-office":
        name, bases_, rule = (lambda _u: _OFFICE_OF_COMMUNE), ["ND-150-2025-ND-CP"], "district-office-ended"
    elif body.kind == "youth-union":
        name, bases_, conf, rule = (lambda _u: _YOUTH), ["KL-127-KL-TW"], "M", "district-organisation-ended"
        note = "the district level of the Front and the mass organisations ended with the district"
    elif body.kind in _SAME_HEAD_KINDS and head != body.label:
        name, bases_, conf, rule = (lambda _u: head), ["KL-127-KL-TW"], "M", "district-organisation-ended"
        note = "the district level of the Front and the mass organisations ended with the district"
    elif body.kind == "health-centre":
        return [
            _to_province(
                body,
                district,
                "Sở Y tế",
                "district-health-centre-regional",
                ["ND-150-2025-ND-CP"],
                "became a regional health centre under the Sở Y tế; its new name was not captured",
            )
        ]
    if name is None:
        return [
            _change(
                "district-level-ended",
                "abolish",
                body,
                [],
                TWO_TIER,
                standard,
                "H",
                note="no source names the body that took over this one's work",
            )
        ]
    out = [
        _change(
            rule,
            "split" if len(heirs) > 1 else "merge",
            body,
            _heirs_by_commune(body, heirs, name),
            TWO_TIER,
            bases_,
            conf,
            note=note,
        )
    ]
    if body.kind == "joint-office":
        culture = _heirs_by_commune(body, heirs, lambda _u: "Phòng Văn hóa - Xã hội")
        out.insert(
            0,
            _change(
                "children-to-commune-culture-office",
                "transfer-function",
                body,
                culture,
                TWO_TIER,
                ["ND-150-2025-ND-CP", "TT-20-2025-TT-BYT"],
                "M",
                function="children",
                note="TT 20/2025/TT-BYT gives the commune Phòng Văn hóa - Xã hội the health field, "
                "children's affairs included",
            ),
        )
    return out


def _to_province(
    body: Body, district: admin_units.AdminUnit, head: str, rule: str, bases_: list[str], note: str
) -> BodyChange:
    province = admin_units.by_code(district.province_code)
    new = admin_units.province_2025_of(province) if province else None
    j = from_unit(new) if new else body.jurisdiction
    return _change(rule, "reorganise", body, [Heir(_at(head, j, "department"))], TWO_TIER, bases_, "M", note=note)


def _district_group(body: Body, heirs: Sequence[tuple[admin_units.AdminUnit, float | None]]) -> list[BodyChange]:
    """A group of a district: its members' work went to the same bodies of each commune that covers it."""
    stem = _head(body)
    if body.member_kind in _MEMBER_HEAD:
        out = [
            Heir(_at(_MEMBER_HEAD[body.member_kind or ""], from_unit(u), body.member_kind or ""), s) for u, s in heirs
        ]
    else:
        out = [Heir(_at(stem, from_unit(u), "group", member_kind=body.member_kind, group=True), s) for u, s in heirs]
    return [
        _change("district-level-ended", "split", body, out, TWO_TIER, ["NQ-203-2025-QH15", "LUAT-72-2025-QH15"], "M")
    ]


def _district(body: Body) -> list[BodyChange]:
    j = body.jurisdiction
    district = admin_units.by_code(j.code or "") if j.scheme == "pre2025" else None
    if district is None or not any(c.kind == "abolish" for c in unit_changes.changes_of(district)):
        return []  # an island district carries on
    if body.kind == "social-insurance":
        province = admin_units.by_code(district.province_code)
        pj = from_unit(province) if province else j
        return [
            _change(
                "district-social-insurance-regional",
                "reorganise",
                body,
                [Heir(_at("Bảo hiểm xã hội", pj, body.kind))],
                EARLY,
                ["QD-391-QD-BTC"],
                "M",
                note="became a BHXH cơ sở under a regional office; the unit now covering this area was not captured",
            )
        ]
    if body.kind == "statistics-office":
        return [
            _change(
                "district-statistics-reorganised",
                "reorganise",
                body,
                [Heir(_at("Cục Thống kê", CENTRAL, "central-office"))],
                EARLY,
                ["QD-384-QD-BTC"],
                "L",
                note="the local form of the statistics service after 2025 was not found",
            )
        ]
    return _district_early(body, district) or _district_late(body, district)


def _commune(body: Body) -> list[BodyChange]:
    """A commune body became the body of the commune(s) its commune became."""
    j = body.jurisdiction
    unit = admin_units.by_code(j.code or "") if j.scheme == "pre2025" else None
    changes = unit_changes.changes_of(unit) if unit else []
    if unit is None or not changes:
        return []
    change = changes[0]
    heirs = unit_changes.successors(unit)
    head = _head(body)
    if body.group:
        out = [Heir(_at(head, from_unit(u), "group", member_kind=body.member_kind, group=True), s) for u, s in heirs]
    else:
        out = [Heir(Body(_relabel(body, from_unit(u)), body.kind, "commune", from_unit(u)), s) for u, s in heirs]
    basis = _basis_by_number().get(change.basis or "")
    note = "" if basis else "the number of the province's commune resolution was not found"
    return [
        _change(
            "commune-reorganised",
            change.kind,
            body,
            out,
            TWO_TIER,
            [basis] if basis else [],
            change.confidence,
            note=note,
            source=change.source,
        )
    ]


def _relabel(body: Body, j: Jurisdiction) -> str:
    head = _head(body)
    return f"{head} {j.name}" if head != body.label else body.label


def _apply_exceptions(body: Body, found: list[BodyChange]) -> list[BodyChange]:
    for exc in _data().get("exception", []):
        if _matches(exc, body):
            found = [
                replace(
                    c,
                    rule=f"{c.rule}+exception",
                    bases=tuple(exc["basis"]),
                    confidence=exc.get("confidence", c.confidence),
                    effective=exc.get("effective", c.effective),
                    source=exc.get("source", c.source),
                    note=exc.get("note", c.note),
                )
                for c in found
            ]
    return found


def _matches(exc: dict[str, Any], body: Body) -> bool:
    j = body.jurisdiction
    province = j.up("province")
    return (
        exc.get("kind", body.kind) == body.kind
        and exc.get("level", body.level) == body.level
        and ("sector" not in exc or sector_of(body.label) == exc["sector"])
        and ("head" not in exc or key(_head(body)).startswith(key(exc["head"])))
        and (
            "province" not in exc
            or (province is not None and province.scheme == "pre2025" and province.short == exc["province"])
        )
    )


@cache
def changes_of(body: Body) -> tuple[BodyChange, ...]:
    """The changes a body went through in 2025, earliest first; empty when it carried on or no rule covers it."""
    j = body.jurisdiction
    if body.level == "central" or j.level == "central":
        found = _central(body)
    elif body.level == "bloc" or _BLOC.search(key(body.label)):
        found = _bloc(body)
    elif j.level == "province":
        found = _province_early(body) or _district_members_group(body) or _province_late(body)
    elif j.level == "district":
        found = _district(body)
    elif j.level == "commune":
        found = _commune(body)
    else:
        found = []
    return tuple(sorted(_apply_exceptions(body, found), key=lambda c: c.effective))
