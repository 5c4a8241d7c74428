"""Paragraph rebuilding: hard-wrapped lines join, page debris goes, every character maps back to the source."""

from __future__ import annotations

from corpus import BAC_AI, SEEDS, seed_text

from loaders.layout import blocks
from loaders.source import canonical

WRAPPED = canonical("""KẾ HOẠCH

Thực hiện Kế hoạch số 12-KH/TU ngày 02/01/2024 của Ban Thường vụ

Tỉnh ủy, về triển khai thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ

Chính trị, về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng

yêu cầu phát triển đất nước phồn vinh, hạnh phúc. Ban Thường vụ Huyện ủy ban

hành kế hoạch triển khai thực hiện với các nội dung, cụ thể như sau:

-----

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Quán triệt Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Kế hoạch

số 12-KH/TU ngày 02/01/2024 của Ban Thường vụ Tỉnh ủy, tạo sự đồng thuận

về nhận thức và thống nhất trong hành động của hệ thống chính trị toàn tỉnh.

   2

2. Yêu cầu

Các cấp ủy đảng, chính quyền, Mặt trận tổ quốc, các đoàn thể chính trị - xã hội

và các ban ngành nghiêm túc triển khai thực hiện Kế hoạch này.
""")


def test_hard_wrapped_lines_join_and_debris_is_dropped() -> None:
    texts = [b.text for b in blocks(WRAPPED)]
    assert texts[0] == "KẾ HOẠCH"
    assert texts[1].startswith("Thực hiện Kế hoạch số 12-KH/TU ngày 02/01/2024 của Ban Thường vụ Tỉnh ủy, về")
    assert texts[1].endswith("cụ thể như sau:")
    assert texts[2:5] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", texts[4]]
    assert texts[4].endswith("hệ thống chính trị toàn tỉnh.")
    assert "-----" not in texts and "2" not in texts
    assert texts[5] == "2. Yêu cầu"
    assert len(texts) == 7


def test_offsets_map_back_to_the_exact_source() -> None:
    for block in blocks(WRAPPED):
        start, end = block.span(0, len(block.text))
        source = WRAPPED[start:end]
        assert " ".join(source.split()) == block.text.replace("*", "")


def test_seed_002_paragraphs() -> None:
    texts = [b.text for b in blocks(seed_text(BAC_AI))]
    assert "Thực hiện Kế hoạch số 273-KH/TU ngày 20/02/2024 của Ban Thường vụ Tỉnh uỷ, về triển khai" in texts[6]
    assert texts.index("III. TỔ CHỨC THỰC HIỆN") < texts.index("Nơi nhận:")
    assert all(not t.startswith("-----") for t in texts)


def test_every_seed_maps_back_exactly() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = canonical(path.read_text(encoding="utf-8"))
        for block in blocks(text):
            for a in (0, len(block.text) // 2):
                start, _end = block.span(a, len(block.text))
                assert block.text[a] == text[start] or block.text[a] == " "
