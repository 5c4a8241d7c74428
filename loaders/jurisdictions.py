"""Resolve place names in a document to administrative units; unknown places stay unknown, scoped."""
from __future__ import annotations

from . import admin_units
from .model import CENTRAL, Jurisdiction

_LEVEL_NAME = {"province": "tỉnh", "district": "huyện", "commune": "xã"}


def _display(unit: admin_units.AdminUnit) -> str:
    """'tỉnh Lai Châu', 'Thành phố Hồ Chí Minh', 'quận Tân Bình', 'Phường 2, quận Tân Bình'."""
    kind = "Thành phố" if unit.level == "province" and unit.kind == "thành phố" else unit.kind
    name = unit.name if unit.name.lower().startswith(unit.kind) else f"{kind} {unit.name}"
    if unit.level == "commune" and unit.parent_code:
        parent = admin_units.by_code(unit.parent_code)
        if parent is not None:
            name = f"{name}, {_display(parent)}"
    return name


def from_unit(unit: admin_units.AdminUnit) -> Jurisdiction:
    """A Jurisdiction for an administrative unit, with its ancestors."""
    parent = None
    if unit.parent_code:
        up = admin_units.by_code(unit.parent_code)
        parent = from_unit(up) if up else None
    elif unit.level != "province":
        up = admin_units.by_code(unit.province_code)
        parent = from_unit(up) if up else None
    return Jurisdiction(key=f"unit-{unit.code}", level=unit.level, name=_display(unit), code=unit.code,
                        parent=parent or (CENTRAL if unit.level == "province" else None), short=unit.name)


class Places:
    """Place resolution for one document; `scope` keys the units that document leaves unknown."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def unknown(self, level: str, home: Jurisdiction | None = None) -> Jurisdiction:
        """A unit the text refers to without naming it; never merged with another document's."""
        parent = home.up("province") if home is not None and level != "province" else None
        if level == "province" or parent is None:
            parent = None if level == "province" else Jurisdiction(
                key=f"unknown-province-{self.scope}", level="province", name="tỉnh (chưa xác định)",
                parent=CENTRAL, known=False, short="(chưa xác định)")
        return Jurisdiction(key=f"unknown-{level}-{self.scope}", level=level,
                            name=f"{_LEVEL_NAME.get(level, level)} (chưa xác định)",
                            parent=parent or CENTRAL, known=False, short="(chưa xác định)")

    def province(self, name: str) -> Jurisdiction | None:
        unit = admin_units.province(name)
        return from_unit(unit) if unit else None

    def district(self, name: str, kind: str | None, province: Jurisdiction | None) -> Jurisdiction | None:
        code = province.code if province is not None and province.known else None
        unit = admin_units.district(name, kind=kind, province_code=code)
        return from_unit(unit) if unit else None

    def named(self, place: str, level: str, home: Jurisdiction) -> Jurisdiction | None:
        """The unit called `place` at `level`, looked up near `home` first."""
        if level == "province":
            return self.province(place)
        if level == "district":
            return self.district(place, None, home.up("province"))
        if level == "commune":
            parent = home.up("district")
            if parent is not None and parent.code:
                for unit in admin_units.children(parent.code):
                    if unit.name.lower() == place.lower() or unit.full_name.lower() == place.lower():
                        return from_unit(unit)
        return None

    def city_level(self, place: str | None, home: Jurisdiction) -> str:
        """Whether 'thành phố X' / 'Thành ủy' means a province-level city or a district-level one."""
        if place:  # 'thành phố X' is province-level only where X is itself a province-level city
            found = self.province(place)
            return "province" if found is not None and found.name.startswith("Thành phố") else "district"
        district = home.up("district")  # a city's own plan calling itself "thành phố"
        if district is not None and district.name.lower().startswith("thành phố"):
            return "district"
        return "province"
