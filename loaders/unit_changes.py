"""The 2025 changes of the administrative units, generated from the conversion data `vietnamadminunits` ships (not
typed by hand): 63 provinces into 34, every commune and ward into the 3,321 of the two-tier system, every district
abolished; each change with its effective date, its legal basis and how sure the source is.

A province or commune that took others in and kept its name (Quảng Trị took in Quảng Bình) is an "absorb", not a
"retain": its 2024 plans were written for a smaller area. A commune divided between several new ones is a "split";
the package names the part the commune's people and records mostly went to (its default), but not the share of the
old area each part took, so shares stay unknown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from loaders import admin_units
from loaders.admin_units import AdminUnit

EFFECTIVE = "2025-07-01"  # the day the new provinces and communes started work (NQ 202/2025/QH15; NQ 203/2025/QH15)
PROVINCE_BASIS = "202/2025/QH15"  # Nghị quyết of the Quốc hội on the arrangement of provinces, 12 June 2025
DISTRICT_BASIS = "203/2025/QH15"  # Nghị quyết amending the Constitution: the district level ends, 1 July 2025

# The Ủy ban Thường vụ Quốc hội resolution on the communes of a 2025 province, where a source gives its number
# (../shared/REORG2025.md, table D); elsewhere the number is unknown and said to be.
COMMUNE_BASIS: dict[str, tuple[str, str]] = {
    "Lai Châu": ("1670/NQ-UBTVQH15", "https://news.laodong.vn/thoi-su/tinh-lai-chau-co-36-xa-va-2-phuong-sau-sap-xep-1524696.ldo"),
    "Khánh Hòa": ("1667/NQ-UBTVQH15", "https://thuviennhadat.vn/phap-ly-nha-dat/full-xa-phuong-moi-khanh-hoa-sau-sap-nhap-tinh-xa-tai-nghi-quyet-1667-686831.html"),
    "Hồ Chí Minh": ("1685/NQ-UBTVQH15", "https://english.luatvietnam.vn/co-cau-to-chuc/resolution-1685-nq-ubtvqh15-2025-reorganization-of-commune-level-administrative-divisions-of-ho-chi-minh-in-2025-403012-d1.html"),
}  # fmt: skip


@dataclass(frozen=True)
class UnitChange:
    """One change: the units before, the units after (none for an abolition), and on what authority."""

    kind: str  # merge, absorb, split, rename, retain, abolish
    originals: tuple[AdminUnit, ...]
    results: tuple[AdminUnit, ...]
    basis: str | None  # the number of the resolution that made the change; None where no source gives it
    confidence: str  # H: a source states it; M: the package's conversion data (a third-party dataset)
    source: str | None = None
    default_result: AdminUnit | None = None  # a split: the part the package names default
    effective: str = EFFECTIVE


@cache
def _keys_2025() -> tuple[dict[str, AdminUnit], dict[tuple[str, str], AdminUnit]]:
    """The 2025 provinces by province key and the 2025 communes by (province key, ward key)."""
    with admin_units.dataset() as conn:
        rows = conn.execute("SELECT provinceKey, provinceCode, wardKey, wardCode FROM admin_units").fetchall()
    provinces = {p_key: _known(admin_units.province_2025_by_code(p_code)) for p_key, p_code, _, _ in rows}
    communes = {(p_key, w_key): _known(admin_units.commune_2025_by_code(w_code)) for p_key, _, w_key, w_code in rows}
    return provinces, communes


def _known(unit: AdminUnit | None) -> AdminUnit:
    if unit is None:  # the package's own tables disagree: its data is broken, not the caller's input
        raise LookupError("vietnamadminunits: a 2025 unit of its conversion data is missing from its unit table")
    return unit


def _kind(originals: list[AdminUnit], result: AdminUnit, kept_key: bool) -> str:
    if len(originals) > 1:
        return "absorb" if kept_key else "merge"
    return "retain" if originals[0].full_name == result.full_name else "rename"


@cache
def unit_changes() -> tuple[UnitChange, ...]:
    """Every change of a province, district or commune on 1 July 2025."""
    provinces, communes = _keys_2025()
    converter = admin_units.conversion_data()
    changes: list[UnitChange] = []
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        olds = [u for k in old_keys if (u := admin_units.by_legacy_key(k)) is not None]
        result = provinces[new_key]
        kind = _kind(olds, result, new_key in old_keys)
        changes.append(UnitChange(kind, tuple(olds), (result,), PROVINCE_BASIS, "H"))
    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        basis, source = COMMUNE_BASIS.get(provinces[province_key].name, (None, None))
        for ward_key, old_keys in wards.items():
            olds = [u for k in old_keys if (u := admin_units.by_legacy_key(k)) is not None]
            if not olds:
                continue
            result = communes[(province_key, ward_key)]
            kept = any(k.rsplit("_", 1)[-1] == ward_key for k in old_keys)
            changes.append(UnitChange(_kind(olds, result, kept), tuple(olds), (result,), basis, "M", source))
    for province_key, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        basis, source = COMMUNE_BASIS.get(provinces[province_key].name, (None, None))
        for old_key, parts in divided.items():
            old = admin_units.by_legacy_key(old_key)
            if old is None:
                continue
            results = tuple(communes[(province_key, part["newWardKey"])] for part in parts)
            default = next((communes[(province_key, p["newWardKey"])] for p in parts if p["isDefaultNewWard"]), None)
            changes.append(UnitChange("split", (old,), results, basis, "M", source, default))
    carried_on = {o.code for c in changes for o in c.originals if o.level == "district"}  # island districts
    for unit in admin_units.units():
        if unit.level == "district" and unit.code not in carried_on:
            changes.append(UnitChange("abolish", (unit,), (), DISTRICT_BASIS, "H"))
    return tuple(changes)


@cache
def _by_original() -> dict[tuple[str, str], list[UnitChange]]:
    found: dict[tuple[str, str], list[UnitChange]] = {}
    for change in unit_changes():
        for unit in change.originals:
            found.setdefault((unit.level, unit.code), []).append(change)
    return found


def changes_of(unit: AdminUnit) -> list[UnitChange]:
    """The changes a pre-2025 unit went through."""
    return list(_by_original().get((unit.level, unit.code), []))


@cache
def _sources_of() -> dict[str, list[tuple[AdminUnit, bool]]]:
    """2025 commune code -> the pre-2025 units it was formed from, each with whether it came whole."""
    found: dict[str, list[tuple[AdminUnit, bool]]] = defaultdict(list)
    for change in unit_changes():
        for result in change.results:
            if result.level == "commune":
                found[result.code].extend((o, change.kind != "split") for o in change.originals)
    return dict(found)


def _within(unit: AdminUnit, old: AdminUnit) -> bool:
    return old.code == unit.code or old.parent_code == unit.code


@cache
def successors(unit: AdminUnit) -> tuple[tuple[AdminUnit, float | None], ...]:
    """The 2025 units that now cover a pre-2025 unit, each with the share of its area it took where the package's
    areas allow it (every successor formed only from the unit's own land); None where they do not."""
    if unit.level == "district":
        heirs = [r for child in admin_units.children(unit.code) for c in changes_of(child) for r in c.results]
        heirs += [r for c in changes_of(unit) for r in c.results]
    else:
        heirs = [r for c in changes_of(unit) for r in c.results]
    heirs = list(dict.fromkeys(heirs))
    if len(heirs) == 1:
        return ((heirs[0], 1.0),)
    sources = _sources_of()
    areas = [admin_units.area_2025(h.code) for h in heirs]
    inside = all(all(_within(unit, old) for old, _ in sources.get(h.code, [])) for h in heirs)
    if not inside or any(a is None for a in areas):
        return tuple((h, None) for h in heirs)
    total = sum(a for a in areas if a is not None)
    return tuple((h, round(a / total, 4) if a is not None else None) for h, a in zip(heirs, areas, strict=True))
