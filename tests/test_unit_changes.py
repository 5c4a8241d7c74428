"""The 2025 unit changes generated from the package's conversion data agree with the sourced tables
(../shared/REORG2025.md): 63 provinces into 34 (11 unchanged, a merger that kept a name is an absorption), Lai
Châu's 106 communes into 38, Tân Bình's 15 wards into 6 with Phường 15 split, Bác Ái's communes into four, every
district abolished, each change with its legal basis or an honest unknown."""

from __future__ import annotations

from collections import Counter

from loaders import admin_units
from loaders.unit_changes import DISTRICT_BASIS, PROVINCE_BASIS, changes_of, unit_changes


def _district(province: str, name: str) -> admin_units.AdminUnit:
    p = admin_units.province(province)
    assert p is not None
    return next(d for d in admin_units.children(p.code) if d.name == name)


def test_the_provinces_go_from_63_to_34_and_mergers_that_kept_a_name_are_absorptions() -> None:
    provinces = [c for c in unit_changes() if c.originals[0].level == "province"]
    assert len({r.code for c in provinces for r in c.results}) == 34
    assert len({o.code for c in provinces for o in c.originals}) == 63
    assert Counter(c.kind for c in provinces) == {"absorb": 23, "retain": 11}
    assert all(c.basis == PROVINCE_BASIS and c.effective == "2025-07-01" for c in provinces)
    quang_binh = admin_units.province("Quảng Bình")
    assert quang_binh is not None
    (change,) = changes_of(quang_binh)
    assert change.kind == "absorb" and [r.full_name for r in change.results] == ["Tỉnh Quảng Trị"]
    lai_chau = admin_units.province("Lai Châu")
    assert lai_chau is not None and [c.kind for c in changes_of(lai_chau)] == ["retain"]


def test_tan_binh_s_fifteen_wards_become_six_with_phuong_15_split() -> None:
    wards = admin_units.children(_district("Hồ Chí Minh", "Tân Bình").code)
    after = {w.name: [(c.kind, [r.name for r in c.results]) for c in changes_of(w)] for w in wards}
    assert len(after) == 15
    assert after["Phường 1"] == [("merge", ["Tân Sơn Hòa"])]
    assert after["Phường 7"] == [("merge", ["Tân Sơn Nhất"])]
    assert after["Phường 9"] == [("merge", ["Tân Hòa"])]
    assert after["Phường 12"] == [("merge", ["Bảy Hiền"])]
    assert after["Phường 14"] == [("merge", ["Tân Bình"])]
    assert after["Phường 15"] == [("split", ["Tân Bình", "Tân Sơn"])]
    assert {r for changes in after.values() for _, results in changes for r in results} == {
        "Tân Sơn Hòa",
        "Tân Sơn Nhất",
        "Tân Hòa",
        "Bảy Hiền",
        "Tân Bình",
        "Tân Sơn",
    }
    (split,) = [c for w in wards for c in changes_of(w) if c.kind == "split"]
    assert split.basis == "1685/NQ-UBTVQH15" and split.source and split.default_result is not None


def test_bac_ai_s_communes_and_lai_chau_s_communes_go_where_the_resolutions_say() -> None:
    bac_ai = admin_units.children(_district("Ninh Thuận", "Bác Ái").code)
    into = {w.name: {r.name for c in changes_of(w) for r in c.results} for w in bac_ai}
    assert into["Phước Đại"] == into["Phước Thành"] == {"Bác Ái Đông"}
    assert into["Phước Tiến"] == into["Phước Thắng"] == into["Phước Chính"] == {"Bác Ái"}
    assert into["Phước Hòa"] == into["Phước Tân"] == into["Phước Bình"] == {"Bác Ái Tây"}
    assert into["Phước Trung"] == {"Mỹ Sơn"}
    lai_chau = admin_units.province("Lai Châu")
    assert lai_chau is not None
    communes = [w for d in admin_units.children(lai_chau.code) for w in admin_units.children(d.code)]
    assert len(communes) == 106
    assert len({r.code for w in communes for c in changes_of(w) for r in c.results}) == 38


def test_every_district_ends_and_unknown_resolution_numbers_stay_unknown() -> None:
    districts = [c for c in unit_changes() if c.originals[0].level == "district"]
    abolished = [c for c in districts if c.kind == "abolish"]
    assert len(abolished) >= 680 and all(c.basis == DISTRICT_BASIS and not c.results for c in abolished)
    tan_binh = _district("Hồ Chí Minh", "Tân Bình")
    assert [c.kind for c in changes_of(tan_binh)] == ["abolish"]
    communes = [c for c in unit_changes() if c.originals[0].level == "commune"]
    unknown = [c for c in communes if c.basis is None]
    assert unknown and all(c.source is None for c in unknown)  # no number invented where no source gives one
