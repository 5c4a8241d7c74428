"""Tests for the pre-2025 administrative-unit resolver built on `vietnamadminunits`."""

import unicodedata

import pytest

from loaders.admin_units import AdminUnit, by_code, children, district, province, successor_2025

TAN_BINH_2025_WARDS = {"Tân Sơn Hòa", "Tân Sơn Nhất", "Tân Hòa", "Bảy Hiền", "Tân Bình", "Tân Sơn"}


@pytest.fixture(scope="module")
def lai_chau() -> AdminUnit:
    unit = province("Lai Châu")
    assert unit is not None
    return unit


@pytest.fixture(scope="module")
def ninh_thuan() -> AdminUnit:
    unit = province("Ninh Thuận")
    assert unit is not None
    return unit


@pytest.fixture(scope="module")
def tan_binh() -> AdminUnit:
    unit = district("Tân Bình", kind="quận")
    assert unit is not None
    return unit


def test_lai_chau_province(lai_chau: AdminUnit) -> None:
    assert lai_chau == AdminUnit(
        code="12",
        name="Lai Châu",
        kind="tỉnh",
        level="province",
        full_name="Tỉnh Lai Châu",
        parent_code=None,
        province_code="12",
    )


@pytest.mark.parametrize(
    "spelling",
    [
        "Lai Châu",
        "tỉnh Lai Châu",
        "TỈNH LAI CHÂU",
        "Tỉnh  Lai  Châu ",
        "lai chau",
        "tinh lai chau",
        unicodedata.normalize("NFD", "Tỉnh Lai Châu"),
    ],
)
def test_province_spellings(spelling: str, lai_chau: AdminUnit) -> None:
    assert province(spelling) == lai_chau


@pytest.mark.parametrize(
    "spelling",
    [
        "Thành phố Hồ Chí Minh",
        "TP. Hồ Chí Minh",
        "TP Hồ Chí Minh",
        "Hồ Chí Minh",
        "ho chi minh",
        "TP.HCM",
        unicodedata.normalize("NFD", "Thành phố Hồ Chí Minh"),
    ],
)
def test_ho_chi_minh_city_spellings(spelling: str) -> None:
    unit = province(spelling)
    assert unit is not None
    assert (unit.code, unit.kind, unit.full_name) == ("79", "thành phố", "Thành phố Hồ Chí Minh")


def test_province_type_word_must_agree() -> None:
    # "Thành phố Lai Châu" is the district-level city, not the province.
    assert province("Thành phố Lai Châu") is None
    assert province("Tỉnh Hồ Chí Minh") is None


def test_lai_chau_district_level_units(lai_chau: AdminUnit) -> None:
    units = children(lai_chau.code)
    assert len(units) == 8  # DOMAIN.md: Lai Châu has 8 district-level units
    assert all(u.level == "district" and u.parent_code == lai_chau.code for u in units)
    assert [u.code for u in units] == sorted(u.code for u in units)
    assert {u.full_name for u in units} == {
        "Thành phố Lai Châu",
        "Huyện Tam Đường",
        "Huyện Mường Tè",
        "Huyện Sìn Hồ",
        "Huyện Phong Thổ",
        "Huyện Than Uyên",
        "Huyện Tân Uyên",
        "Huyện Nậm Nhùn",
    }
    city = district("Lai Châu")
    assert city is not None and city.kind == "thành phố" and city.province_code == lai_chau.code


def test_tan_binh_has_fifteen_numbered_wards(tan_binh: AdminUnit) -> None:
    assert (tan_binh.full_name, tan_binh.province_code) == ("Quận Tân Bình", "79")
    wards = children(tan_binh.code)
    assert len(wards) == 15
    assert {w.name for w in wards} == {f"Phường {i}" for i in range(1, 16)}
    assert all(w.kind == "phường" and w.level == "commune" and w.parent_code == tan_binh.code for w in wards)
    assert [w.code for w in wards] == sorted(w.code for w in wards)


def test_bac_ai_has_nine_communes(ninh_thuan: AdminUnit) -> None:
    bac_ai = district("Bác Ái", province_code=ninh_thuan.code)
    assert bac_ai is not None and bac_ai.full_name == "Huyện Bác Ái"
    communes = children(bac_ai.code)
    assert len(communes) == 9
    assert all(c.kind == "xã" and c.province_code == ninh_thuan.code for c in communes)
    assert "Phước Bình" in {c.name for c in communes}


def test_district_without_diacritics_and_nfd(tan_binh: AdminUnit) -> None:
    assert district("tan binh", kind="quan") == tan_binh
    assert district("QUAN TAN BINH") == tan_binh
    assert district(unicodedata.normalize("NFD", "Quận Tân Bình")) == tan_binh
    assert district("bac ai") == district("Bác Ái")


def test_district_type_word_in_name_must_agree(tan_binh: AdminUnit) -> None:
    assert district("Quận Tân Bình") == tan_binh
    assert district("Huyện Tân Bình") is None
    assert district("Tân Bình", kind="huyện") is None


def test_name_starting_like_a_type_word() -> None:
    # Huyện Quan Sơn (Thanh Hóa): "Quan" is part of the name, not "Quận".
    quan_son = district("Quan Sơn")
    assert quan_son is not None and quan_son.full_name == "Huyện Quan Sơn"
    assert district("quan son") == quan_son


def test_ambiguous_district_needs_province_or_kind(lai_chau: AdminUnit) -> None:
    # "Tân Uyên" is a huyện of Lai Châu and a thành phố of Bình Dương.
    assert district("Tân Uyên") is None
    in_lai_chau = district("Tân Uyên", province_code=lai_chau.code)
    assert in_lai_chau is not None and in_lai_chau.kind == "huyện"
    binh_duong = district("Tân Uyên", kind="thành phố")
    assert binh_duong is not None and binh_duong.province_code == province("Bình Dương").code
    # "Phú Tân" is a huyện in both An Giang and Cà Mau: the kind alone does not decide.
    assert district("Phú Tân", kind="huyện") is None


def test_same_name_within_a_province_needs_kind() -> None:
    ha_tinh = province("Hà Tĩnh")
    assert district("Kỳ Anh", province_code=ha_tinh.code) is None
    town = district("Kỳ Anh", kind="thị xã", province_code=ha_tinh.code)
    assert town is not None and (town.name, town.full_name) == ("Kỳ Anh", "Thị xã Kỳ Anh")


def test_unknown_names_and_codes() -> None:
    assert province("Atlantis") is None
    assert province("") is None
    assert district("Không Có Huyện Này") is None
    assert by_code("99999") is None
    assert children("99999") == []


def test_by_code_round_trip(tan_binh: AdminUnit) -> None:
    assert by_code(tan_binh.code) == tan_binh
    ward = children(tan_binh.code)[0]
    assert by_code(ward.code) == ward
    assert by_code(ward.province_code) == province("Hồ Chí Minh")


def test_successor_of_provinces(ninh_thuan: AdminUnit, lai_chau: AdminUnit) -> None:
    assert "Khánh Hòa" in successor_2025(ninh_thuan)
    assert successor_2025(lai_chau) == ["Lai Châu"]
    assert successor_2025(province("Bình Dương")) == ["Hồ Chí Minh"]


def test_successor_of_tan_binh_wards(tan_binh: AdminUnit) -> None:
    wards = {w.name: w for w in children(tan_binh.code)}
    assert successor_2025(wards["Phường 1"]) == ["Tân Sơn Hòa"]
    for ward in wards.values():
        successors = successor_2025(ward)
        assert successors and set(successors) <= TAN_BINH_2025_WARDS
    assert set(successor_2025(tan_binh)) == TAN_BINH_2025_WARDS


def test_successor_of_bac_ai_communes(ninh_thuan: AdminUnit) -> None:
    bac_ai = district("Bác Ái", province_code=ninh_thuan.code)
    assert all(successor_2025(c) for c in children(bac_ai.code))


def test_successor_unknown_unit() -> None:
    ghost = AdminUnit("00000", "Ma", "xã", "commune", "Xã Ma", "000", "00")
    assert successor_2025(ghost) == []
