"""Resolve place names in a document to administrative units valid on its date; unknown places stay unknown."""

from __future__ import annotations

from functools import lru_cache

from loaders import admin_units
from loaders.model import CENTRAL, Jurisdiction, PartialDate

_LEVEL_NAME = {"province": "tỉnh", "district": "huyện", "commune": "xã"}
PRE_2025, TWO_TIER = "pre2025", "2025"


def _display(unit: admin_units.AdminUnit) -> str:
    """'tỉnh Lai Châu', 'Thành phố Hồ Chí Minh', 'quận Tân Bình', 'Phường 2, quận Tân Bình'."""
    kind = "Thành phố" if unit.level == "province" and unit.kind == "thành phố" else unit.kind
    name = unit.name if unit.name.lower().startswith(unit.kind) else f"{kind} {unit.name}"
    if unit.level == "commune":
        parent = _parent(unit)
        if parent is not None:
            name = f"{name}, {_display(parent)}"
    return name


def _parent(unit: admin_units.AdminUnit) -> admin_units.AdminUnit | None:
    if unit.scheme == TWO_TIER:
        return admin_units.province_2025_by_code(unit.province_code) if unit.level == "commune" else None
    if unit.parent_code:
        return admin_units.by_code(unit.parent_code)
    return admin_units.by_code(unit.province_code) if unit.level != "province" else None


@lru_cache(maxsize=65536)
def from_unit(unit: admin_units.AdminUnit, on: tuple[int, int, int] | None = None) -> Jurisdiction:
    """A Jurisdiction for an administrative unit, with its ancestors, named as on the day `on` when given; a 2025
    province whose borders held is the pre-2025 province itself (one node for it across the reform)."""
    if unit.scheme == TWO_TIER and unit.level == "province":
        before = admin_units.same_province_before(unit)
        if before is not None:
            return from_unit(before, on)
    unit = admin_units.named_on(unit, on)
    up = _parent(unit)
    parent = from_unit(up, on) if up else (CENTRAL if unit.level == "province" else None)
    prefix = "unit2025" if unit.scheme == TWO_TIER else "unit"
    local = f"p{unit.code}" if unit.scheme == TWO_TIER and unit.level == "province" else unit.code
    return Jurisdiction(
        key=f"{prefix}-{local}",
        level=unit.level,
        name=_display(unit),
        code=unit.code,
        parent=parent,
        short=unit.name,
        scheme=unit.scheme,
    )


def era_of(date: PartialDate | None) -> tuple[str, ...]:
    """Which unit systems to look names up in, first choice first, for a document of this date."""
    if date is None or date.year is None:
        return (PRE_2025, TWO_TIER)
    if date.year > 2025 or (date.year == 2025 and date.month is not None and date.month >= 7):
        return (TWO_TIER, PRE_2025)
    if date.year == 2025 and date.month is None:
        return (PRE_2025, TWO_TIER)
    return (PRE_2025,)


class Places:
    """Place resolution for one document; `scope` keys the units that document leaves unknown, `eras` says which
    unit systems are valid on its date (first choice first)."""

    def __init__(self, scope: str, eras: tuple[str, ...] = (PRE_2025,), on: PartialDate | None = None) -> None:
        self.scope = scope
        self.eras = eras
        # the document's day (its last possible day when partly blank): units are named as they were on it
        self.on = (on.year, on.month or 12, on.day or 31) if on is not None and on.year is not None else None

    def unknown(self, level: str, home: Jurisdiction | None = None) -> Jurisdiction:
        """A unit the text refers to without naming it; never merged with another document's."""
        parent = home.up("province") if home is not None and level != "province" else None
        if level == "province" or parent is None:
            parent = (
                None
                if level == "province"
                else Jurisdiction(
                    key=f"unknown-province-{self.scope}",
                    level="province",
                    name="tỉnh (chưa xác định)",
                    parent=CENTRAL,
                    known=False,
                    short="(chưa xác định)",
                )
            )
        # inside a known unit, the unknown one is that unit's: two plans with one number and title in two
        # provinces never share a commune
        anchor = home if home is not None and home.known and home.level not in ("central", level) else None
        within = f"{anchor.key.replace('/', '-')}-" if anchor is not None else ""
        return Jurisdiction(
            key=f"unknown-{level}-{within}{self.scope}",
            level=level,
            name=f"{_LEVEL_NAME.get(level, level)} (chưa xác định)",
            parent=parent or CENTRAL,
            known=False,
            short="(chưa xác định)",
        )

    def province(self, name: str) -> Jurisdiction | None:
        for era in self.eras:
            unit = admin_units.province_2025(name) if era == TWO_TIER else admin_units.province(name)
            if unit is not None:
                return from_unit(unit, self.on)
        return None

    def district(self, name: str, kind: str | None, province: Jurisdiction | None) -> Jurisdiction | None:
        code = province.code if province is not None and province.known and province.scheme == PRE_2025 else None
        unit = admin_units.district(name, kind=kind, province_code=code)
        return from_unit(unit, self.on) if unit else None

    def commune(self, name: str, kind: str | None, home: Jurisdiction) -> Jurisdiction | None:
        """A commune-level unit called `name`: under `home`'s district (pre-2025) or province (2025)."""
        for era in self.eras:
            if era == TWO_TIER:
                province = self._province_2025(home)
                unit = admin_units.commune_2025(name, kind, province.code if province else None)
                if unit is not None:
                    return from_unit(unit, self.on)
                continue
            parent = home.up("district")
            if parent is not None and parent.code and parent.scheme == PRE_2025:
                for child in admin_units.children(parent.code):
                    named = name.lower() in (child.name.lower(), child.full_name.lower())
                    if named and (kind is None or child.kind == kind):
                        return from_unit(child, self.on)
        return None

    @staticmethod
    def _province_2025(home: Jurisdiction) -> admin_units.AdminUnit | None:
        province = home.up("province")
        if province is None or not province.known or not province.code:
            return None
        if province.scheme == TWO_TIER:
            return admin_units.province_2025_by_code(province.code)
        legacy = admin_units.by_code(province.code)
        return admin_units.province_2025_of(legacy) if legacy else None

    def named(self, place: str, level: str, home: Jurisdiction) -> Jurisdiction | None:
        """The unit called `place` at `level`, looked up near `home` first."""
        if level == "province":
            return self.province(place)
        if level == "district":
            return self.district(place, None, home.up("province"))
        if level == "commune":
            return self.commune(place, None, home)
        return None

    def city_level(self, place: str | None, home: Jurisdiction) -> str:
        """Whether 'thành phố X' / 'Thành ủy' means a province-level city or a district-level one."""
        if place:  # 'thành phố X' is province-level only where X is itself a province-level city
            found = self.province(place)
            return "province" if found is not None and found.name.lower().startswith("thành phố") else "district"
        district = home.up("district")  # a city's own plan calling itself "thành phố"
        if district is not None and district.name.lower().startswith("thành phố"):
            return "district"
        return "province"
