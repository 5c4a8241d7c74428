"""Resolve names of pre-2025 Vietnamese administrative units, and their 2025 successors, from `vietnamadminunits`."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal, cast

from loaders.folding import fold

Level = Literal["province", "district", "commune"]

# Abbreviations of unit-type words seen in documents ("TP. Hồ Chí Minh", "TX. Phú Mỹ", "Q. Tân Bình").
_TYPE_ABBREVIATIONS: dict[str, str] = {
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "q": "quận",
    "h": "huyện",
    "p": "phường",
}

_LEGACY_COLUMNS = (
    "provinceCode, province, provinceShort, provinceKey, provinceAlias, "
    "districtCode, district, districtShort, districtType, districtKey, "
    "wardCode, ward, wardShort, wardType, wardKey"
)


@dataclass(frozen=True)
class AdminUnit:
    """One pre-2025 province, district-level or commune-level unit as recorded by `vietnamadminunits`."""

    code: str
    name: str
    kind: str
    level: Level
    full_name: str
    parent_code: str | None
    province_code: str
    scheme: str = "pre2025"  # "2025": a unit of the two-tier system in force from 1 July 2025


@dataclass(frozen=True)
class _Catalogue:
    """All pre-2025 units with the indexes used for lookups."""

    units: dict[str, AdminUnit]
    children: dict[str, tuple[AdminUnit, ...]]
    provinces: dict[str, tuple[AdminUnit, ...]]
    districts: dict[str, tuple[AdminUnit, ...]]
    legacy_keys: dict[str, str]  # code -> the conversion data's key
    key_codes: dict[str, str]  # the conversion data's key -> code


def _data_dir() -> Path:
    """Locate the package's data folder without importing it (its import loads parsers and geocoders)."""
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _words(text: str) -> list[str]:
    """Split text into NFC lowercase words, dropping punctuation."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def _kind_key(kind: str) -> str:
    """Fold a unit-type word ("Quận", "quan", "TP") to a comparable key."""
    folded = fold(" ".join(_words(kind)))
    return fold(_TYPE_ABBREVIATIONS.get(folded, folded)).replace(" ", "")


def _readings(text: str) -> set[tuple[str | None, str]]:
    """Return the possible (folded type word, folded name) readings of a unit name."""
    words = _words(text)
    bare = [fold(w) for w in words]
    readings: set[tuple[str | None, str]] = {(None, "".join(bare))}
    for prefix, bare_prefix, kind, definite in _type_prefixes():
        n = len(prefix)
        if len(words) <= n:
            continue
        exact = words[:n] == prefix
        if exact or words[:n] == bare[:n] == bare_prefix:
            readings.add((kind, "".join(bare[n:])))
            if exact and definite:
                readings.discard((None, "".join(bare)))
    return readings


def _name_key(unit: AdminUnit) -> str:
    """Folded index key of a unit: its full name without the leading type word."""
    words = [fold(w) for w in _words(unit.full_name)]
    return "".join(words[len(unit.kind.split()) :])


def _full_name(raw_full: str, type_word: str) -> str:
    """Full name from the data with the leading type word in its canonical casing."""
    raw_full = unicodedata.normalize("NFC", raw_full)
    if raw_full.lower().startswith(type_word.lower() + " "):
        return type_word + raw_full[len(type_word) :]
    return f"{type_word} {raw_full}"


def _short_name(raw_short: str, type_word: str) -> str:
    """Short name from the data without the package's "(Huyện)"-style disambiguation suffix."""
    return unicodedata.normalize("NFC", raw_short).removesuffix(f" ({type_word})")


# Provinces renamed before the 2025 reform, which the package records under their later name: code -> (earlier short
# name, earlier kind, last day under it). Thừa Thiên Huế became Thành phố Huế, centrally governed, on 1 January 2025
# (Nghị quyết 1314/NQ-UBTVQH15 of 30 November 2024).
FORMER_PROVINCES: dict[str, tuple[str, str, tuple[int, int, int]]] = {"46": ("Thừa Thiên Huế", "tỉnh", (2024, 12, 31))}


def named_on(unit: AdminUnit, on: tuple[int, int, int] | None) -> AdminUnit:
    """The unit under the name it had on a day: a province renamed before the reform keeps its earlier name."""
    former = FORMER_PROVINCES.get(unit.code) if unit.level == "province" and unit.scheme == "pre2025" else None
    if former is None or on is None or on > former[2]:
        return unit
    short, kind, _ = former
    return AdminUnit(unit.code, short, kind, "province", f"{kind} {short}", None, unit.code)


@cache
def _catalogue() -> _Catalogue:
    """Load the pre-2025 units from the package's sqlite dataset and build the indexes."""
    with dataset() as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(f"SELECT {_LEGACY_COLUMNS} FROM admin_units_legacy").fetchall()

    units: dict[str, AdminUnit] = {}
    legacy_keys: dict[str, str] = {}
    province_aliases: dict[str, list[str]] = {}
    for r in rows:
        p_code, d_code, w_code = r["provinceCode"], r["districtCode"], r["wardCode"]
        if p_code not in units:
            p_type = r["province"].removesuffix(r["provinceShort"]).strip()
            units[p_code] = AdminUnit(
                p_code,
                _short_name(r["provinceShort"], p_type),
                p_type.lower(),
                "province",
                _full_name(r["province"], p_type),
                None,
                p_code,
            )
            legacy_keys[p_code] = r["provinceKey"]
            province_aliases[p_code] = json.loads(r["provinceAlias"] or "[]")
        if d_code not in units:
            d_type = r["districtType"]
            units[d_code] = AdminUnit(
                d_code,
                _short_name(r["districtShort"], d_type),
                d_type.lower(),
                "district",
                _full_name(r["district"], d_type),
                p_code,
                p_code,
            )
            legacy_keys[d_code] = f"{r['provinceKey']}_{r['districtKey']}_"
        if w_code is not None:
            w_type = r["wardType"]
            units[w_code] = AdminUnit(
                w_code,
                _short_name(r["wardShort"], w_type),
                w_type.lower(),
                "commune",
                _full_name(r["ward"], w_type),
                d_code,
                p_code,
            )
            legacy_keys[w_code] = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"

    children: dict[str, list[AdminUnit]] = defaultdict(list)
    provinces: dict[str, list[AdminUnit]] = defaultdict(list)
    districts: dict[str, list[AdminUnit]] = defaultdict(list)
    for unit in sorted(units.values(), key=lambda u: u.code):
        if unit.parent_code is not None:
            children[unit.parent_code].append(unit)
        if unit.level == "province":
            for key in {_name_key(unit), *province_aliases[unit.code]}:
                provinces[key].append(unit)
        elif unit.level == "district":
            districts[_name_key(unit)].append(unit)

    for code, (short, kind, _) in FORMER_PROVINCES.items():  # found by the name it had before a rename
        provinces[_name_key(AdminUnit(code, short, kind, "province", f"{kind} {short}", None, code))].append(
            units[code]
        )

    return _Catalogue(
        units=units,
        children={k: tuple(v) for k, v in children.items()},
        provinces={k: tuple(v) for k, v in provinces.items()},
        districts={k: tuple(v) for k, v in districts.items()},
        legacy_keys=legacy_keys,
        key_codes={k: c for c, k in legacy_keys.items()},
    )


@cache
def _type_prefixes() -> tuple[tuple[list[str], list[str], str, bool], ...]:
    """Type words of the data and their abbreviations as (words, unaccented words, kind key, definite) tuples.

    A type word written with its accents ("quận") is definite; written without them ("quan"), or abbreviated ("q"),
    it may also be the start of a name (huyện Quan Sơn).
    """
    kinds = {u.kind for u in _catalogue().units.values()}
    spelled = [(k.split(), True) for k in kinds] + [([a], False) for a in _TYPE_ABBREVIATIONS]
    return tuple((words, [fold(w) for w in words], _kind_key(" ".join(words)), definite) for words, definite in spelled)


def _resolve(
    name: str, index: dict[str, tuple[AdminUnit, ...]], kind: str | None, province_code: str | None
) -> AdminUnit | None:
    """Return the single indexed unit matching every reading constraint, or None when none or several match."""
    wanted_kind = _kind_key(kind) if kind else None
    found: set[AdminUnit] = set()
    for read_kind, key in _readings(name):
        for unit in index.get(key, ()):
            unit_kind = _kind_key(unit.kind)
            if read_kind not in (None, unit_kind) or wanted_kind not in (None, unit_kind):
                continue
            if province_code is not None and unit.province_code != province_code:
                continue
            found.add(unit)
    return found.pop() if len(found) == 1 else None


def province(name: str) -> AdminUnit | None:
    """Resolve a pre-2025 province by name ("tỉnh Lai Châu", "TP. Hồ Chí Minh", "lai chau")."""
    return _resolve(name, _catalogue().provinces, None, None)


def district(name: str, kind: str | None = None, province_code: str | None = None) -> AdminUnit | None:
    """Resolve a pre-2025 district-level unit, returning None unless exactly one unit matches."""
    return _resolve(name, _catalogue().districts, kind, province_code)


def districts_named(name: str, kind: str | None = None) -> list[AdminUnit]:
    """Every pre-2025 district-level unit of that name (one per province that has one), for a name the text
    does not place."""
    found = [_resolve(name, _catalogue().districts, kind, p.code) for p in provinces()]
    return [u for u in found if u is not None]


def provinces() -> list[AdminUnit]:
    """All 63 pre-2025 provinces, sorted by code."""
    return sorted((u for u in _catalogue().units.values() if u.level == "province"), key=lambda u: u.code)


def children(code: str) -> list[AdminUnit]:
    """List the pre-2025 units directly under a province or district, sorted by code."""
    return list(_catalogue().children.get(code, ()))


def by_code(code: str) -> AdminUnit | None:
    """Return the pre-2025 unit with this official code."""
    return _catalogue().units.get(code)


def by_legacy_key(key: str) -> AdminUnit | None:
    """The pre-2025 unit the package's conversion data names by this key ("hochiminh_tanbinh_phuong15")."""
    catalogue = _catalogue()
    code = catalogue.key_codes.get(key)
    return catalogue.units.get(code) if code else None


def units() -> list[AdminUnit]:
    """Every pre-2025 province, district-level and commune-level unit."""
    return list(_catalogue().units.values())


def dataset() -> sqlite3.Connection:
    """A connection to the package's unit database (the caller closes it)."""
    return sqlite3.connect(_data_dir() / "dataset.db")


@cache
def conversion_data() -> dict[str, Any]:
    """The package's 2024 → 2025 conversion tables (provinces; communes kept whole; communes divided)."""
    return cast(dict[str, Any], json.loads((_data_dir() / "converter_2025.json").read_text(encoding="utf-8")))


@cache
def _successors() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Map legacy province keys and legacy "province_district_ward" keys to 2025 unit names via the converter data."""
    with dataset() as conn:
        rows = conn.execute(
            "SELECT provinceKey, provinceShort, wardKey, wardShort, wardType FROM admin_units"
        ).fetchall()
    province_names = {p_key: p_short for p_key, p_short, _, _, _ in rows}
    ward_names = {(p_key, w_key): _short_name(w_short, w_type) for p_key, _, w_key, w_short, w_type in rows}
    converter = conversion_data()

    by_province: dict[str, list[str]] = defaultdict(list)
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            by_province[old_key].append(province_names[new_key])

    by_ward: dict[str, list[str]] = defaultdict(list)
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                by_ward[old_key].append(ward_names[(new_province, new_key)])
    for new_province, wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in wards.items():
            ordered = sorted(parts, key=lambda part: not part["isDefaultNewWard"])
            by_ward[old_key].extend(ward_names[(new_province, part["newWardKey"])] for part in ordered)
    return dict(by_province), dict(by_ward)


def successor_2025(unit: AdminUnit) -> list[str]:
    """Names of the 2025 unit(s) a pre-2025 unit became; a split commune lists the package's default part first."""
    by_province, by_ward = _successors()
    catalogue = _catalogue()
    key = catalogue.legacy_keys.get(unit.code)
    if key is None:
        return []
    if unit.level == "province":
        return list(by_province.get(key, []))
    if unit.level == "commune":
        return list(by_ward.get(key, []))
    # A district was abolished: it became the 2025 communes of its former communes (or itself, for island districts).
    names = list(by_ward.get(key, []))
    for child in catalogue.children.get(unit.code, ()):
        names.extend(by_ward.get(catalogue.legacy_keys[child.code], []))
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class _Catalogue2025:
    """The 2025 provinces and communes with their name indexes."""

    units: dict[str, AdminUnit]
    provinces: dict[str, tuple[AdminUnit, ...]]
    communes: dict[str, tuple[AdminUnit, ...]]
    unchanged: dict[str, str]  # 2025 province code -> pre-2025 code of the same province, where borders held


@cache
def _catalogue_2025() -> _Catalogue2025:
    """Load the units in force from 1 July 2025 (34 provinces, their communes, wards and special zones)."""
    with dataset() as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, provinceAlias, ward, "
            "wardShort, wardType, wardCode FROM admin_units"
        ).fetchall()
    converter = conversion_data()
    legacy_by_key = {key: code for code, key in _catalogue().legacy_keys.items() if "_" not in key}
    units: dict[str, AdminUnit] = {}
    provinces: dict[str, list[AdminUnit]] = defaultdict(list)
    communes: dict[str, list[AdminUnit]] = defaultdict(list)
    unchanged: dict[str, str] = {}
    for r in rows:
        p_code = r["provinceCode"]
        if f"p{p_code}" not in units:
            p_type = r["province"].removesuffix(r["provinceShort"]).strip()
            unit = AdminUnit(
                p_code,
                _short_name(r["provinceShort"], p_type),
                p_type.lower(),
                "province",
                _full_name(r["province"], p_type),
                None,
                p_code,
                "2025",
            )
            units[f"p{p_code}"] = unit
            for key in {_name_key(unit), *json.loads(r["provinceAlias"] or "[]")}:
                provinces[key].append(unit)
            olds = converter["DICT_PROVINCE"].get(r["provinceKey"], [])
            if olds == [r["provinceKey"]] and r["provinceKey"] in legacy_by_key:
                unchanged[p_code] = legacy_by_key[r["provinceKey"]]
        w_type = r["wardType"]
        ward = AdminUnit(
            r["wardCode"],
            _short_name(r["wardShort"], w_type),
            w_type.lower(),
            "commune",
            _full_name(r["ward"], w_type),
            None,
            p_code,
            "2025",
        )
        units[ward.code] = ward
        communes[_name_key(ward)].append(ward)
    return _Catalogue2025(
        units, {k: tuple(v) for k, v in provinces.items()}, {k: tuple(v) for k, v in communes.items()}, unchanged
    )


def province_2025(name: str) -> AdminUnit | None:
    """Resolve one of the 34 provinces in force from 1 July 2025 by name."""
    return _resolve(name, _catalogue_2025().provinces, None, None)


def commune_2025(name: str, kind: str | None = None, province_code: str | None = None) -> AdminUnit | None:
    """Resolve a commune, ward or special zone in force from 1 July 2025; None unless exactly one matches."""
    return _resolve(name, _catalogue_2025().communes, kind, province_code)


def province_2025_by_code(code: str) -> AdminUnit | None:
    """The 2025 province with this code."""
    return _catalogue_2025().units.get(f"p{code}")


def commune_2025_by_code(code: str) -> AdminUnit | None:
    """The 2025 commune, ward or special zone with this code."""
    return _catalogue_2025().units.get(code)


@cache
def area_2025(code: str) -> float | None:
    """The area in km² of a 2025 commune, ward or special zone, as the package records it."""
    return _areas_2025().get(code)


@cache
def _areas_2025() -> dict[str, float]:
    with dataset() as conn:
        return {code: area for code, area in conn.execute("SELECT wardCode, wardAreaKm2 FROM admin_units") if area}


def same_province_before(unit: AdminUnit) -> AdminUnit | None:
    """The pre-2025 province a 2025 province continues unchanged (same borders), if any."""
    code = _catalogue_2025().unchanged.get(unit.code)
    return by_code(code) if code else None


@cache
def _merged_into() -> dict[str, str]:
    """Pre-2025 province code -> code of the 2025 province that took it in (itself where borders held)."""
    with dataset() as conn:
        codes = dict(conn.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units").fetchall())
    converter = conversion_data()
    legacy_by_key = {key: code for code, key in _catalogue().legacy_keys.items() if "_" not in key}
    return {
        legacy_by_key[old]: codes[new]
        for new, olds in converter["DICT_PROVINCE"].items()
        for old in olds
        if old in legacy_by_key and new in codes
    }


def province_2025_of(unit: AdminUnit) -> AdminUnit | None:
    """The 2025 province a pre-2025 province became part of (Ninh Thuận -> Khánh Hòa; Lai Châu -> Lai Châu)."""
    code = _merged_into().get(unit.code)
    return province_2025_by_code(code) if code else None
