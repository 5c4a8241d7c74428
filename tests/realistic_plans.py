"""Realistic Directive 28 plans for benchmarks: province, department, district, commune, party and mass-organisation
plans that form cascades, written the way officials write them.

The layout follows the national rules (Nghị định 30/2020/NĐ-CP, Phụ lục I, for state documents; Hướng dẫn
36-HD/VPTW for party documents). The units are the real ones in force on each plan's date: 63 provinces with their
districts and communes before 1 July 2025, the 34 provinces and their communes and wards after it; children's
affairs sit with Sở Lao động - Thương binh và Xã hội until 1 March 2025 and with Sở Y tế from then. Sizes follow a
clipped log-normal (5,000-40,000 characters, mean about 14,000), reached by writing more or fewer tasks,
assignments and duties, never by padding. People, numbers and figures are invented.

    python tests/realistic_plans.py --plans 1000 --out /tmp/plans --seed 0
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import math
import random
import statistics
import unicodedata
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from loaders import admin_units
from loaders.admin_units import AdminUnit
from loaders.folding import slug

LEVELS = (
    "province",
    "province-party",
    "department",
    "mass-organisation",
    "district",
    "district-party",
    "commune",
    "commune-party",
)
_MIN_CHARS, _MAX_CHARS = 5_600, 38_500  # where the drawn sizes are clipped, inside the 5,000-40,000 promise
# Median size per level: the log-normal's median, tuned so that the corpus mean is about 14,000 characters.
_MEDIAN = {
    "province": 24_000,
    "province-party": 11_000,
    "department": 12_000,
    "mass-organisation": 9_000,
    "district": 16_000,
    "district-party": 10_000,
    "commune": 19_000,
    "commune-party": 9_000,
}
_SIGMA = 0.42
_DEPARTMENTS_MOVED = date(2025, 3, 1)  # Nghị định 45/2025/NĐ-CP: children's affairs to Sở Y tế
_TWO_TIER = date(2025, 7, 1)  # Nghị quyết 202/2025/QH15 and 203/2025/QH15: 34 provinces, no districts

_DIRECTIVE = "Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư"
_ABOUT = (
    "về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước phồn vinh, "
    "hạnh phúc"
)


@dataclass(frozen=True)
class RealisticPlan:
    """One generated plan: its file name, text and the facts a benchmark checks against the parser."""

    name: str
    text: str
    level: str
    issuer: str
    number: str
    date: str
    parent_number: str | None
    obligations: int
    post_2025: bool


# --- phrase pools ------------------------------------------------------------------------------------------------
# Duties are verb phrases, so that they read after "X chủ trì, phối hợp với Y …", after "X có trách nhiệm …" and,
# capitalised, as items of their own. Placeholders: {unit} the issuer's unit word ("tỉnh", "huyện", "xã"), {area}
# its unit in full, {council} the body it answers to, {villages} its villages, {cf} the kinds of child-friendly
# communes.
_DUTIES: dict[str, tuple[str, ...]] = {
    "children": (
        "theo dõi, hướng dẫn, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch này; tổng hợp khó khăn, "
        "vướng mắc, đề xuất {council} biện pháp tháo gỡ",
        "rà soát, lập danh sách, cập nhật thông tin trẻ em có hoàn cảnh đặc biệt, trẻ em có nguy cơ rơi vào hoàn "
        "cảnh đặc biệt vào hệ thống cơ sở dữ liệu về trẻ em; bảo đảm số liệu thống nhất, chính xác",
        "tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em, Ngày Quốc tế Thiếu nhi và Tết Trung thu; vận "
        "động các tổ chức, cá nhân tặng quà, học bổng cho trẻ em có hoàn cảnh khó khăn",
        "tổ chức Diễn đàn trẻ em {unit}, tạo điều kiện để trẻ em được bày tỏ ý kiến, nguyện vọng về các vấn đề liên "
        "quan đến trẻ em; tổng hợp, chuyển các kiến nghị của trẻ em đến cơ quan có thẩm quyền xem xét, giải quyết",
        "kiện toàn Ban điều hành công tác bảo vệ trẻ em và mạng lưới cộng tác viên bảo vệ trẻ em ở {villages}; tổ "
        "chức tập huấn nâng cao kỹ năng phát hiện, can thiệp, hỗ trợ trẻ em",
        "hướng dẫn, hỗ trợ xây dựng {cf} phù hợp với trẻ em; đánh giá, đề nghị công nhận theo quy định",
        "thực hiện đầy đủ, kịp thời chính sách trợ giúp xã hội, hỗ trợ chăm sóc thay thế đối với trẻ em mồ côi, trẻ "
        "em khuyết tật, trẻ em thuộc hộ nghèo, hộ cận nghèo",
        "phối hợp với Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 tiếp nhận, xác minh, xử lý thông tin về các vụ "
        "việc xâm hại trẻ em; lập kế hoạch hỗ trợ, can thiệp đối với từng trường hợp",
        "vận động các doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Bảo trợ trẻ em; quản lý, sử dụng nguồn vận động đúng mục "
        "đích, công khai, minh bạch",
        "triển khai các giải pháp phòng ngừa, giảm thiểu tình trạng trẻ em lao động trái quy định của pháp luật, "
        "trẻ em lang thang, bị bóc lột",
        "theo dõi, đánh giá việc thực hiện các chỉ tiêu về trẻ em; tham mưu tổ chức sơ kết giữa kỳ vào năm 2027 "
        "và tổng kết vào năm 2030",
        "thực hiện các mục tiêu phòng, chống tai nạn, thương tích trẻ em, nhất là đuối nước; lồng ghép nội dung "
        "phòng, chống đuối nước vào các hoạt động hè cho trẻ em",
        "nâng cao chất lượng tiếp nhận, chuyển gửi thông tin từ Tổng đài điện thoại quốc gia bảo vệ trẻ em 111; bảo "
        "đảm trẻ em cần hỗ trợ được kết nối dịch vụ kịp thời",
        "phát triển mạng lưới cung cấp dịch vụ công tác xã hội đối với trẻ em; nâng cao chất lượng chăm sóc, nuôi "
        "dưỡng trẻ em tại các cơ sở trợ giúp xã hội",
        "xây dựng, cập nhật cơ sở dữ liệu về trẻ em liên thông với cơ sở dữ liệu quốc gia về dân cư; chia sẻ thông "
        "tin giữa các cơ quan liên quan",
        "hướng dẫn gia đình nhận chăm sóc thay thế, người giám hộ thực hiện đầy đủ trách nhiệm đối với trẻ em; kiểm "
        "tra định kỳ điều kiện chăm sóc trẻ em",
    ),
    "health": (
        "nâng cao chất lượng chăm sóc sức khỏe bà mẹ, trẻ sơ sinh; quản lý thai nghén, sàng lọc trước sinh và sơ "
        "sinh tại các cơ sở y tế",
        "tổ chức tiêm chủng mở rộng, tiêm chủng bù, tiêm vét cho trẻ em; bảo đảm tỷ lệ trẻ em dưới 1 tuổi được "
        "tiêm chủng đầy đủ các loại vắc xin",
        "triển khai các can thiệp dinh dưỡng, bổ sung vi chất, tẩy giun cho trẻ em dưới 5 tuổi; theo dõi tăng "
        "trưởng, phòng, chống suy dinh dưỡng thể thấp còi",
        "phát hiện sớm, can thiệp sớm cho trẻ em khuyết tật, trẻ em rối loạn phổ tự kỷ; tư vấn, hỗ trợ tâm lý cho "
        "trẻ em bị bạo lực, xâm hại",
        "tăng cường công tác y tế trường học, khám sức khỏe định kỳ cho học sinh; kiểm tra an toàn thực phẩm tại "
        "bếp ăn tập thể của các cơ sở giáo dục",
        "thực hiện nghiêm quy định về thông báo, tố giác hành vi xâm hại trẻ em được phát hiện qua hoạt động khám "
        "bệnh, chữa bệnh",
        "bảo đảm trẻ em dưới 6 tuổi được khám bệnh, chữa bệnh theo chế độ bảo hiểm y tế; phối hợp cấp thẻ bảo "
        "hiểm y tế cho trẻ em kịp thời",
        "tuyên truyền, tư vấn về chăm sóc sức khỏe sinh sản vị thành niên, phòng ngừa mang thai ở tuổi vị thành niên",
        "nâng cao năng lực khám bệnh, chữa bệnh nhi khoa, hồi sức sơ sinh; thực hiện hội chẩn, chuyển tuyến kịp "
        "thời các "
        "ca bệnh nặng ở trẻ em",
        "phát triển mạng lưới chăm sóc sức khỏe tâm thần trẻ em; bố trí nhân viên công tác xã hội tại các cơ sở khám "
        "bệnh, chữa bệnh",
        "kiểm tra, giám sát an toàn thực phẩm tại các cơ sở sản xuất, kinh doanh thực phẩm dành cho trẻ em",
        "triển khai mô hình chăm sóc sức khỏe ban đầu cho trẻ em tại cộng đồng; củng cố mạng lưới nhân viên y tế "
        "thôn, bản",
    ),
    "education": (
        "lồng ghép giáo dục quyền và bổn phận của trẻ em, kỹ năng sống, kỹ năng phòng, chống xâm hại vào hoạt động "
        "giáo dục trong nhà trường",
        "xây dựng trường học an toàn, thân thiện, phòng, chống bạo lực học đường; củng cố hoạt động tư vấn tâm lý "
        "học đường",
        "nâng cao chất lượng phổ cập giáo dục mầm non cho trẻ em 5 tuổi, phổ cập giáo dục tiểu học và trung học cơ "
        "sở; vận động trẻ em bỏ học trở lại lớp",
        "quản lý chặt chẽ các nhóm, lớp mầm non độc lập, cơ sở giáo dục ngoài công lập; kịp thời phát hiện, xử lý "
        "các hành vi bạo hành trẻ em",
        "tổ chức dạy bơi, hướng dẫn kỹ năng an toàn dưới nước cho học sinh; phối hợp quản lý học sinh trong dịp "
        "nghỉ hè",
        "giáo dục kỹ năng an toàn trên môi trường mạng cho học sinh; hướng dẫn cha mẹ học sinh quản lý việc sử dụng "
        "thiết bị điện tử của trẻ",
        "thực hiện đầy đủ chính sách hỗ trợ học sinh khuyết tật, học sinh dân tộc thiểu số, học sinh thuộc hộ "
        "nghèo; bố trí giáo viên hỗ trợ giáo dục hòa nhập",
        "đưa kết quả thực hiện công tác bảo vệ trẻ em vào tiêu chí thi đua, đánh giá, xếp loại các cơ sở giáo dục "
        "hằng năm",
        "bảo đảm an toàn trong tổ chức bữa ăn bán trú, đưa đón học sinh; tăng cường giáo dục thể chất, hoạt động "
        "trải nghiệm cho học sinh",
        "phối hợp với gia đình và cộng đồng giáo dục đạo đức, lối sống cho học sinh; phát huy vai trò của Ban đại "
        "diện cha mẹ học sinh",
        "rà soát, sắp xếp mạng lưới trường, lớp; ưu tiên đầu tư phòng học, nhà vệ sinh, công trình nước sạch cho các "
        "trường ở vùng khó khăn",
        "tổ chức tập huấn cho cán bộ quản lý, giáo viên về kỹ năng nhận biết, hỗ trợ học sinh bị bạo lực, xâm hại",
    ),
    "culture": (
        "tổ chức các hoạt động văn hóa, thể thao, vui chơi, giải trí cho trẻ em trong dịp hè, Tết Trung thu; phát "
        "huy hiệu quả các thiết chế văn hóa cơ sở",
        "lồng ghép nội dung phòng, chống bạo lực gia đình, xâm hại trẻ em vào phong trào “Toàn dân đoàn kết xây "
        "dựng đời sống văn hóa”",
        "quản lý chặt chẽ các điểm kinh doanh dịch vụ trò chơi điện tử, karaoke, internet gần trường học; kiểm "
        "tra, xử lý các cơ sở vi phạm quy định về bảo vệ trẻ em",
        "đầu tư, cải tạo sân chơi, điểm vui chơi công cộng an toàn cho trẻ em tại các khu dân cư; khuyến khích xã "
        "hội hóa xây dựng tủ sách, thư viện thân thiện",
        "tuyên truyền, giáo dục về gia đình, kỹ năng làm cha mẹ; nhân rộng các mô hình gia đình văn hóa, gia đình "
        "hạnh phúc",
        "tổ chức các lớp dạy bơi miễn phí, các giải thể thao thiếu nhi; khuyến khích phát triển văn học, nghệ "
        "thuật, sách, báo dành cho thiếu nhi",
        "kiểm tra việc lưu hành, phổ biến các sản phẩm văn hóa, dịch vụ giải trí; xử lý nghiêm các sản phẩm có nội "
        "dung bạo lực, không phù hợp với lứa tuổi trẻ em",
        "hướng dẫn các thiết chế văn hóa, thể thao cơ sở dành thời gian, không gian phù hợp cho các hoạt động của "
        "trẻ em",
        "bảo tồn, phát huy các trò chơi dân gian, văn hóa truyền thống trong các hoạt động dành cho trẻ em",
    ),
    "info": (
        "đổi mới nội dung, hình thức tuyên truyền về quyền và bổn phận của trẻ em trên báo chí, hệ thống thông tin "
        "cơ sở và mạng xã hội; tăng thời lượng tin, bài trong Tháng hành động vì trẻ em",
        "tuyên truyền, phổ biến Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đến từng hộ gia đình; đăng tải tài "
        "liệu tuyên truyền trên trang thông tin điện tử",
        "phối hợp phát hiện, ngăn chặn, gỡ bỏ các thông tin, hình ảnh có nội dung độc hại, gây tổn hại đến trẻ em "
        "trên môi trường mạng",
        "xây dựng chuyên trang, chuyên mục về trẻ em; biểu dương các tập thể, cá nhân, gia đình điển hình trong "
        "công tác chăm sóc, giáo dục và bảo vệ trẻ em",
        "hướng dẫn hệ thống truyền thanh cơ sở phát các bản tin về phòng, chống xâm hại, đuối nước, tai nạn "
        "thương tích trẻ em",
        "định hướng các cơ quan báo chí đưa tin về trẻ em bảo đảm bí mật đời sống riêng tư của trẻ em; xử lý nghiêm "
        "việc đưa tin, hình ảnh gây tổn hại đến trẻ em",
        "hướng dẫn các doanh nghiệp cung cấp dịch vụ viễn thông, internet thực hiện các biện pháp bảo vệ thông tin "
        "cá nhân của trẻ em trên môi trường mạng",
        "tổ chức tập huấn kỹ năng bảo vệ trẻ em trên môi trường mạng cho cán bộ, giáo viên và cha mẹ học sinh",
        "phát triển các sản phẩm truyền thông trên nền tảng số về quyền trẻ em, kỹ năng an toàn cho trẻ em",
    ),
    "justice": (
        "phổ biến, giáo dục pháp luật về trẻ em, hôn nhân và gia đình, phòng, chống bạo lực gia đình; lồng ghép nội "
        "dung bảo vệ trẻ em trong hoạt động hòa giải ở cơ sở",
        "thực hiện đăng ký khai sinh đúng hạn cho trẻ em; liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, "
        "cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "bảo đảm trẻ em là người bị hại, người làm chứng được trợ giúp pháp lý miễn phí kịp thời theo quy định",
        "rà soát các văn bản của địa phương liên quan đến trẻ em, kịp thời đề xuất sửa đổi, bổ sung cho phù hợp",
        "theo dõi tình hình thi hành pháp luật về trẻ em; hướng dẫn xây dựng hương ước, quy ước có nội dung bảo vệ "
        "trẻ em",
        "nâng cao kỹ năng tham gia tố tụng của trợ giúp viên pháp lý khi tham gia vụ việc có người dưới 18 tuổi",
        "hướng dẫn thực hiện các thủ tục nhận con nuôi, giám hộ cho trẻ em theo quy định, bảo đảm lợi ích tốt nhất "
        "của trẻ em",
        "tổ chức các cuộc thi tìm hiểu pháp luật về quyền trẻ em cho học sinh và cha mẹ học sinh",
    ),
    "police": (
        "tăng cường nắm tình hình, phòng ngừa, phát hiện, điều tra, xử lý nghiêm các vụ việc xâm hại, bạo lực, mua "
        "bán trẻ em",
        "áp dụng thủ tục tố tụng thân thiện đối với người dưới 18 tuổi; bố trí cán bộ điều tra có kỹ năng làm việc "
        "với trẻ em",
        "quản lý, giáo dục trẻ em vi phạm pháp luật, trẻ em có nguy cơ vi phạm pháp luật tại cộng đồng; phòng ngừa "
        "trẻ em tham gia các tệ nạn xã hội, ma túy",
        "tuyên truyền an toàn giao thông, phòng, chống ma túy, phòng, chống mua bán người tại các trường học và khu "
        "dân cư",
        "bảo đảm an ninh, trật tự tại khu vực cổng trường, các khu vui chơi của trẻ em; xử lý nghiêm hành vi vi "
        "phạm trật tự an toàn giao thông của học sinh",
        "truy tìm các đối tượng mua bán, bắt cóc trẻ em; phối hợp giải cứu, tiếp nhận, hỗ trợ trẻ em bị mua bán trở về",
        "hướng dẫn học sinh kỹ năng nhận diện, phòng tránh các thủ đoạn lừa đảo, dụ dỗ trên không gian mạng",
        "phối hợp với cơ quan tố tụng xử lý nghiêm minh các vụ án xâm hại trẻ em; không để kéo dài, gây bức xúc trong "
        "dư luận",
    ),
    "finance": (
        "tham mưu bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách hằng năm theo phân cấp; hướng dẫn các "
        "đơn vị lập dự toán, quản lý, sử dụng và quyết toán kinh phí theo quy định",
        "lồng ghép nguồn vốn các chương trình mục tiêu quốc gia để đầu tư cơ sở vật chất phục vụ trẻ em, ưu tiên "
        "các địa bàn khó khăn",
        "cân đối nguồn lực cho các đề án, dự án về trẻ em; theo dõi, kiểm tra việc sử dụng kinh phí đúng mục đích, "
        "hiệu quả",
        "hướng dẫn việc huy động, tiếp nhận, quản lý các nguồn tài trợ cho công tác trẻ em theo quy định",
    ),
    "interior": (
        "tham mưu bố trí công chức, người làm công tác trẻ em bảo đảm ổn định; đưa kết quả thực hiện công tác trẻ "
        "em vào tiêu chí thi đua, khen thưởng",
        "hướng dẫn, theo dõi việc thực hiện chức năng, nhiệm vụ quản lý nhà nước về trẻ em sau sắp xếp tổ chức bộ máy",
        "lồng ghép nội dung quyền trẻ em vào chương trình bồi dưỡng cán bộ, công chức",
        "đưa nội dung công tác trẻ em vào kế hoạch đào tạo, bồi dưỡng đội ngũ công chức cấp xã",
    ),
    "ethnic": (
        "triển khai các giải pháp giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống trong vùng đồng bào "
        "dân tộc thiểu số; phát huy vai trò của người có uy tín",
        "lồng ghép các chính sách dân tộc để hỗ trợ trẻ em vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn "
        "được tiếp cận dịch vụ y tế, giáo dục",
        "tuyên truyền bằng tiếng dân tộc thiểu số về quyền trẻ em, phòng, chống xâm hại, mua bán trẻ em",
        "vận động đồng bào dân tộc thiểu số cho con em đến trường đúng độ tuổi, không để trẻ em bỏ học giữa chừng",
    ),
    "military": (
        "xây dựng phương án phòng, chống đuối nước cho trẻ em trong mùa mưa lũ; cắm biển cảnh báo tại các điểm "
        "sông, suối, ao, hồ nguy hiểm",
        "phối hợp bảo đảm an ninh, trật tự tại các điểm tổ chức hoạt động hè cho trẻ em",
    ),
    "villages": (
        "nắm chắc số lượng, hoàn cảnh trẻ em trên địa bàn; kịp thời phát hiện, báo tin về Ủy ban nhân dân {unit} "
        "các trường hợp trẻ em bị xâm hại, bỏ học, có nguy cơ đuối nước",
        "đưa nội dung bảo vệ trẻ em vào hương ước, quy ước; vận động nhân dân không tổ chức tảo hôn, không để trẻ "
        "em lao động sớm",
    ),
    "propaganda": (
        "hướng dẫn việc nghiên cứu, học tập, quán triệt Chỉ thị số 28-CT/TW và Kế hoạch này; định hướng công tác "
        "tuyên truyền trên các phương tiện thông tin đại chúng",
        "theo dõi, nắm tình hình tư tưởng, dư luận xã hội liên quan đến các vụ việc xâm hại trẻ em; kịp thời tham "
        "mưu định hướng thông tin",
        "biên soạn tài liệu tuyên truyền, giới thiệu các mô hình, cách làm hay trong công tác chăm sóc, giáo dục và "
        "bảo vệ trẻ em",
        "phối hợp với Trung tâm Chính trị tổ chức học tập, quán triệt Chỉ thị cho cán bộ, đảng viên; đưa nội dung công "
        "tác trẻ em vào chương trình bồi dưỡng lý luận chính trị",
        "hướng dẫn các chi bộ sinh hoạt chuyên đề về công tác chăm sóc, giáo dục và bảo vệ trẻ em",
    ),
    "mass": (
        "hướng dẫn Mặt trận Tổ quốc và các tổ chức chính trị - xã hội vận động đoàn viên, hội viên tham gia chăm "
        "sóc, giáo dục và bảo vệ trẻ em; xây dựng mô hình “Dân vận khéo” trong công tác trẻ em",
        "phát huy vai trò của người có uy tín, chức sắc tôn giáo trong vận động Nhân dân xóa bỏ hủ tục ảnh hưởng "
        "đến trẻ em",
        "theo dõi, nắm tình hình Nhân dân; kịp thời tham mưu giải quyết những vấn đề bức xúc liên quan đến trẻ em tại "
        "cơ sở",
    ),
    "inspection": (
        "đưa nội dung lãnh đạo, chỉ đạo thực hiện Chỉ thị số 28-CT/TW vào chương trình kiểm tra, giám sát hằng năm",
        "tham mưu kiểm tra, giám sát việc thực hiện Kế hoạch này tại một số cấp ủy, tổ chức đảng; kiến nghị xử lý "
        "tổ chức, cá nhân thiếu trách nhiệm để xảy ra vi phạm quyền trẻ em",
        "giám sát việc thực hiện trách nhiệm của người đứng đầu cấp ủy, chính quyền trong lãnh đạo, chỉ đạo công tác "
        "trẻ em",
    ),
    "organisation": (
        "tham mưu đưa kết quả thực hiện công tác trẻ em vào tiêu chí đánh giá, xếp loại chất lượng tổ chức đảng, "
        "đảng viên và người đứng đầu",
        "tham mưu bố trí cán bộ có năng lực, tâm huyết làm công tác trẻ em; đưa nội dung này vào đánh giá cán bộ hằng "
        "năm",
    ),
    "office": (
        "theo dõi, đôn đốc việc thực hiện Kế hoạch; tham mưu sơ kết, tổng kết và báo cáo theo quy định",
        "tổng hợp kết quả thực hiện của các cơ quan, đơn vị; bảo đảm điều kiện phục vụ các hoạt động của Kế hoạch",
        "đăng tải Kế hoạch và các tài liệu tuyên truyền về trẻ em trên trang thông tin điện tử của cơ quan",
    ),
    "government": (
        "lãnh đạo, chỉ đạo xây dựng kế hoạch triển khai thực hiện Chỉ thị số 28-CT/TW; bố trí ngân sách, nhân lực "
        "cho công tác trẻ em",
        "chỉ đạo đưa các chỉ tiêu về trẻ em vào kế hoạch phát triển kinh tế - xã hội hằng năm; tăng cường quản lý "
        "nhà nước về trẻ em",
        "chỉ đạo rà soát, hoàn thiện các chính sách hỗ trợ trẻ em có hoàn cảnh đặc biệt phù hợp với điều kiện của địa "
        "phương",
        "lãnh đạo xây dựng {cf} phù hợp với trẻ em; tăng cường thanh tra, kiểm tra việc thực hiện chính sách về trẻ em",
    ),
    "front": (
        "tuyên truyền, vận động đoàn viên, hội viên và Nhân dân thực hiện tốt trách nhiệm chăm sóc, giáo dục và bảo "
        "vệ trẻ em; tham gia giám sát việc thực hiện chính sách, pháp luật về trẻ em",
        "vận động nguồn lực xã hội chăm lo cho trẻ em có hoàn cảnh đặc biệt; phối hợp tổ chức các hoạt động vui "
        "chơi, giải trí cho trẻ em",
        "tăng cường giám sát, phản biện xã hội đối với việc thực hiện chính sách về trẻ em",
        "phát huy vai trò của Ban Thanh tra nhân dân, Ban Giám sát đầu tư cộng đồng trong giám sát việc thực hiện "
        "chính sách về trẻ em",
    ),
    "courts": (
        "đẩy nhanh tiến độ giải quyết các vụ án xâm hại trẻ em; tổ chức xét xử lưu động một số vụ án điển hình để "
        "tuyên truyền, răn đe",
    ),
    "subordinate": (
        "xây dựng, ban hành kế hoạch thực hiện trên địa bàn, phân công cụ thể trách nhiệm của các cơ quan, đơn vị",
        "bố trí ngân sách, nhân lực cho công tác trẻ em; kiện toàn Ban điều hành công tác bảo vệ trẻ em",
        "chỉ đạo đưa chỉ tiêu về trẻ em vào nghị quyết, kế hoạch phát triển kinh tế - xã hội hằng năm",
        "định kỳ kiểm tra, đánh giá việc thực hiện; chủ động xử lý các vụ việc xâm hại trẻ em xảy ra trên địa bàn",
        "định kỳ sơ kết, tổng kết, báo cáo kết quả thực hiện theo quy định",
    ),
    "cells": (
        "tổ chức quán triệt Chỉ thị và Kế hoạch này đến cán bộ, đảng viên và Nhân dân",
        "đưa nội dung lãnh đạo công tác trẻ em vào nghị quyết, chương trình công tác hằng năm của cấp ủy",
        "định kỳ sơ kết, tổng kết, báo cáo kết quả thực hiện theo quy định",
    ),
    "movement": (
        "tổ chức các hoạt động tình nguyện hè, sinh hoạt hè cho thiếu nhi tại địa bàn dân cư; xây dựng sân chơi, "
        "điểm vui chơi cho thiếu nhi",
        "triển khai chương trình dạy bơi, hướng dẫn kỹ năng an toàn dưới nước cho thiếu nhi; vận động nguồn lực "
        "tặng quà, học bổng cho thiếu nhi có hoàn cảnh khó khăn",
        "duy trì Hội đồng trẻ em, câu lạc bộ quyền trẻ em; tổ chức đối thoại giữa lãnh đạo địa phương với thiếu "
        "nhi về các vấn đề các em quan tâm",
        "tổ chức các hoạt động đón Tết Trung thu, Ngày Quốc tế Thiếu nhi cho thiếu nhi có hoàn cảnh khó khăn",
        "xây dựng mô hình “Cổng trường an toàn giao thông”, “Điểm sinh hoạt hè an toàn” tại các địa bàn dân cư",
    ),
    "family": (
        "hướng dẫn các cấp Hội tuyên truyền kiến thức, kỹ năng làm cha mẹ, phòng, chống bạo lực gia đình, xâm hại "
        "trẻ em",
        "duy trì, nhân rộng mô hình “Mẹ đỡ đầu”, câu lạc bộ gia đình hạnh phúc; vận động cán bộ, hội viên nhận đỡ "
        "đầu trẻ em mồ côi, trẻ em có hoàn cảnh đặc biệt",
        "phối hợp phát hiện, hỗ trợ phụ nữ, trẻ em bị bạo lực gia đình, bị mua bán trở về",
        "tổ chức tập huấn kỹ năng phòng, chống xâm hại trẻ em cho cán bộ Hội cơ sở, chi hội trưởng phụ nữ",
        "vận động hội viên không tảo hôn, không kết hôn cận huyết thống; hỗ trợ sinh kế cho phụ nữ nghèo nuôi con nhỏ",
    ),
    "union": (
        "tuyên truyền, phổ biến Chỉ thị số 28-CT/TW và Kế hoạch này đến cán bộ, đoàn viên, hội viên qua sinh hoạt chi "
        "đoàn, chi hội và các trang mạng xã hội của tổ chức",
        "biên soạn tài liệu hỏi - đáp về quyền và bổn phận của trẻ em; tổ chức cuộc thi tìm hiểu về quyền trẻ em",
        "nắm bắt dư luận trong đoàn viên, hội viên về các vụ việc liên quan đến trẻ em; kịp thời tham mưu định hướng "
        "thông tin",
        "giới thiệu các mô hình, cách làm hay của cơ sở trong chăm sóc, giáo dục và bảo vệ trẻ em",
    ),
    "schoolwork": (
        "phối hợp với ngành Giáo dục tổ chức các hoạt động Đội trong trường học; xây dựng liên đội vững mạnh",
        "tổ chức các hoạt động giáo dục kỹ năng sống, kỹ năng tự bảo vệ cho đội viên, thiếu nhi",
        "duy trì hòm thư “Điều em muốn nói”, các buổi tư vấn tâm lý cho đội viên tại các liên đội",
        "phối hợp với nhà trường quản lý đội viên trong dịp hè, giới thiệu đội viên về sinh hoạt tại địa bàn dân cư",
    ),
    "audit": (
        "thanh tra, kiểm tra việc thực hiện chính sách, pháp luật về trẻ em tại các cơ sở thuộc phạm vi quản lý; xử "
        "lý nghiêm các hành vi vi phạm",
        "tiếp nhận, giải quyết kịp thời đơn thư phản ánh, kiến nghị, khiếu nại, tố cáo liên quan đến quyền trẻ em",
    ),
}
_DUTIES["schools"] = _DUTIES["education"]

# What a commune's officials, units and villages are asked to do: the same sectors, written at the level of a
# commune or ward ({unit} is "xã", "phường", "thị trấn" or "đặc khu").
_LOCAL_DUTIES: dict[str, tuple[str, ...]] = {
    "children": (
        "rà soát, lập danh sách trẻ em có hoàn cảnh đặc biệt, trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt trên địa "
        "bàn {unit}; cập nhật thông tin vào phần mềm quản lý trẻ em trước ngày 30 tháng 6 hằng năm",
        "tham mưu Ủy ban nhân dân {unit} kiện toàn Ban bảo vệ trẻ em {unit} và mạng lưới cộng tác viên bảo vệ trẻ em "
        "ở các {villages}",
        "lập hồ sơ quản lý trường hợp đối với trẻ em bị xâm hại, bạo lực; kết nối các dịch vụ y tế, tâm lý, pháp lý để "
        "hỗ trợ kịp thời",
        "đề xuất trợ cấp xã hội, hỗ trợ học bổng, quà tặng cho trẻ em mồ côi, trẻ em khuyết tật, trẻ em thuộc hộ "
        "nghèo, hộ cận nghèo",
        "tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em, Tết Trung thu tại các {villages}; vận động các "
        "nhà hảo tâm tặng quà cho trẻ em có hoàn cảnh khó khăn",
        "duy trì và nâng cao chất lượng các tiêu chí {unit} phù hợp với trẻ em; chuẩn bị hồ sơ đề nghị đánh giá, "
        "công nhận theo quy định",
        "tổ chức Diễn đàn trẻ em cấp {unit}, lắng nghe ý kiến, nguyện vọng của trẻ em và giải quyết các kiến nghị "
        "thuộc thẩm quyền",
        "tham mưu tổ chức sinh hoạt hè cho trẻ em tại các {villages}; bố trí người trông coi các điểm sinh hoạt, vui "
        "chơi trong dịp hè",
        "phối hợp với gia đình, nhà trường theo dõi trẻ em có nguy cơ bỏ học, tảo hôn, lao động sớm; kịp thời vận "
        "động, hỗ trợ để trẻ em trở lại trường",
        "tiếp nhận thông tin về trẻ em bị xâm hại, bạo lực từ người dân và Tổng đài 111; phối hợp xác minh, đánh giá "
        "nguy cơ và đề xuất biện pháp can thiệp",
        "tham mưu xây dựng quy chế phối hợp giữa Ủy ban nhân dân {unit}, nhà trường và Trạm Y tế trong phát hiện, hỗ "
        "trợ trẻ em bị xâm hại",
        "hướng dẫn cộng tác viên bảo vệ trẻ em ghi chép, theo dõi tình hình trẻ em ở các {villages}; tổng hợp số liệu "
        "định kỳ hằng quý",
        "phối hợp với Trạm Y tế, nhà trường theo dõi sức khỏe, học tập của trẻ em có hoàn cảnh đặc biệt; kịp thời đề "
        "xuất hỗ trợ khi có khó khăn phát sinh",
        "hướng dẫn gia đình nhận chăm sóc thay thế, người giám hộ thực hiện đầy đủ trách nhiệm đối với trẻ em; kiểm "
        "tra định kỳ điều kiện chăm sóc trẻ em",
        "tổ chức các buổi nói chuyện chuyên đề về kỹ năng làm cha mẹ, phòng, chống xâm hại trẻ em cho các hộ gia "
        "đình có con nhỏ",
        "theo dõi, quản lý trẻ em có cha mẹ đi làm ăn xa; vận động người thân quan tâm, chăm sóc, không để trẻ em bị "
        "bỏ rơi",
        "tiếp nhận, lưu trữ đầy đủ hồ sơ, dữ liệu về trẻ em; cập nhật biến động về trẻ em có hoàn cảnh đặc biệt hằng "
        "tháng",
        "tham mưu biểu dương, khen thưởng các tập thể, cá nhân, gia đình làm tốt công tác chăm sóc, giáo dục và bảo "
        "vệ trẻ em",
        "phối hợp với các ngân hàng, quỹ tín dụng hướng dẫn hộ nghèo có trẻ em vay vốn phát triển sản xuất, cải thiện "
        "điều kiện sống của trẻ em",
    ),
    "health": (
        "tổ chức tiêm chủng mở rộng hằng tháng, tiêm vét cho trẻ em chưa được tiêm đủ mũi; theo dõi tiền sử tiêm "
        "chủng của trẻ em trên địa bàn",
        "cân, đo, theo dõi tăng trưởng cho trẻ em dưới 5 tuổi; tổ chức cho trẻ em uống vitamin A trong các đợt chiến "
        "dịch",
        "tư vấn dinh dưỡng cho bà mẹ mang thai và nuôi con nhỏ; hướng dẫn thực hành chế biến bữa ăn đủ chất cho trẻ "
        "tại các {villages}",
        "quản lý thai nghén, khám thai định kỳ; vận động phụ nữ sinh con tại cơ sở y tế, chăm sóc bà mẹ và trẻ sơ "
        "sinh sau sinh",
        "phối hợp với các trường học khám sức khỏe đầu năm học cho học sinh; hướng dẫn phòng, chống dịch bệnh trong "
        "trường học",
        "sơ cứu, cấp cứu ban đầu và chuyển tuyến kịp thời các trường hợp trẻ em bị tai nạn, thương tích, đuối nước",
        "phát hiện, thông báo kịp thời cho Ủy ban nhân dân {unit} và Công an {unit} các trường hợp trẻ em nghi bị xâm "
        "hại khi đến khám, chữa bệnh",
        "truyền thông phòng, chống suy dinh dưỡng, chăm sóc sức khỏe sinh sản vị thành niên qua mạng lưới nhân viên "
        "y tế ở các {villages}",
        "rà soát, vận động trẻ em dưới 6 tuổi chưa có thẻ bảo hiểm y tế đăng ký cấp thẻ; hướng dẫn gia đình sử dụng "
        "thẻ khi khám, chữa bệnh",
        "tổ chức khám sàng lọc, phát hiện sớm trẻ em khuyết tật, chậm phát triển; tư vấn, giới thiệu gia đình đưa trẻ "
        "đến cơ sở can thiệp phù hợp",
        "kiểm tra vệ sinh an toàn thực phẩm tại các cơ sở kinh doanh thức ăn đường phố gần trường học; hướng dẫn xử lý "
        "vi phạm",
        "hướng dẫn các nhóm trẻ, lớp mầm non độc lập thực hiện vệ sinh phòng bệnh, phòng, chống dịch bệnh cho trẻ em",
    ),
    "police": (
        "nắm chắc tình hình, phòng ngừa, phát hiện và phối hợp xử lý kịp thời các vụ việc xâm hại, bạo lực trẻ em "
        "trên địa bàn",
        "quản lý, giáo dục trẻ em có nguy cơ vi phạm pháp luật tại cộng đồng; phối hợp với gia đình, nhà trường giúp "
        "đỡ trẻ em vi phạm pháp luật",
        "tuyên truyền an toàn giao thông, phòng, chống ma túy, phòng, chống mua bán người tại các trường học và "
        "khu dân "
        "cư",
        "bảo đảm an ninh, trật tự tại khu vực cổng trường, các điểm vui chơi của trẻ em; xử lý nghiêm các hành vi vi "
        "phạm",
        "kiểm tra các cơ sở kinh doanh dịch vụ trò chơi điện tử, internet trên địa bàn; không để trẻ em sử dụng dịch "
        "vụ quá giờ quy định",
        "thực hiện đăng ký thường trú, cấp căn cước cho trẻ em theo quy định",
        "phối hợp với các trường học quản lý học sinh đi xe máy, xe đạp điện không đúng quy định; tuyên truyền, nhắc "
        "nhở phụ huynh",
        "tiếp nhận, giải quyết kịp thời tin báo về các vụ việc xâm hại trẻ em; bảo đảm giữ bí mật thông tin về trẻ em "
        "bị xâm hại",
        "nắm tình hình trẻ em thường xuyên tụ tập, sử dụng mạng xã hội có dấu hiệu vi phạm pháp luật; phối hợp với gia "
        "đình giáo dục, răn đe",
        "tuần tra, kiểm soát tại các điểm sông, hồ, khu vui chơi trong dịp hè; nhắc nhở trẻ em không tắm ở nơi "
        "nguy hiểm",
    ),
    "justice": (
        "thực hiện đăng ký khai sinh đúng hạn, miễn lệ phí cho trẻ em; liên thông thủ tục đăng ký khai sinh, đăng ký "
        "thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "tuyên truyền, phổ biến pháp luật về trẻ em, hôn nhân và gia đình tại các buổi họp {villages}; lồng ghép nội "
        "dung bảo vệ trẻ em trong hoạt động hòa giải ở cơ sở",
        "hướng dẫn các {villages} rà soát, bổ sung hương ước, quy ước có nội dung bảo vệ trẻ em, phòng, chống tảo hôn",
        "rà soát các trường hợp trẻ em chưa được đăng ký khai sinh, chưa có giấy tờ tùy thân; hướng dẫn gia đình "
        "hoàn thiện thủ tục",
        "hỗ trợ trẻ em và gia đình tiếp cận trợ giúp pháp lý khi trẻ em là người bị hại hoặc người làm chứng",
        "kiểm tra việc thực hiện các thủ tục giám hộ, nhận con nuôi trên địa bàn bảo đảm đúng quy định",
        "hướng dẫn tổ hòa giải ở các {villages} hòa giải các mâu thuẫn trong gia đình có ảnh hưởng đến trẻ em",
    ),
    "culture": (
        "tổ chức các hoạt động văn nghệ, thể thao, trò chơi dân gian cho trẻ em tại nhà văn hóa các {villages}",
        "vận động xã hội hóa xây dựng sân chơi, tủ sách cho trẻ em tại các {villages}; duy trì hoạt động của điểm vui "
        "chơi tại trung tâm {unit}",
        "tuyên truyền, nhân rộng mô hình gia đình văn hóa, gia đình không có bạo lực; biểu dương gia đình làm tốt "
        "công tác chăm sóc, giáo dục trẻ em",
        "tổ chức vui Tết Trung thu, ngày hội thiếu nhi tại các {villages}; trao quà cho trẻ em có hoàn cảnh khó khăn",
        "kiểm tra các điểm kinh doanh karaoke, trò chơi điện tử trên địa bàn; không để trẻ em tiếp cận các dịch vụ "
        "không phù hợp lứa tuổi",
        "phối hợp với các trường học tổ chức lớp dạy bơi cho trẻ em trong dịp hè tại các điểm bơi an toàn",
        "đưa tiêu chí chăm sóc, bảo vệ trẻ em vào bình xét danh hiệu gia đình văn hóa, khu dân cư văn hóa hằng năm",
        "duy trì hoạt động của tủ sách cộng đồng, câu lạc bộ năng khiếu cho trẻ em tại trung tâm văn hóa {unit}",
    ),
    "info": (
        "tuyên truyền Luật Trẻ em, các quy định về phòng, chống xâm hại, bạo lực, tai nạn thương tích trẻ em trên hệ "
        "thống truyền thanh {unit}",
        "xây dựng các bản tin, chuyên mục về trẻ em phát trên hệ thống truyền thanh {unit} ít nhất hai lần mỗi tháng, "
        "tăng thời lượng trong dịp hè",
        "đăng tải các thông tin, khuyến cáo về an toàn cho trẻ em trên trang thông tin điện tử và nhóm Zalo của các "
        "{villages}",
        "tuyên truyền số điện thoại Tổng đài quốc gia bảo vệ trẻ em 111 và đường dây nóng của Ủy ban nhân dân {unit} "
        "đến từng hộ gia đình",
        "phát các bản tin cảnh báo nguy cơ đuối nước, tai nạn giao thông cho trẻ em trong mùa mưa lũ và dịp nghỉ hè",
        "đưa tin về các hoạt động vì trẻ em, gương người tốt, việc tốt trong công tác chăm sóc, bảo vệ trẻ em trên địa "
        "bàn",
    ),
    "schools": (
        "lồng ghép giáo dục kỹ năng sống, kỹ năng phòng tránh xâm hại, an toàn giao thông, an toàn trên môi trường "
        "mạng vào các hoạt động ngoại khóa",
        "xây dựng trường học an toàn, thân thiện, không có bạo lực học đường; bố trí giáo viên tư vấn tâm lý cho học "
        "sinh",
        "theo dõi học sinh có hoàn cảnh khó khăn, có nguy cơ bỏ học; phối hợp với gia đình vận động học sinh đến lớp "
        "đầy đủ",
        "tổ chức dạy bơi, hướng dẫn kỹ năng phòng, chống đuối nước cho học sinh trước kỳ nghỉ hè",
        "bảo đảm an toàn thực phẩm tại bếp ăn bán trú; phối hợp với Trạm Y tế {unit} khám sức khỏe định kỳ cho học "
        "sinh",
        "phối hợp với Công an {unit} bảo đảm an ninh, trật tự, an toàn giao thông khu vực cổng trường giờ tan học",
        "tổ chức các hoạt động trải nghiệm, giáo dục truyền thống cho học sinh; duy trì hoạt động của thư viện thân "
        "thiện trong nhà trường",
        "thông báo kịp thời cho Ủy ban nhân dân {unit} các trường hợp học sinh bỏ học, có dấu hiệu bị bạo lực, xâm hại",
        "tổ chức họp cha mẹ học sinh trước kỳ nghỉ hè, hướng dẫn gia đình quản lý, giám sát con em trong thời "
        "gian nghỉ",
        "tổ chức các buổi sinh hoạt dưới cờ, ngoại khóa về phòng, chống xâm hại, bạo lực học đường, an toàn trên mạng",
    ),
    "military": (
        *_DUTIES["military"],
        "tổ chức lực lượng dân quân tham gia cứu hộ, cứu nạn, tìm kiếm trẻ em mất tích trong mùa mưa lũ",
    ),
    "villages": (
        *_DUTIES["villages"],
        "tuyên truyền nội dung Kế hoạch tại các buổi họp dân; vận động gia đình quan tâm, quản lý con em trong dịp hè",
        "phối hợp với cộng tác viên bảo vệ trẻ em lập danh sách trẻ em trên địa bàn, nắm rõ trẻ em có hoàn cảnh đặc "
        "biệt",
        "bố trí địa điểm sinh hoạt hè, sân chơi cho trẻ em tại nhà văn hóa; huy động thanh niên tình nguyện trông coi",
        "vận động các hộ gia đình có ao, hồ, giếng nước rào chắn, che đậy an toàn; cắm biển báo tại các điểm nguy hiểm",
    ),
    "finance": (
        "tham mưu bố trí kinh phí cho công tác trẻ em trong dự toán ngân sách {unit} hằng năm; hướng dẫn thanh, quyết "
        "toán theo quy định",
        "lồng ghép các dự án hỗ trợ sinh kế thuộc chương trình mục tiêu quốc gia cho hộ nghèo, cận nghèo có trẻ em",
        "quản lý, sử dụng nguồn vận động xã hội hóa cho trẻ em đúng mục đích, công khai, minh bạch",
        "kiểm tra việc chi trả trợ cấp, hỗ trợ cho trẻ em bảo đảm đúng đối tượng, đầy đủ, kịp thời",
        "ưu tiên bố trí nguồn vốn xây dựng nông thôn mới cho các công trình phục vụ trẻ em như sân chơi, nhà văn hóa",
    ),
    "government": (
        "xây dựng kế hoạch triển khai thực hiện; bố trí kinh phí, nhân lực cho công tác trẻ em",
        "chỉ đạo các bộ phận chuyên môn, các {villages} thực hiện tốt công tác bảo vệ trẻ em",
        "duy trì và nâng cao chất lượng các tiêu chí {unit} phù hợp với trẻ em",
    ),
    "cells": (
        "nắm chắc số lượng, hoàn cảnh trẻ em trên địa bàn thông qua Ban nhân dân và các chi hội đoàn thể ở {villages}",
        "đưa nội dung bảo vệ trẻ em vào sinh hoạt chi bộ định kỳ; phân công đảng viên phụ trách hộ gia đình có trẻ em "
        "có hoàn cảnh đặc biệt",
        "tổ chức quán triệt Chỉ thị và Kế hoạch này đến đảng viên và Nhân dân",
    ),
}

# Task headings of the tasks part and the sectors whose duties fill them.
_THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Tăng cường sự lãnh đạo, chỉ đạo; nâng cao nhận thức, trách nhiệm của các cấp, các ngành, gia đình và xã "
        "hội đối với công tác trẻ em",
        ("children", "info", "interior"),
    ),
    (
        "Đẩy mạnh công tác thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về quyền trẻ em",
        ("info", "justice", "union"),
    ),
    ("Nâng cao chất lượng chăm sóc sức khỏe, dinh dưỡng cho trẻ em", ("health",)),
    ("Nâng cao chất lượng giáo dục, phát triển toàn diện trẻ em", ("education", "schools", "schoolwork")),
    ("Bảo vệ trẻ em; phòng ngừa, phát hiện và xử lý nghiêm các hành vi xâm hại trẻ em", ("police", "children")),
    ("Phòng, chống tai nạn, thương tích, đuối nước trẻ em", ("children", "military", "culture", "movement")),
    ("Hoàn thiện và tổ chức thực hiện có hiệu quả cơ chế, chính sách về trẻ em", ("justice", "children", "finance")),
    ("Huy động nguồn lực; nâng cao năng lực đội ngũ làm công tác trẻ em", ("finance", "interior", "children")),
    ("Chăm lo cho trẻ em vùng đồng bào dân tộc thiểu số và trẻ em có hoàn cảnh đặc biệt", ("ethnic", "children")),
    ("Tạo môi trường văn hóa, vui chơi, giải trí lành mạnh, an toàn cho trẻ em", ("culture", "villages")),
    ("Bảo vệ trẻ em trên môi trường mạng", ("info", "education")),
    ("Phát huy vai trò của gia đình, cộng đồng và Nhân dân trong công tác trẻ em", ("family", "movement", "villages")),
    ("Bảo đảm điều kiện thực hiện; tăng cường kiểm tra, giám sát, sơ kết, tổng kết", ("finance", "audit", "office")),
)

# Tasks of party plans: leadership work, each with whether its text has a unit for subject (then it assigns).
_PARTY_TASKS: tuple[tuple[str, str, bool], ...] = (
    (
        "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, tổ chức đảng đối với công tác trẻ em",
        "Cấp ủy, tổ chức đảng các cấp xác định công tác chăm sóc, giáo dục và bảo vệ trẻ em là nhiệm vụ chính trị "
        "quan trọng, thường xuyên; đưa nội dung lãnh đạo công tác trẻ em vào nghị quyết, chương trình công tác "
        "toàn khóa và hằng năm; gắn trách nhiệm người đứng đầu với kết quả thực hiện.",
        True,
    ),
    (
        "Đổi mới nội dung, hình thức tuyên truyền, nâng cao nhận thức",
        "Tổ chức quán triệt sâu rộng Chỉ thị số 28-CT/TW đến cán bộ, đảng viên, đoàn viên, hội viên và Nhân dân; "
        "đa dạng hóa hình thức tuyên truyền phù hợp với từng địa bàn, từng nhóm đối tượng; phát huy vai trò của "
        "người có uy tín trong cộng đồng dân cư.",
        False,
    ),
    (
        "Nâng cao hiệu lực, hiệu quả quản lý nhà nước về trẻ em",
        "Lãnh đạo chính quyền các cấp cụ thể hóa chủ trương của Đảng thành kế hoạch, chương trình cụ thể; bố trí "
        "nguồn lực cho công tác trẻ em; kiện toàn đội ngũ làm công tác trẻ em, nhất là ở cơ sở.",
        False,
    ),
    (
        "Chăm lo phát triển toàn diện trẻ em",
        "Quan tâm chăm sóc sức khỏe, dinh dưỡng, giáo dục, vui chơi, giải trí cho trẻ em; ưu tiên trẻ em có hoàn "
        "cảnh đặc biệt, trẻ em vùng đồng bào dân tộc thiểu số, vùng khó khăn; thu hẹp khoảng cách về điều kiện "
        "sống giữa các nhóm trẻ em.",
        False,
    ),
    (
        "Phòng ngừa, xử lý nghiêm các hành vi xâm hại trẻ em",
        "Kiên quyết đấu tranh, xử lý nghiêm các hành vi xâm hại, bạo lực, mua bán, bóc lột trẻ em; không để xảy ra "
        "tình trạng bao che, che giấu vi phạm; bảo vệ trẻ em trên môi trường mạng.",
        False,
    ),
    (
        "Phát huy vai trò của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội",
        "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tăng cường giám sát, phản biện xã hội; vận động gia "
        "đình, cộng đồng thực hiện tốt trách nhiệm đối với trẻ em; nhân rộng các mô hình hiệu quả.",
        True,
    ),
    (
        "Tăng cường kiểm tra, giám sát việc thực hiện",
        "Đưa việc lãnh đạo, chỉ đạo thực hiện Chỉ thị vào chương trình kiểm tra, giám sát của cấp ủy; kịp thời "
        "biểu dương tập thể, cá nhân tiêu biểu; xử lý nghiêm tổ chức, cá nhân thiếu trách nhiệm.",
        False,
    ),
    (
        "Huy động nguồn lực cho công tác trẻ em",
        "Đẩy mạnh xã hội hóa, huy động các nguồn lực hợp pháp để chăm lo cho trẻ em; ưu tiên đầu tư cho trẻ em vùng "
        "đồng bào dân tộc thiểu số, vùng khó khăn; quản lý, sử dụng hiệu quả Quỹ Bảo trợ trẻ em.",
        False,
    ),
    (
        "Bảo vệ trẻ em trên môi trường mạng",
        "Tăng cường quản lý thông tin trên môi trường mạng; kịp thời phát hiện, ngăn chặn, xử lý các thông tin có nội "
        "dung độc hại đối với trẻ em; nâng cao kỹ năng tự bảo vệ cho trẻ em khi tham gia môi trường mạng.",
        False,
    ),
    (
        "Phòng, chống tai nạn thương tích, đuối nước trẻ em",
        "Tập trung chỉ đạo các giải pháp phòng, chống tai nạn thương tích, nhất là đuối nước, tai nạn giao thông; tổ "
        "chức dạy bơi, trang bị kỹ năng an toàn cho trẻ em; cảnh báo các điểm nguy hiểm tại khu dân cư.",
        False,
    ),
)

# The situation a plan starts from: figures of its area (children, results under Chỉ thị 20-CT/TW, shortcomings).
_SITUATION = (
    "Theo số liệu thống kê đến cuối năm {prev}, toàn {unit} có {children} trẻ em dưới 16 tuổi, chiếm khoảng {share}% "
    "dân số; trong đó có {special} trẻ em có hoàn cảnh đặc biệt và {risk} trẻ em có nguy cơ rơi vào hoàn cảnh đặc "
    "biệt.",
    "Sau hơn 10 năm thực hiện Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị, công tác chăm sóc, giáo dục và "
    "bảo vệ trẻ em trên địa bàn {area} đạt được nhiều kết quả quan trọng: tỷ suất tử vong trẻ em dưới 1 tuổi giảm "
    "còn {imr}‰; tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi còn {stunting}%; hệ thống trường, lớp học "
    "được đầu tư theo hướng chuẩn hóa; các chính sách trợ giúp xã hội đối với trẻ em được thực hiện đầy đủ, kịp thời.",
    "Công tác giáo dục trẻ em được quan tâm: tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo đạt {kinder}%; tỷ lệ học "
    "sinh hoàn thành chương trình tiểu học đạt {primary}%; {swim} trẻ em được học bơi, trang bị kỹ năng an toàn dưới "
    "nước trong năm {prev}.",
    "Công tác bảo vệ trẻ em có nhiều chuyển biến: mạng lưới cộng tác viên bảo vệ trẻ em được duy trì ở {network}% "
    "thôn, tổ dân phố; các vụ việc xâm hại trẻ em được phát hiện, can thiệp, xử lý kịp thời; trẻ em có hoàn cảnh "
    "đặc biệt được lập hồ sơ theo dõi, hỗ trợ.",
    "Bên cạnh kết quả đạt được, công tác trẻ em vẫn còn những hạn chế: tình trạng trẻ em bị xâm hại, bạo lực, tai "
    "nạn, thương tích, nhất là đuối nước vẫn còn xảy ra, năm {prev} có {abuse} vụ xâm hại trẻ em được phát hiện, xử "
    "lý; điều kiện vui chơi, giải trí cho trẻ em ở nhiều nơi còn thiếu; đội ngũ làm công tác trẻ em ở cơ sở chủ yếu "
    "kiêm nhiệm, thường xuyên thay đổi.",
    "Nguyên nhân của những hạn chế trên là do một số cấp ủy, chính quyền chưa quan tâm đúng mức đến công tác trẻ em; "
    "nguồn lực đầu tư còn hạn chế; sự phối hợp giữa các cơ quan, đơn vị, gia đình, nhà trường và xã hội có lúc chưa "
    "chặt chẽ; một bộ phận cha mẹ chưa quan tâm, quản lý con em.",
)
_SITUATION_AFTER_MERGER = (
    "Sau sắp xếp đơn vị hành chính, {area} được tổ chức lại trên cơ sở các đơn vị hành chính trước đây; việc tiếp "
    "nhận hồ sơ, dữ liệu về trẻ em của các đơn vị hành chính cũ cần được thực hiện kịp thời, không để bỏ sót đối "
    "tượng, không để gián đoạn việc chi trả chính sách cho trẻ em."
)

_PURPOSES = (
    "Quán triệt sâu sắc, cụ thể hóa đầy đủ quan điểm, mục tiêu, nhiệm vụ, giải pháp nêu tại Chỉ thị số 28-CT/TW "
    "thành các nhiệm vụ cụ thể, phù hợp với điều kiện thực tiễn của {area}; xác định rõ trách nhiệm của từng cơ "
    "quan, đơn vị trong công tác chăm sóc, giáo dục và bảo vệ trẻ em.",
    "Nâng cao nhận thức, trách nhiệm của các cấp, các ngành, gia đình, nhà trường và toàn xã hội đối với việc bảo "
    "đảm thực hiện quyền trẻ em; tạo chuyển biến rõ nét về chất lượng chăm sóc sức khỏe, giáo dục toàn diện, vui "
    "chơi, giải trí và bảo vệ trẻ em khỏi mọi hình thức xâm hại, bạo lực, bóc lột.",
    "Xây dựng môi trường sống an toàn, thân thiện, lành mạnh để trẻ em được phát triển toàn diện về thể chất, trí "
    "tuệ, tinh thần, đạo đức và các mối quan hệ xã hội; từng bước thu hẹp khoảng cách về điều kiện sống giữa trẻ em "
    "ở các vùng trên địa bàn {area}.",
    "Huy động sự vào cuộc của cả hệ thống chính trị, sự tham gia của các tổ chức, cá nhân, doanh nghiệp và cộng "
    "đồng vào công tác trẻ em; nâng cao hiệu lực, hiệu quả quản lý nhà nước về trẻ em.",
    "Phát huy vai trò chủ động, tích cực của trẻ em trong việc thực hiện quyền và bổn phận của mình; lắng nghe ý "
    "kiến, nguyện vọng của trẻ em khi xây dựng, thực hiện các chương trình, chính sách có liên quan đến trẻ em.",
)
_REQUIREMENTS = (
    "Việc triển khai Kế hoạch phải gắn với thực hiện các chương trình, đề án, kế hoạch phát triển kinh tế - xã hội "
    "của {area}; lồng ghép có hiệu quả với các chương trình mục tiêu quốc gia đang triển khai, tránh chồng chéo, "
    "lãng phí.",
    "Các cơ quan, đơn vị xác định công tác chăm sóc, giáo dục và bảo vệ trẻ em là nhiệm vụ thường xuyên, lâu dài, "
    "là trách nhiệm của cả hệ thống chính trị; nội dung thực hiện phải cụ thể, thiết thực, phù hợp với điều kiện "
    "của từng địa bàn.",
    "Thường xuyên theo dõi, đôn đốc, kiểm tra, đánh giá kết quả thực hiện; kịp thời phát hiện, tháo gỡ khó khăn, "
    "vướng mắc, bảo đảm các mục tiêu, chỉ tiêu đề ra được hoàn thành đúng tiến độ.",
    "Phân công rõ cơ quan chủ trì, cơ quan phối hợp, thời gian thực hiện và sản phẩm cụ thể; đề cao trách nhiệm "
    "của người đứng đầu trong việc để xảy ra tình trạng bạo lực, xâm hại trẻ em trên địa bàn, lĩnh vực mình quản lý.",
    "Bảo đảm sự phối hợp chặt chẽ giữa chính quyền với Mặt trận Tổ quốc, các tổ chức chính trị - xã hội, nhà "
    "trường, gia đình và cộng đồng; kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích tiêu biểu.",
)
_GENERAL_OBJECTIVES = (
    "Tạo chuyển biến rõ nét trong việc bảo đảm thực hiện quyền trẻ em; xây dựng môi trường sống an toàn, lành mạnh, "
    "thân thiện; giảm thiểu nguy cơ trẻ em bị xâm hại, bạo lực, tai nạn thương tích trên địa bàn {area}.",
    "Bảo đảm ngày càng tốt hơn các quyền của trẻ em, ưu tiên trẻ em có hoàn cảnh đặc biệt, trẻ em thuộc hộ nghèo, "
    "hộ cận nghèo; thu hẹp khoảng cách về điều kiện sống, cơ hội phát triển giữa các nhóm trẻ em trên địa bàn {area}.",
    "Phấn đấu các chỉ tiêu cơ bản về trẻ em của {area} đạt và vượt mức bình quân chung; hình thành mạng lưới dịch "
    "vụ bảo vệ trẻ em đáp ứng kịp thời nhu cầu của trẻ em và gia đình.",
)
_AFTER_MERGER = (
    "Bảo đảm công tác chăm sóc, giáo dục và bảo vệ trẻ em được triển khai liên tục, không gián đoạn sau khi sắp xếp "
    "đơn vị hành chính và tổ chức chính quyền địa phương hai cấp; kế thừa kết quả đã đạt được của các đơn vị hành "
    "chính trước sắp xếp."
)
_PARTY_PURPOSES = (
    "Tổ chức nghiên cứu, học tập, quán triệt sâu rộng nội dung Chỉ thị số 28-CT/TW trong cán bộ, đảng viên và các "
    "tầng lớp Nhân dân, nhằm nâng cao nhận thức, trách nhiệm của cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ "
    "quốc, các tổ chức chính trị - xã hội và toàn xã hội về công tác trẻ em trong giai đoạn mới.",
    "Đánh giá đúng thực trạng, kết quả sau hơn 10 năm thực hiện Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính "
    "trị trên địa bàn {area}; chỉ rõ những hạn chế, yếu kém và nguyên nhân để có giải pháp khắc phục.",
    "Việc triển khai thực hiện phải nghiêm túc, đồng bộ, thiết thực, hiệu quả; gắn với việc thực hiện Nghị quyết "
    "Đại hội Đảng bộ {area}; phân công rõ trách nhiệm của từng cơ quan, đơn vị, có kiểm tra, giám sát, sơ kết, "
    "tổng kết.",
    "Phấn đấu 100% cán bộ, đảng viên trong Đảng bộ được quán triệt, học tập nội dung Chỉ thị số 28-CT/TW và Kế "
    "hoạch này.",
)
_FUNDING = (
    "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước theo phân cấp quản lý ngân sách hiện hành, "
    "lồng ghép trong dự toán chi thường xuyên của các cơ quan, đơn vị; nguồn vốn các chương trình mục tiêu quốc "
    "gia, chương trình, đề án có liên quan.",
    "Nguồn tài trợ, viện trợ của các tổ chức, cá nhân trong nước và nước ngoài; nguồn vận động của Quỹ Bảo trợ trẻ "
    "em các cấp và các nguồn hợp pháp khác theo quy định của pháp luật.",
    "Việc lập dự toán, quản lý, sử dụng và quyết toán kinh phí thực hiện theo quy định của pháp luật về ngân sách "
    "nhà nước và các văn bản hướng dẫn hiện hành.",
)

# (phrase with {v}, low, high, decimals, comparator word): the numeric targets plans set.
_TARGETS: tuple[tuple[str, float, float, int], ...] = (
    ("{v}% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế", 96, 100, 0),
    ("tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt {v}%", 92, 99, 0),
    ("tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi giảm xuống dưới {v}%", 8, 24, 1),
    ("tỷ suất tử vong trẻ em dưới 1 tuổi giảm xuống dưới {v}‰", 6, 14, 1),
    (
        "{v}% trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc để phục hồi, hòa nhập và có cơ hội phát triển",
        85,
        100,
        0,
    ),
    ("{v}% {cf} đạt tiêu chuẩn phù hợp với trẻ em", 70, 95, 0),
    ("tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo đạt trên {v}%", 97, 99.8, 1),
    ("giảm tỷ lệ tảo hôn xuống dưới {v}%", 1, 8, 0),
    ("tỷ lệ trẻ em từ 5 đến 17 tuổi tham gia lao động trái quy định của pháp luật không vượt quá {v}%", 1, 4, 1),
    ("{v}% trường học có phòng tư vấn tâm lý học đường hoạt động hiệu quả", 80, 100, 0),
    ("{v}% trẻ em từ 6 tuổi trở lên được trang bị kiến thức, kỹ năng phòng, chống đuối nước", 70, 95, 0),
)

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lò")
_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Thị", "Thu", "Ngọc", "Kim", "Hồng", "Xuân")
_GIVEN = ("Hùng", "Dũng", "Tuấn", "Thắng", "Cường", "Hải", "Long", "Sơn", "Hà", "Lan", "Hương", "Hạnh", "Thảo", "Oanh")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_QUARTERS = ("I", "II", "III", "IV")


# --- places and documents ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Place:
    """An administrative unit as plans name it: its type word and name."""

    kind: str  # tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn, đặc khu
    name: str
    city: bool = False  # a centrally governed city: "Thành phố Hà Nội"

    @property
    def full(self) -> str:
        """'tỉnh Nghệ An', 'Thành phố Hà Nội', 'huyện Tiên Yên'; a numbered ward is just 'Phường 8'."""
        if self.name.lower().startswith(f"{self.kind} "):
            return self.name
        return f"{'Thành phố' if self.city else self.kind} {self.name}"


def _place(unit: AdminUnit, on: date) -> _Place:
    """A unit under the name it had on a day."""
    named = admin_units.named_on(unit, (on.year, on.month, on.day))
    return _Place(named.kind, named.name, named.level == "province" and named.kind == "thành phố")


@dataclass(frozen=True)
class _Doc:
    """A plan as the plans below it cite it."""

    number: str
    day: date
    cited_as: str  # its issuer as a citing plan names it


@dataclass(frozen=True)
class _Wave:
    """One round of plans across the provinces: when its province party plans start, when its plans must end."""

    start: date
    spread: int  # days over which the province party plans are issued
    end: date
    year: int | None  # the year a yearly plan covers; None for the plans that first implement the Directive


_PRE_WAVES = (
    _Wave(date(2024, 1, 15), 100, date(2025, 2, 28), None),
    _Wave(date(2025, 3, 3), 20, date(2025, 6, 30), 2025),
)
_POST_WAVES = (
    _Wave(date(2025, 7, 8), 40, date(2025, 12, 31), None),
    *(_Wave(date(y, 1, 5), 60, date(y, 12, 31), y) for y in range(2026, 2031)),
)


@cache
def _provinces_2025() -> tuple[AdminUnit, ...]:
    """The 34 provinces in force from 1 July 2025."""
    with admin_units.dataset() as conn:
        codes = [row[0] for row in conn.execute("SELECT DISTINCT provinceCode FROM admin_units ORDER BY provinceCode")]
    return tuple(p for p in map(admin_units.province_2025_by_code, codes) if p is not None)


@cache
def _communes_2025(province_code: str) -> tuple[AdminUnit, ...]:
    """The communes, wards and special zones of a 2025 province."""
    with admin_units.dataset() as conn:
        rows = conn.execute(
            "SELECT wardCode FROM admin_units WHERE provinceCode = ? ORDER BY wardCode", (province_code,)
        ).fetchall()
    return tuple(u for u in (admin_units.commune_2025_by_code(r[0]) for r in rows) if u is not None)


def _kinds_phrase(units: Iterable[AdminUnit], order: tuple[str, ...]) -> str:
    """'xã, thị trấn' for a district's communes, 'huyện, thị xã, thành phố' for a province's districts."""
    kinds = {u.kind for u in units}
    return ", ".join(k for k in order if k in kinds) or order[0]


# --- who writes and to whom ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Issuer:
    """The issuing body: how it heads, numbers, signs and names itself."""

    level: str
    label: str  # its full name with its unit, as the parser should give it
    left: tuple[str, ...]  # issuer block, top left ("*" under a party committee)
    right: tuple[str, ...]  # motto, top right
    number: str
    number_line: str
    place: str
    self_name: str  # how its preamble names it: "Ủy ban nhân dân huyện Tiên Yên"
    cited_as: str  # how plans below cite it: "UBND huyện Tiên Yên"
    signature: tuple[str, ...]
    slug: str


@dataclass(frozen=True)
class _Roster:
    """The units a plan assigns work to and the words it uses about its area."""

    family: str  # state | department | party | mass
    agencies: dict[str, str]  # sector -> unit as written
    lead: str  # the standing unit for this plan's work
    subordinate: str | None  # the units below, which must write their own plans
    requested: tuple[tuple[str, str], ...]  # (body, sector) the issuer asks rather than commands
    words: dict[str, str]
    reporters: str
    recipient: str  # whom reports go to ("Ủy ban nhân dân tỉnh")
    upper: str  # whom the issuer reports to
    recipients: tuple[str, ...]  # the distribution list, "Lưu" line last
    state: _Roster | None = None  # the People's Committee units a party plan directs ("tập trung chỉ đạo")


@dataclass(frozen=True)
class _Spec:
    """Everything one plan is written from."""

    issuer: _Issuer
    roster: _Roster
    day: date
    wave: _Wave
    post_2025: bool
    parent: _Doc | None
    also: tuple[_Doc, ...]  # further plans it implements (the party plan at its own level)
    area: str  # "tỉnh Nghệ An", "huyện Tiên Yên"
    size: int


_STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)


def _period(day: date) -> int:
    """1 before the departments moved (1 March 2025), 2 until the two-tier system (1 July 2025), 3 after."""
    return 1 if day < _DEPARTMENTS_MOVED else 2 if day < _TWO_TIER else 3


def _villages(place: _Place, province_code: str) -> str:
    """What a commune's villages are called: thôn, bản, ấp, buôn; tổ dân phố, khu phố in wards."""
    south = province_code >= "70"
    if place.kind == "phường":
        return "khu phố" if south else "tổ dân phố"
    if south:
        return "ấp"
    return "thôn, bản" if province_code < "20" else "thôn, buôn" if "62" <= province_code <= "68" else "thôn"


def _province_state_units(word: str, period: int) -> dict[str, str]:
    """The departments a province plan assigns, by sector, in a period."""
    units = {
        "health": "Sở Y tế",
        "education": "Sở Giáo dục và Đào tạo",
        "culture": "Sở Văn hóa, Thể thao và Du lịch",
        "justice": "Sở Tư pháp",
        "police": f"Công an {word}",
        "finance": "Sở Tài chính",
        "interior": "Sở Nội vụ",
    }
    if period == 1:
        units |= {
            "children": "Sở Lao động - Thương binh và Xã hội",
            "info": "Sở Thông tin và Truyền thông",
            "ethnic": f"Ban Dân tộc {word}",
        }
    else:
        units |= {"children": "Sở Y tế", "info": "Sở Văn hóa, Thể thao và Du lịch", "ethnic": "Sở Dân tộc và Tôn giáo"}
    return units


def _district_state_units(word: str, period: int) -> dict[str, str]:
    """The offices a district plan assigns, by sector, before or after 1 March 2025."""
    units = {
        "health": f"Trung tâm Y tế {word}",
        "education": "Phòng Giáo dục và Đào tạo",
        "justice": "Phòng Tư pháp",
        "police": f"Công an {word}",
        "finance": "Phòng Tài chính - Kế hoạch",
        "interior": "Phòng Nội vụ",
    }
    if period == 1:
        culture = "Phòng Văn hóa và Thông tin"
        units |= {"children": "Phòng Lao động - Thương binh và Xã hội", "health": "Phòng Y tế"}
    else:
        culture = "Phòng Văn hóa, Khoa học và Thông tin"
        units["children"] = "Phòng Y tế"
    return units | {"culture": culture, "info": culture}


def _commune_state_units(place: _Place, period: int, villages: str) -> dict[str, str]:
    """The officials and units a commune plan assigns, by sector, before or after 1 July 2025."""
    w = place.kind
    units = {
        "health": f"Trạm Y tế {w}",
        "police": f"Công an {w}",
        "schools": f"Các trường mầm non, tiểu học, trung học cơ sở trên địa bàn {w}",
        "military": f"Ban Chỉ huy Quân sự {w}",
        "villages": f"Trưởng các {villages}",
    }
    if period < 3:
        return units | {
            "children": "Công chức Văn hóa - Xã hội",
            "culture": "Công chức Văn hóa - Xã hội",
            "info": f"Đài Truyền thanh {w}",
            "justice": "Công chức Tư pháp - Hộ tịch",
            "finance": "Công chức Tài chính - Kế toán",
        }
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if w == "phường" else "Phòng Kinh tế"
    return units | {
        "children": "Phòng Văn hóa - Xã hội",
        "culture": "Phòng Văn hóa - Xã hội",
        "info": "Phòng Văn hóa - Xã hội",
        "justice": f"Văn phòng HĐND và UBND {w}",
        "finance": economy,
    }


def _name(rng: random.Random) -> str:
    """A signer's name."""
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _upper_name(place: _Place) -> str:
    """The unit in capitals as the issuer block prints it: 'TỈNH NGHỆ AN', 'THÀNH PHỐ CẦN THƠ'."""
    return place.full.upper()


# --- issuers -------------------------------------------------------------------------------------------------------
def _people_committee(rng: random.Random, level: str, place: _Place, number: int) -> _Issuer:
    """A People's Committee of a province, district or commune."""
    signature = rng.choice(
        (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))
    )
    return _Issuer(
        level=level,
        label=f"Ủy ban nhân dân {place.full}",
        left=("ỦY BAN NHÂN DÂN", _upper_name(place)),
        right=_STATE_MOTTO,
        number=f"{number}/KH-UBND",
        number_line=f"Số: {number}/KH-UBND",
        place=place.name,
        self_name=f"Ủy ban nhân dân {place.full}",
        cited_as=rng.choice((f"UBND {place.full}", f"Ủy ban nhân dân {place.full}")),
        signature=signature,
        slug=f"ubnd_{place.full}",
    )


@dataclass(frozen=True)
class _Department:
    """A provincial department that writes its own plan: its sectors and offices."""

    name: str
    abbreviation: str
    sectors: tuple[str, ...]
    offices: dict[str, tuple[str, ...]]  # sector -> the department's offices that do that work
    below: str  # the units of its line below the province, before 1 July 2025


_OFFICES = {"finance": ("Phòng Kế hoạch - Tài chính",), "office": ("Văn phòng Sở",), "audit": ("Thanh tra Sở",)}


def _departments(period: int, word: str) -> tuple[_Department, ...]:
    """The departments that write plans of their own in a period."""
    health = _Department(
        "Sở Y tế",
        "SYT",
        ("health", "children") if period > 1 else ("health",),
        {
            "health": ("Phòng Nghiệp vụ Y", f"Trung tâm Kiểm soát bệnh tật {word}", f"Bệnh viện Sản - Nhi {word}"),
            "children": ("Phòng Bảo trợ xã hội và Trẻ em",),
        },
        "Trung tâm Y tế các huyện, thị xã, thành phố",
    )
    education = _Department(
        "Sở Giáo dục và Đào tạo",
        "SGDĐT",
        ("education",),
        {
            "education": (
                "Phòng Chính trị tư tưởng - Công tác học sinh",
                "Phòng Giáo dục Mầm non - Tiểu học",
                "Phòng Giáo dục Trung học - Giáo dục thường xuyên",
            )
        },
        "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố",
    )
    culture = _Department(
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        ("culture", "info") if period > 1 else ("culture",),
        {
            "culture": ("Phòng Quản lý Văn hóa và Gia đình", "Phòng Quản lý Thể dục thể thao", f"Thư viện {word}"),
            "info": ("Phòng Báo chí - Xuất bản",),
        },
        "Phòng Văn hóa và Thông tin các huyện, thị xã, thành phố",
    )
    if period > 1:
        return health, education, culture
    labour = _Department(
        "Sở Lao động - Thương binh và Xã hội",
        "SLĐTBXH",
        ("children",),
        {"children": ("Phòng Bảo trợ xã hội - Trẻ em", f"Trung tâm Công tác xã hội {word}")},
        "Phòng Lao động - Thương binh và Xã hội các huyện, thị xã, thành phố",
    )
    return labour, health, education, culture


def _department_issuer(rng: random.Random, dept: _Department, province: _Place, number: int) -> _Issuer:
    """A provincial department, under its People's Committee."""
    parent = rng.choice((f"UBND {_upper_name(province)}", f"ỦY BAN NHÂN DÂN {_upper_name(province)}"))
    return _Issuer(
        level="department",
        label=f"{dept.name} {province.full}",
        left=(parent, dept.name.upper()),
        right=_STATE_MOTTO,
        number=f"{number}/KH-{dept.abbreviation}",
        number_line=f"Số: {number}/KH-{dept.abbreviation}",
        place=province.name,
        self_name=dept.name,
        cited_as=f"{dept.name} {province.full}",
        signature=rng.choice((("GIÁM ĐỐC",), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"))),
        slug=f"{dept.name}_{province.name}",
    )


def _committee(place: _Place) -> tuple[str, str]:
    """A unit's party committee as written in a plan and its number code: ('Huyện ủy', 'HU')."""
    if place.kind in ("tỉnh",) or place.city:
        return ("Thành ủy", "TU") if place.city else ("Tỉnh ủy", "TU")
    return {
        "huyện": ("Huyện ủy", "HU"),
        "quận": ("Quận ủy", "QU"),
        "thị xã": ("Thị ủy", "ThU"),
        "thành phố": ("Thành ủy", "ThU"),
    }.get(place.kind, ("Đảng ủy", "ĐU"))


def _party_issuer(rng: random.Random, level: str, place: _Place, above: _Place, number: int, standing: bool) -> _Issuer:
    """A party committee (Tỉnh ủy, Huyện ủy, Đảng ủy xã) under its higher party organisation."""
    committee, code = _committee(place)
    if level == "province-party":
        block, named = committee.upper(), f"{committee} {place.name}"
    elif level == "district-party":
        block, named = f"{committee} {place.name}".upper(), f"{committee} {place.name}"
    else:
        block, named = f"ĐẢNG ỦY {place.full}".upper(), f"Đảng ủy {place.full}"
    body = f"Ban Thường vụ {named}" if standing else named
    authority = "T/M BAN THƯỜNG VỤ" if standing else "T/M ĐẢNG ỦY"
    position = rng.choice(("BÍ THƯ", "PHÓ BÍ THƯ") + (("PHÓ BÍ THƯ THƯỜNG TRỰC",) if level != "commune-party" else ()))
    return _Issuer(
        level=level,
        label=body,
        left=(f"ĐẢNG BỘ {_upper_name(above)}", block, "*"),
        right=_PARTY_MOTTO,
        number=f"{number}-KH/{code}",
        number_line=f"Số {number}-KH/{code}",
        place=place.name,
        self_name=f"Ban Thường vụ {committee}" if standing else committee,
        cited_as=rng.choice((body, f"Ban Thường vụ {named}")),
        signature=(authority, position),
        slug=f"{named}",
    )


def _youth_issuer(rng: random.Random, province: _Place, number: int) -> _Issuer:
    """The province youth union (Tỉnh đoàn, or Thành đoàn of a centrally governed city)."""
    union = "Thành đoàn" if province.city else "Tỉnh đoàn"
    office = rng.choice(("PT", "TTNTH", "TG", "TNXH"))
    return _Issuer(
        level="mass-organisation",
        label=f"Ban Thường vụ {union} {province.name}",
        left=(f"BCH ĐOÀN {_upper_name(province)}", "***"),
        right=("ĐOÀN TNCS HỒ CHÍ MINH",),
        number=f"{number}-KH/TĐTN-{office}",
        number_line=f"Số: {number}-KH/TĐTN-{office}",
        place=province.name,
        self_name=f"Ban Thường vụ {union}",
        cited_as=f"Ban Thường vụ {union} {province.name}",
        signature=(f"TM. BAN THƯỜNG VỤ {union.upper()}", rng.choice(("BÍ THƯ", "PHÓ BÍ THƯ"))),
        slug=f"{union}_{province.name}",
    )


def _women_issuer(rng: random.Random, province: _Place, number: int) -> _Issuer:
    """The province women's union (Hội Liên hiệp Phụ nữ)."""
    return _Issuer(
        level="mass-organisation",
        label=f"Ban Thường vụ Hội Liên hiệp Phụ nữ {province.full}",
        left=("HỘI LHPN VIỆT NAM", f"HỘI LHPN {_upper_name(province)}"),
        right=_STATE_MOTTO,
        number=f"{number}/KH-HPN",
        number_line=f"Số: {number}/KH-HPN",
        place=province.name,
        self_name="Ban Thường vụ Hội LHPN tỉnh" if not province.city else "Ban Thường vụ Hội LHPN thành phố",
        cited_as=f"Hội Liên hiệp Phụ nữ {province.full}",
        signature=("TM. BAN THƯỜNG VỤ", rng.choice(("CHỦ TỊCH", "PHÓ CHỦ TỊCH"))),
        slug=f"hoi_lhpn_{province.name}",
    )


# --- rosters -------------------------------------------------------------------------------------------------------
def _words(place: _Place, council: str, villages: str, post_2025: bool) -> dict[str, str]:
    """Placeholders the phrase pools are filled with."""
    return {
        "unit": "thành phố" if place.city else place.kind,
        "area": place.full,
        "council": council,
        "villages": villages,
        "cf": "xã, phường" if post_2025 else "xã, phường, thị trấn",
    }


def _province_roster(province: _Place, below: str, period: int) -> _Roster:
    """Whom a provincial People's Committee assigns: its departments, the units below, the Front it asks."""
    word = "thành phố" if province.city else "tỉnh"
    units = _province_state_units(word, period)
    union = "Thành đoàn" if province.city else "Tỉnh đoàn"
    committee = "Thành ủy" if province.city else "Tỉnh ủy"
    ministry = "Bộ Y tế" if period > 1 else "Bộ Lao động - Thương binh và Xã hội"
    sub = f"Ủy ban nhân dân các {below}"
    return _Roster(
        family="state",
        agencies=units,
        lead=units["children"],
        subordinate=sub,
        requested=(
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {word} và các tổ chức chính trị - xã hội {word}", "front"),
            (f"{union}, Hội Liên hiệp Phụ nữ {word}", "front"),
            (f"Tòa án nhân dân {word}, Viện Kiểm sát nhân dân {word}", "courts"),
        ),
        words=_words(province, f"Ủy ban nhân dân {word}", "thôn, tổ dân phố", period == 3),
        reporters=f"các sở, ban, ngành {word} và {sub}",
        recipient=f"Ủy ban nhân dân {word}",
        upper=f"Ban Thường vụ {committee} và {ministry}",
        recipients=(
            f"{ministry} (b/c);",
            f"Thường trực {committee} (b/c);",
            f"Thường trực HĐND {word} (b/c);",
            f"Chủ tịch, các PCT UBND {word};",
            f"Ủy ban MTTQ Việt Nam {word} và các tổ chức chính trị - xã hội {word};",
            f"Các sở, ban, ngành {word};",
            f"UBND các {below};",
            "Lưu: VT, KGVX.",
        ),
    )


def _district_roster(district: _Place, communes: str, period: int) -> _Roster:
    """Whom a district People's Committee assigns: its offices, the communes, the Front it asks."""
    word = district.kind
    units = _district_state_units(word, period)
    youth = {"huyện": "Huyện đoàn", "quận": "Quận đoàn", "thị xã": "Thị đoàn"}.get(word, "Thành đoàn")
    sub = f"Ủy ban nhân dân các {communes}"
    return _Roster(
        family="state",
        agencies=units,
        lead=units["children"],
        subordinate=sub,
        requested=(
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {word} và các tổ chức chính trị - xã hội {word}", "front"),
            (f"{youth}, Hội Liên hiệp Phụ nữ {word}", "front"),
        ),
        words=_words(district, f"Ủy ban nhân dân {word}", "thôn, tổ dân phố", False),
        reporters=f"các cơ quan, đơn vị và {sub}",
        recipient=f"Ủy ban nhân dân {word}",
        upper="Ủy ban nhân dân tỉnh",
        recipients=(
            "UBND tỉnh (b/c);",
            f"{'Sở Y tế' if period > 1 else 'Sở LĐTBXH'} tỉnh (b/c);",
            f"TT {_committee(district)[0]}, TT HĐND {word} (b/c);",
            f"CT, các PCT UBND {word};",
            f"Ủy ban MTTQ và các đoàn thể {word};",
            f"Các phòng, ban, đơn vị thuộc {word};",
            f"UBND các {communes};",
            "Lưu: VT.",
        ),
    )


def _commune_roster(commune: _Place, province_code: str, period: int) -> _Roster:
    """Whom a commune People's Committee assigns: its officials and units, the schools, the villages."""
    villages = _villages(commune, province_code)
    units = _commune_state_units(commune, period, villages)
    word = commune.kind
    above = "Ủy ban nhân dân tỉnh" if period == 3 else "Ủy ban nhân dân huyện"
    return _Roster(
        family="state",
        agencies=units,
        lead=units["children"],
        subordinate=None,
        requested=(
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {word} và các tổ chức chính trị - xã hội {word}", "front"),
            (f"Đoàn Thanh niên {word}, Hội Liên hiệp Phụ nữ {word}", "front"),
        ),
        words=_words(commune, f"Ủy ban nhân dân {word}", villages, period == 3),
        reporters=f"các cơ quan, đơn vị, các trường học và Trưởng các {villages}",
        recipient=f"Ủy ban nhân dân {word}",
        upper=above,
        recipients=(
            f"{'UBND tỉnh' if period == 3 else 'UBND huyện'} (b/c);",
            f"TT Đảng ủy, TT HĐND {word} (b/c);",
            f"CT, các PCT UBND {word};",
            f"UBMTTQ Việt Nam {word};",
            f"Các trường học trên địa bàn {word};",
            f"Trưởng các {villages};",
            "Lưu: VT.",
        ),
    )


def _department_roster(dept: _Department, province: _Place, period: int) -> _Roster:
    """Whom a department assigns: its offices and units; the units of its line below, or the communes it asks."""
    offices = dept.offices | _OFFICES
    agencies = {sector: names[0] for sector, names in offices.items()}
    extra = {f"{sector}:{i}": name for sector, names in offices.items() for i, name in enumerate(names[1:], 1)}
    word = "thành phố" if province.city else "tỉnh"
    below = dept.below if period < 3 else None
    requested = (("Ủy ban nhân dân các xã, phường", "subordinate"),) if period == 3 else ()
    return _Roster(
        family="department",
        agencies=agencies | extra,
        lead=agencies[dept.sectors[0]],
        subordinate=below,
        requested=requested,
        words=_words(province, f"Giám đốc {dept.name}", "thôn, tổ dân phố", period == 3),
        reporters="các phòng, đơn vị thuộc Sở" + (f" và {below}" if below else ""),
        recipient=dept.name,
        upper=f"Ủy ban nhân dân {word}",
        recipients=(
            "Bộ Y tế (b/c);" if dept.name == "Sở Y tế" and period > 1 else f"UBND {word} (b/c);",
            "Giám đốc, các PGĐ Sở;",
            "Các phòng, đơn vị thuộc Sở;",
            *((f"{below};",) if below else ()),
            f"Lưu: VT, {dept.abbreviation[1:]}.",
        ),
    )


def _party_roster(level: str, place: _Place, post_2025: bool, state: _Roster | None) -> _Roster:
    """Whom a party committee assigns: its boards, the People's Committee, the Front, the organisations below."""
    committee = _committee(place)[0] if level != "commune-party" else "Đảng ủy"
    word = "thành phố" if place.city else place.kind
    of = f"{committee} {word}" if level == "commune-party" else committee
    agencies = {
        "inspection": f"Ủy ban Kiểm tra {of}",
        "office": f"Văn phòng {of}",
        "front": f"Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội {word}",
    }
    if level == "commune-party":
        agencies |= {"government": f"Ủy ban nhân dân {word}"}
        if post_2025:
            agencies |= {"propaganda": f"Ban Xây dựng Đảng {of}"}
        sub = "Các chi bộ trực thuộc"
    elif post_2025:
        agencies |= {
            "propaganda": f"Ban Tuyên giáo và Dân vận {committee}",
            "organisation": f"Ban Tổ chức {committee}",
            "government": f"Đảng ủy Ủy ban nhân dân {word}",
        }
        sub = f"Các đảng ủy trực thuộc {committee}"
    else:
        agencies |= {
            "propaganda": f"Ban Tuyên giáo {committee}",
            "mass": f"Ban Dân vận {committee}",
            "organisation": f"Ban Tổ chức {committee}",
            "government": f"Ban cán sự đảng Ủy ban nhân dân {word}"
            if level == "province-party"
            else f"Ủy ban nhân dân {word}",
        }
        sub = (
            f"Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc {committee}"
            if level == "province-party"
            else "Các chi bộ, đảng bộ cơ sở"
        )
    council = f"Ban Thường vụ {of}" if level != "commune-party" or post_2025 else of
    lead = agencies.get("propaganda", agencies["office"])
    return _Roster(
        family="party",
        agencies=agencies,
        lead=lead,
        subordinate=sub,
        requested=(),
        words=_words(place, council, "thôn, tổ dân phố", post_2025),
        reporters=sub[0].lower() + sub[1:],
        recipient=council,
        upper="Ban Bí thư" if level == "province-party" else "Ban Thường vụ Tỉnh ủy",
        recipients=(
            "Ban Bí thư Trung ương Đảng (để báo cáo)," if level == "province-party" else "Ban Thường vụ Tỉnh ủy (b/c),",
            f"Các đồng chí {'Đảng ủy viên' if level == 'commune-party' else committee + ' viên'},",
            f"{sub},",
            f"Ủy ban MTTQ và các tổ chức CT-XH {word},",
            f"Lưu Văn phòng {of}.",
        ),
        state=state,
    )


def _mass_roster(youth: bool, province: _Place, post_2025: bool) -> _Roster:
    """Whom the youth union or the women's union assigns: its boards and the unions below it."""
    word = "thành phố" if province.city else "tỉnh"
    if youth:
        union = "Thành đoàn" if province.city else "Tỉnh đoàn"
        agencies = {
            "union": f"Ban Tuyên giáo {union}",
            "movement": f"Ban Phong trào {union}",
            "schoolwork": f"Ban Thanh thiếu nhi trường học {union}",
            "office": f"Văn phòng {union}",
        }
        sub = "Ban Thường vụ Đoàn các xã, phường" if post_2025 else "Các huyện đoàn, thị đoàn, thành đoàn trực thuộc"
        standing = f"Ban Thường vụ {union}"
    else:
        agencies = {
            "union": f"Ban Tuyên giáo Hội LHPN {word}",
            "family": f"Ban Gia đình - Xã hội Hội LHPN {word}",
            "office": f"Văn phòng Hội LHPN {word}",
        }
        sub = "Hội LHPN các xã, phường" if post_2025 else "Hội LHPN các huyện, thị xã, thành phố"
        standing = f"Ban Thường vụ Hội LHPN {word}"
    lead = agencies["movement" if youth else "family"]
    return _Roster(
        family="mass",
        agencies=agencies,
        lead=lead,
        subordinate=sub,
        requested=((f"Sở Giáo dục và Đào tạo, Sở Y tế {word}", "education"),),
        words=_words(province, standing, "thôn, tổ dân phố", post_2025),
        reporters=sub[0].lower() + sub[1:],
        recipient=standing,
        upper=f"Ban Thường vụ {'Thành ủy' if province.city else 'Tỉnh ủy'}",
        recipients=(
            "Trung ương Đoàn (b/c);" if youth else "Đoàn Chủ tịch TW Hội LHPN VN (b/c);",
            f"Thường trực {'Thành ủy' if province.city else 'Tỉnh ủy'} (b/c);",
            f"{sub};",
            "Lưu: VP." if youth else "Lưu: VT, GĐXH.",
        ),
    )


# --- writing -------------------------------------------------------------------------------------------------------
_ROLE_LABELS = (
    ("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    ("Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"),
    ("Chủ trì thực hiện", "Phối hợp thực hiện", "Thời gian"),
)
# One paragraph, one assignment: {lead} opens the sentence, {lead_} stands inside it.
_ROLE_SENTENCES = (
    "{lead} chủ trì, phối hợp với {sup} {duty}.",
    "{lead} chủ trì, phối hợp với {sup} và các đơn vị liên quan {duty}.",
    "Giao {lead_} chủ trì, phối hợp với {sup} {duty}.",
    "{lead} có trách nhiệm chủ trì, phối hợp với {sup} {duty}.",
    "{lead} chủ trì, phối hợp {sup} {duty}.",
)
_INLINE = (
    "{Duty}. {lead} chủ trì, phối hợp với {sup} thực hiện; thời gian: {when}.",
    "{Duty}. Giao {lead_} chủ trì, phối hợp với {sup} tổ chức thực hiện. Thời gian thực hiện: {when}.",
    "{Duty}. {lead} chủ trì thực hiện; thời gian: {when}.",
)
_GIAO = (
    "Giao {lead_} chủ trì, phối hợp với {sup} {duty}. Thời gian hoàn thành: {when}.",
    "{lead} chủ trì, phối hợp với {sup} {duty}. Thời gian thực hiện: {when}.",
    "{lead} có trách nhiệm {duty}; thời gian: {when}.",
)
_TABLE_HEADS = (
    ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"),
)
_TABLE_ROWS = 30  # more rows than that go to an appendix in real plans
# The forms each kind of plan writes its tasks in, with weights.
_TASK_FORMS = {
    "province": (("roles", 3), ("sentence", 3), ("table", 2), ("plain", 2)),
    "department": (("roles", 3), ("giao", 3), ("sentence", 2), ("table", 2)),
    "district": (("sentence", 3), ("roles", 2), ("plain", 3), ("table", 1), ("giao", 1)),
    "commune": (("inline", 4), ("giao", 4), ("plain", 2), ("sentence", 2), ("table", 1)),
    "party": (("plain", 1),),
    "mass": (("sentence", 2), ("giao", 1), ("plain", 1)),
}
_LOWER_INSIDE = ("Các ", "Công chức ", "Trưởng ", "Hiệu trưởng ")  # names written in lower case inside a sentence


def _fmt_day(rng: random.Random, day: date) -> str:
    """A date as plans cite it: '05/3/2024', '5/3/2024' or '05/03/2024'."""
    return rng.choice((f"{day.day:02d}/{day.month}/{day.year}", f"{day.day}/{day.month}/{day.year}", f"{day:%d/%m/%Y}"))


def _cap(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def _inside(name: str) -> str:
    """A unit's name as written inside a sentence: 'các trường …', 'công chức Văn hóa - Xã hội'."""
    return name[:1].lower() + name[1:] if name.startswith(_LOWER_INSIDE) else name


def _number(value: float, decimals: int) -> str:
    """A figure with a decimal comma, as Vietnamese texts print it."""
    return f"{value:.{decimals}f}".replace(".", ",") if decimals else str(round(value))


def _later(value: float, target: tuple[str, float, float, int], step: int) -> float:
    """A target's figure for a later horizon: lower for a ceiling ("dưới", "không vượt quá"), else higher."""
    phrase, low, high, _ = target
    if "dưới {v}" in phrase or "quá {v}" in phrase:
        return max(low * 0.8, value * (1 - 0.15 * step))
    return value + (high - value) * 0.5 * step


def _thousands(value: int) -> str:
    """A count with dots between thousands: 12.480."""
    return f"{value:,}".replace(",", ".")


def _side_by_side(left: list[str], right: list[str], layout: str, rng: random.Random) -> list[str]:
    """Two columns on shared lines, as text copied from a Word table gives them: padded with spaces, or a tab."""
    width = max(map(len, left)) + rng.randint(3, 12)
    rows = itertools.zip_longest(left, right, fillvalue="")
    if layout == "tabs":
        return [f"{a}\t{b}".rstrip() for a, b in rows]
    return [(f"{a:<{width}}{b}" if b else a).rstrip() for a, b in rows]


class _Writer:
    """Writes one plan's text from its spec and counts the assignments (obligations) it makes."""

    def __init__(self, rng: random.Random, spec: _Spec) -> None:
        self.rng = rng
        self.spec = spec
        self.roster = spec.roster
        self.words = spec.roster.words
        self.local = spec.issuer.level in ("commune", "commune-party")
        self.obligations = 0
        self.decks: dict[str, list[str]] = {}
        self.labels = rng.choice(_ROLE_LABELS)

    # phrases ---------------------------------------------------------------------------------------------------------
    def deck(self, sector: str) -> list[str]:
        """The duties of a sector not yet used in this plan (a plan says each thing once)."""
        key = sector.split(":")[0]
        if key not in self.decks:
            pool = (_LOCAL_DUTIES.get(key) if self.local else None) or _DUTIES.get(key, ())
            self.decks[key] = self.rng.sample(pool, k=len(pool))
        return self.decks[key]

    def duty(self, sector: str) -> str | None:
        """The next unused duty of a sector, its placeholders filled; None when the sector has said all it can."""
        deck = self.deck(sector)
        return deck.pop().format(**self.words) if deck else None

    def sector_of(self, sectors: Iterable[str], strict: bool = False) -> tuple[str, str] | None:
        """A (sector, lead unit) among the given sectors (else, unless strict, any of the plan's) with duties left."""
        agencies = self.roster.agencies
        for pool in (list(sectors), [] if strict else sorted(agencies)):
            keys = [k for k in agencies if k.split(":")[0] in pool and self.deck(k)]
            if keys:
                key = self.rng.choice(keys)
                return key.split(":")[0], agencies[key]
        return None

    def when(self) -> str:
        """A time frame as written in the plans."""
        rng, day = self.rng, self.spec.day
        year = day.year
        return rng.choice(
            (
                "Hằng năm",
                "Thường xuyên",
                f"Năm {year}",
                f"Quý {rng.choice(_QUARTERS[(day.month - 1) // 3 :])}/{year}",
                f"Quý {rng.choice(_QUARTERS[max(2, (day.month - 1) // 3) :])} năm {year}",
                f"Trước ngày {rng.choice(('15/12', '30/11', '31/12'))}/{year}",
                f"Giai đoạn {year} - 2030",
                f"Năm {year} - {year + 1}",
            )
        )

    def supports(self, lead: str) -> str:
        """One to three supporting units other than the lead, sometimes with the units below."""
        others = sorted({a for a in self.roster.agencies.values() if a != lead})
        chosen = [_inside(a) for a in self.rng.sample(others, k=min(len(others), self.rng.randint(1, 3)))]
        if self.roster.subordinate and self.rng.random() < 0.3:
            chosen.append(_inside(self.roster.subordinate))
        return ", ".join(chosen) or "các đơn vị liên quan"

    # fixed parts ------------------------------------------------------------------------------------------------------
    def header(self) -> list[str]:
        """The two-column header: issuer block and number on the left, motto and place-date on the right."""
        issuer, rng, day = self.spec.issuer, self.rng, self.spec.day
        dated = f"{issuer.place}, ngày {rng.choice((str(day.day), f'{day.day:02d}'))} tháng {day.month} năm {day.year}"
        left = [*issuer.left, issuer.number_line]
        right = [*issuer.right, *[""] * (len(left) - len(issuer.right) - 1), dated]
        layout = rng.choice(("stacked", "spaces", "tabs"))
        if layout == "stacked":
            return [*issuer.left, "", issuer.number_line, "", *issuer.right, "", dated]
        return _side_by_side(left, right, layout, rng)

    def title(self) -> list[str]:
        """The type word and the summary under it."""
        spec, rng = self.spec, self.rng
        party = self.roster.family in ("party", "mass")
        directive = _DIRECTIVE.replace("28-CT/TW ngày", "28-CT/TW, ngày") if party else _DIRECTIVE
        options = [f"Triển khai thực hiện {directive} {_ABOUT} trên địa bàn {spec.area}"]
        if spec.parent is not None:
            options.append(
                f"Thực hiện Kế hoạch số {spec.parent.number} ngày {_fmt_day(rng, spec.parent.day)} của "
                f"{spec.parent.cited_as} về thực hiện {_DIRECTIVE} trên địa bàn {spec.area}"
            )
        if spec.wave.year is not None:
            options.append(
                f"Thực hiện công tác chăm sóc, giáo dục và bảo vệ trẻ em năm {spec.wave.year} trên địa bàn "
                f"{spec.area} theo {directive}"
            )
        if party:
            options.append(f"thực hiện {directive} {_ABOUT}")
        return ["KẾ HOẠCH", rng.choice(options), *(["-----"] if party else [])]

    def preamble(self) -> list[str]:
        """The Căn cứ / Thực hiện lines and the sentence that issues the plan."""
        spec, rng, family = self.spec, self.rng, self.roster.family
        about = f"{_DIRECTIVE} {_ABOUT}"
        lines: list[str] = []
        if family == "state" and rng.random() < 0.6:
            law = "ngày 16 tháng 6 năm 2025" if spec.post_2025 else "ngày 19 tháng 6 năm 2015"
            lines.append(f"Căn cứ Luật Tổ chức chính quyền địa phương {law};")
        if family in ("state", "department") and rng.random() < 0.5:
            lines.append("Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;")
        if family == "state" and rng.random() < 0.4:
            lines.append(
                "Căn cứ Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ phê duyệt Chương trình hành "
                "động quốc gia vì trẻ em giai đoạn 2021 - 2030;"
            )
        if family == "state" and spec.day > date(2024, 11, 1) and rng.random() < 0.5:
            lines.append(
                "Căn cứ Quyết định số 1183/QĐ-TTg ngày 14/10/2024 của Thủ tướng Chính phủ ban hành Kế hoạch thực hiện "
                "Chỉ thị số 28-CT/TW ngày 25/12/2023 của Ban Bí thư;"
            )
        cites = [
            f"Kế hoạch số {doc.number} ngày {_fmt_day(rng, doc.day)} của {doc.cited_as} về thực hiện {about}"
            for doc in (spec.parent, *spec.also)
            if doc is not None
        ]
        if family in ("party", "mass"):
            shorthand = " (sau đây gọi tắt là Chỉ thị số 28-CT/TW)" if rng.random() < 0.5 else ""
            return [*lines, f"Thực hiện {'; '.join(cites) if cites else about}{shorthand}, {self.issuing()}"]
        if not cites or rng.random() < 0.3:
            lines.append(f"Thực hiện {about};")
        return [*lines, *(f"Thực hiện {cite};" for cite in cites), _cap(self.issuing())]

    def issuing(self) -> str:
        """The sentence that issues the plan: 'Ủy ban nhân dân huyện … ban hành Kế hoạch thực hiện như sau:'."""
        own = self.spec.issuer.self_name
        return self.rng.choice(
            (
                f"{own} ban hành Kế hoạch thực hiện như sau:",
                f"{own} xây dựng Kế hoạch triển khai thực hiện trên địa bàn {self.spec.area} như sau:",
                f"{own} xây dựng Kế hoạch thực hiện với những nội dung cụ thể như sau:",
            )
        )

    def situation(self) -> list[str]:
        """A part on the children of the area and the results so far, with its figures."""
        rng, level = self.rng, self.spec.issuer.level
        scale = {"province": 400_000, "province-party": 400_000, "district": 35_000, "district-party": 35_000}
        children = round(scale.get(level, 4_000) * rng.uniform(0.4, 2.2))
        figures = {
            "prev": str(self.spec.day.year - 1),
            "children": _thousands(children),
            "share": _number(rng.uniform(21, 33), 1),
            "special": _thousands(max(3, round(children * rng.uniform(0.004, 0.02)))),
            "risk": _thousands(max(5, round(children * rng.uniform(0.01, 0.05)))),
            "imr": _number(rng.uniform(7, 16), 1),
            "stunting": _number(rng.uniform(12, 26), 1),
            "abuse": str(max(1, round(children / 12_000 * rng.uniform(0.5, 2)))),
            "kinder": _number(rng.uniform(97, 99.9), 1),
            "primary": _number(rng.uniform(98, 99.9), 1),
            "swim": _thousands(max(50, round(children * rng.uniform(0.02, 0.1)))),
            "network": str(rng.randint(70, 100)),
        }
        keep = sorted(rng.sample(range(1, len(_SITUATION)), k=rng.randint(2, len(_SITUATION) - 1)))
        paragraphs = [_SITUATION[0], *(_SITUATION[i] for i in keep)]
        if self.spec.post_2025 and self.spec.wave.year is None:
            paragraphs.insert(1, _SITUATION_AFTER_MERGER)
        return [p.format(**figures, **self.words) for p in paragraphs]

    def purpose(self) -> list[str]:
        """Part I: purposes and requirements."""
        rng, words = self.rng, self.words
        if self.roster.family == "party":
            items = rng.sample(_PARTY_PURPOSES, k=rng.randint(2, 4))
            return [f"{n}. {item.format(**words)}" for n, item in enumerate(items, 1)]
        purposes = rng.sample(_PURPOSES, k=rng.randint(1, 3))
        requirements = rng.sample(_REQUIREMENTS, k=rng.randint(1, 3))
        if self.spec.post_2025 and rng.random() < 0.6:
            requirements.insert(0, _AFTER_MERGER)
        lines = ["1. Mục đích", *(f"- {p.format(**words)}" for p in purposes)]
        return [*lines, "2. Yêu cầu", *(f"- {r.format(**words)}" for r in requirements)]

    def targets(self) -> list[str]:
        """The targets part: numeric targets by horizon."""
        rng, words, year = self.rng, self.words, self.spec.day.year
        horizons = sorted({min(2030, year + 1), 2030})
        lines: list[str] = []
        marks = [f"{n}." for n in range(1, len(horizons) + 1)]
        if rng.random() < 0.5:
            lines += ["1. Mục tiêu chung", rng.choice(_GENERAL_OBJECTIVES).format(**words), "2. Chỉ tiêu cụ thể"]
            marks = [f"{c})" for c in "ab"]
        pool = [t for t in _TARGETS if not (self.local and "{cf}" in t[0])]
        start = {t: rng.uniform(t[1], t[2]) for t in pool}
        for step, (n, horizon) in enumerate(zip(marks, horizons, strict=False)):
            picked = rng.sample(pool, k=rng.randint(2, 4))
            phrases = [p.format(v=_number(_later(start[t], t, step), t[3]), **words) for t in picked for p in t[:1]]
            form = rng.choice(("heading", "phấn đấu", "đến"))
            if form == "heading":
                lines += [f"{n} Đến năm {horizon}", *(f"- {_cap(p)}." for p in phrases)]
            elif form == "phấn đấu":
                lines.append(f"{n} Phấn đấu đến năm {horizon}, {'; '.join(phrases)}.")
            else:
                lines.append(f"{n} Đến năm {horizon}: {'; '.join(phrases)}.")
        return lines

    def funding(self) -> list[str]:
        """The funding part."""
        return list(self.rng.sample(_FUNDING, k=self.rng.randint(1, 3)))

    def reporting(self) -> list[str]:
        """The reporting part: who reports to whom, through whom, by which day."""
        rng, roster = self.rng, self.roster
        dd, mm = rng.randint(1, 25), rng.choice((11, 12))
        reporters, recipient, via = roster.reporters, roster.recipient, _inside(roster.lead)
        first = rng.choice(
            (
                f"Định kỳ hằng năm, trước ngày {dd:02d}/{mm}, {reporters} báo cáo kết quả thực hiện Kế hoạch về "
                f"{recipient} (qua {via}) để tổng hợp.",
                f"{_cap(reporters)} báo cáo kết quả thực hiện về {recipient} (qua {via}) trước ngày {dd} tháng {mm} "
                "hằng năm; báo cáo đột xuất khi có yêu cầu.",
                f"{_cap(reporters)} định kỳ sơ kết 6 tháng (trước ngày 15/6), tổng kết năm (trước ngày "
                f"{dd:02d}/{mm}) gửi báo cáo về {recipient} (qua {via}).",
            )
        )
        second = f"{_cap(via)} tổng hợp, tham mưu {recipient} báo cáo {roster.upper} trước ngày {dd + 5}/{mm} hằng năm."
        return [f"1. {first}", f"2. {second}"] if rng.random() < 0.6 else [first]

    def closing(self) -> list[str]:
        """The closing sentence, the distribution list and the signature block."""
        spec, rng = self.spec, self.rng
        end = (
            f"Trên đây là Kế hoạch triển khai thực hiện Chỉ thị số 28-CT/TW trên địa bàn {spec.area}. Trong quá trình "
            f"thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về "
            f"{_inside(self.roster.lead)} để tổng hợp, báo cáo xem xét, giải quyết./."
        )
        recipients = ["Nơi nhận:", *(f"- {r}" for r in self.roster.recipients)]
        signature = [*spec.issuer.signature, "", _name(rng)]
        lines = [end] if rng.random() < 0.7 else []
        if rng.random() < 0.5:
            return [*lines, *recipients, *signature]
        return [*lines, *_side_by_side(recipients, signature, rng.choice(("spaces", "tabs")), rng)]

    # the tasks part -------------------------------------------------------------------------------------------------
    def task_form(self) -> str:
        """The form this plan writes its tasks in."""
        level = self.spec.issuer.level
        key = level if level in _TASK_FORMS else self.roster.family
        forms, weights = zip(*_TASK_FORMS[key], strict=True)
        return self.rng.choices(forms, weights)[0]

    def tasks(self, budget: int) -> list[str]:
        """The tasks part, grown to about the budget or until the plan has nothing more to say."""
        form = self.task_form()
        if form == "table":
            return self.table(budget)
        if self.roster.family == "party":
            return self.party_tasks(budget)
        themes = self.rng.sample(_THEMES, k=len(_THEMES))
        single = form in ("inline", "giao")
        each = 420 if single else max(500, budget // max(2, min(len(themes), round(budget / 900))))
        lines: list[str] = []
        for theme in itertools.cycle(themes) if single else themes:
            if sum(len(line) + 1 for line in lines) >= budget:
                break
            n = sum(1 for line in lines if line[:1].isdigit()) + 1
            item = self.task(n, form, theme, each)
            if not item and single:
                break
            lines += item
        return lines

    def task(self, n: int, form: str, theme: tuple[str, tuple[str, ...]], budget: int) -> list[str]:
        """Task n about a theme, in the plan's form; empty when no duty is left to give."""
        heading, sectors = theme
        if form in ("inline", "giao"):
            found = self.sector_of(sectors)
            return [f"{n}. {self.single(form, *found)}"] if found else []
        lines = [f"{n}. {heading}"]
        for letter in "abcdeg":
            found = self.sector_of(sectors, strict=True) if len(lines) == 1 or sum(map(len, lines)) < budget else None
            if found is None:
                break
            if form == "plain":
                lines.append(f"- {_cap(self.duty(found[0]) or '')};")
            elif form == "roles":
                lines += self.role_item(letter, *found)
            else:
                lines.append(self.role_sentence(*found))
        return lines if len(lines) > 1 else []

    def party_tasks(self, budget: int) -> list[str]:
        """A party plan's tasks: leadership work, some with the committees or the Front for subject."""
        lines: list[str] = []
        for n, (heading, text, assigns) in enumerate(self.rng.sample(_PARTY_TASKS, k=len(_PARTY_TASKS)), 1):
            if n > 2 and sum(len(line) + 1 for line in lines) >= budget:
                break
            lines += [f"{n}. {heading}", text]
            self.obligations += assigns
        return lines

    def role_item(self, letter: str, sector: str, lead: str) -> list[str]:
        """A lettered item with role lines: lead, supporting units, time frame."""
        self.obligations += 1
        labels = self.labels
        return [
            f"{letter}) {_cap(self.duty(sector) or '')}.",
            f"- {labels[0]}: {lead}.",
            f"- {labels[1]}: {self.supports(lead)}.",
            f"- {labels[2]}: {self.when()}.",
        ]

    def role_sentence(self, sector: str, lead: str) -> str:
        """A paragraph that names its lead and supporting units: 'Sở Y tế chủ trì, phối hợp với …'."""
        self.obligations += 1
        duty = self.duty(sector) or ""
        template = "{lead} có trách nhiệm {duty}." if duty.startswith("phối hợp") else self.rng.choice(_ROLE_SENTENCES)
        return template.format(lead=lead, lead_=_inside(lead), sup=self.supports(lead), duty=duty)

    def single(self, form: str, sector: str, lead: str) -> str:
        """One numbered item that is one assignment ('Giao Phòng Văn hóa - Xã hội chủ trì …'): one or two duties."""
        self.obligations += 1
        duties = [self.duty(sector) or ""]
        if self.rng.random() < 0.5 and (more := self.duty(sector)) is not None:
            duties.append(more)
        duty = "; ".join(duties)
        templates = _INLINE if form == "inline" else _GIAO
        template = templates[2] if duty.startswith("phối hợp") else self.rng.choice(templates)
        return template.format(
            lead=lead, lead_=_inside(lead), sup=self.supports(lead), duty=duty, Duty=_cap(duty), when=self.when()
        )

    def table(self, budget: int) -> list[str]:
        """The tasks as a table: one row per task with its lead, supporting units and time frame."""
        rows = [self.rng.choice(_TABLE_HEADS)]
        themes = itertools.cycle(self.rng.sample(_THEMES, k=len(_THEMES)))
        while len(rows) <= _TABLE_ROWS and (len(rows) < 4 or sum(map(len, itertools.chain(*rows))) < budget):
            found = self.sector_of(next(themes)[1])
            if found is None:
                break
            sector, lead = found
            rows.append((str(len(rows)), _cap(self.duty(sector) or ""), lead, self.supports(lead), self.when()))
            self.obligations += 1
        intro = "Các nhiệm vụ cụ thể, cơ quan chủ trì, cơ quan phối hợp và thời gian thực hiện như sau:"
        if self.rng.random() < 0.6:
            return [
                intro,
                f"| {' | '.join(rows[0])} |",
                "|---|---|---|---|---|",
                *(f"| {' | '.join(r)} |" for r in rows[1:]),
            ]
        return [intro, *("\t".join(r) for r in rows)]

    # the implementation part ------------------------------------------------------------------------------------------
    def implementation(self, budget: int) -> list[str]:
        """The implementation part: the standing unit, the agencies, the units below, the bodies asked."""
        rng, roster = self.rng, self.roster
        first = self.standing()
        closing = [self.directs(roster.state)] if roster.state is not None and rng.random() < 0.6 else []
        if roster.subordinate:
            closing.append(self.subordinate(roster.subordinate))
        closing += [self.requested(body, sector) for body, sector in roster.requested]
        used = sum(len(line) + 1 for block in (first, *closing) for line in block)
        taken = {roster.lead, *(roster.agencies["government"] for _ in closing[:1] if roster.state is not None)}
        sectors = {a: s for s, a in roster.agencies.items() if a not in taken}
        duties = self.share_out(rng.sample(sorted(sectors), k=len(sectors)), sectors, budget - used)
        blocks = [first, *(self.assignment(a, d) for a, d in duties.items() if d), *closing]
        return [f"{n}. {line}" if i == 0 else line for n, block in enumerate(blocks, 1) for i, line in enumerate(block)]

    def share_out(self, agencies: list[str], sectors: dict[str, str], budget: int) -> dict[str, list[str]]:
        """Duties for each agency, dealt in turns until the budget is spent or no agency has anything left."""
        duties: dict[str, list[str]] = {a: [] for a in agencies}
        spent, dealt = 0, True
        while spent < budget and dealt:
            dealt = False
            for agency in agencies:
                duty = self.duty(sectors[agency]) if len(duties[agency]) < 8 and spent < budget else None
                if duty is not None:
                    duties[agency].append(duty)
                    spent += len(duty) + 20
                    dealt = True
        return duties

    def standing(self) -> list[str]:
        """The unit that follows the plan for the issuer, first under the implementation part."""
        self.obligations += 1
        lead, council = self.roster.lead, self.words["council"]
        role = (
            f"là đầu mối giúp {council} theo dõi, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch"
            if self.local or self.roster.family != "state"
            else "là cơ quan thường trực, chủ trì, phối hợp với các cơ quan, đơn vị liên quan hướng dẫn, theo dõi, "
            "đôn đốc việc triển khai thực hiện Kế hoạch này"
        )
        duty = self.duty(self._sector(lead))
        return [f"{lead} {role}{f'; {duty}' if duty else ''}."]

    def _sector(self, agency: str) -> str:
        """The sector a unit works in for this plan."""
        return next((s for s, a in self.roster.agencies.items() if a == agency), "children")

    def assignment(self, agency: str, duties: list[str]) -> list[str]:
        """An agency's duties under the implementation part, in one of the forms officials use."""
        self.obligations += 1
        forms = ("heading", "colon") if len(duties) > 3 else ("heading", "colon", "sentence", "responsible")
        form = self.rng.choice(forms)
        if form == "heading":
            return [agency, *(f"- {_cap(d)}." for d in duties)]
        if form == "colon":
            return [f"{agency}: {_cap(duties[0])}.", *(f"- {_cap(d)}." for d in duties[1:])]
        text = "; ".join(duties)
        if form == "sentence":
            return [f"{agency} chủ trì, phối hợp với {self.supports(agency)} {text}."]
        return [f"{agency} có trách nhiệm {text}."]

    def directs(self, state: _Roster) -> list[str]:
        """A party plan's item for the People's Committee with the units it is to direct, each with its own duty."""
        government = self.roster.agencies["government"]
        lines = [f"{government} xây dựng kế hoạch triển khai thực hiện, bố trí kinh phí cho công tác trẻ em; chỉ đạo:"]
        self.obligations += 1
        for sector in self.rng.sample(sorted(s for s in state.agencies if s in _DUTIES), k=3):
            duty = self.duty(sector)
            if duty is not None:
                lines.append(f"- {state.agencies[sector]} chủ trì {duty}.")
                self.obligations += 1
        return lines

    def subordinate(self, group: str) -> list[str]:
        """The units below, which must write their own plans."""
        self.obligations += 1
        deadline = self.spec.day + timedelta(days=self.rng.randint(20, 60))
        first = (
            f"căn cứ Kế hoạch này và tình hình thực tế, xây dựng kế hoạch thực hiện, hoàn thành trước ngày "
            f"{deadline:%d/%m/%Y}"
        )
        sector = "subordinate" if self.roster.family in ("state", "department") else "cells"
        more = [d for d in (self.duty(sector), self.duty(sector)) if d]
        if self.rng.random() < 0.5:
            return [group, f"a) {_cap(first)}.", *(f"{c}) {_cap(d)}." for c, d in zip("bc", more, strict=False))]
        return [f"{group} {first}; {'; '.join(more)}."]

    def requested(self, body: str, sector: str) -> list[str]:
        """A request to a body the issuer does not command: 'Đề nghị Ủy ban Mặt trận Tổ quốc …'."""
        duty = self.duty(sector)
        if duty is None:
            return []
        self.obligations += 1
        return [f"Đề nghị {body} {duty}."]

    # the whole ------------------------------------------------------------------------------------------------------
    def write(self) -> str:
        """The whole plan, its tasks and assignments grown so that it comes out near the spec's size."""
        rng, family, spec = self.rng, self.roster.family, self.spec
        head = [*self.header(), "", *self.title(), "", *self.preamble()]
        parts: list[tuple[str, list[str]]] = []
        if family in ("state", "party") and spec.size > 8_000 and rng.random() < 0.8:
            parts.append((f"TÌNH HÌNH TRẺ EM VÀ CÔNG TÁC TRẺ EM TRÊN ĐỊA BÀN {spec.area.upper()}", self.situation()))
        parts.append(("MỤC ĐÍCH, YÊU CẦU", self.purpose()))
        if family != "party" or rng.random() < 0.3:
            parts.append((rng.choice(("MỤC TIÊU", "CHỈ TIÊU", "MỤC TIÊU, CHỈ TIÊU")), self.targets()))
        funding = [("KINH PHÍ THỰC HIỆN", self.funding())] if family in ("state", "department") else []
        report = ("CHẾ ĐỘ THÔNG TIN, BÁO CÁO", self.reporting())
        closing = self.closing()
        fixed = sum(
            len(line) + 1 for _, lines in (*parts, *funding, report, ("", head), ("", closing)) for line in lines
        )
        budget = max(1_500, spec.size - fixed)
        tasks = self.tasks(round(budget * rng.uniform(0.45, 0.65)))
        implementation = self.implementation(budget - sum(len(line) + 1 for line in tasks))
        heading = {"party": "NHIỆM VỤ, GIẢI PHÁP", "mass": "NỘI DUNG, NHIỆM VỤ"}.get(
            family, rng.choice(("NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ VÀ GIẢI PHÁP", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"))
        )
        sections = [*parts, (heading, tasks), *funding, ("TỔ CHỨC THỰC HIỆN", implementation), report]
        body = [line for i, (title, lines) in enumerate(sections) for line in ("", f"{_ROMAN[i]}. {title}", *lines)]
        return unicodedata.normalize("NFC", "\n".join([*head, *body, "", *closing]) + "\n")


# --- cascades ------------------------------------------------------------------------------------------------------
Written = Generator[RealisticPlan, None, _Doc]  # yields a plan, then hands back how the plans below cite it


def _size(rng: random.Random, level: str) -> int:
    """A plan's target size: clipped log-normal around its level's median."""
    drawn = rng.lognormvariate(math.log(_MEDIAN[level]), _SIGMA)
    return round(min(_MAX_CHARS, max(_MIN_CHARS, drawn)))


def _after(rng: random.Random, day: date, low: int, high: int, wave: _Wave) -> date:
    """A day some weeks after another, not past the wave's end."""
    return min(wave.end, day + timedelta(days=rng.randint(low, high)))


class _Cascade:
    """Writes one province's cascade for one wave, top-down: province, departments and unions, districts, communes."""

    def __init__(self, rng: random.Random, wave: _Wave, province: AdminUnit, post_2025: bool) -> None:
        self.rng = rng
        self.wave = wave
        self.unit = province
        self.post_2025 = post_2025

    def write(
        self, issuer: _Issuer, roster: _Roster, day: date, parent: _Doc | None, area: str, *also: _Doc
    ) -> Written:
        """Yield one plan, written again shorter or longer in the rare case it falls outside 5,000-40,000 characters."""
        size = _size(self.rng, issuer.level)
        while True:
            spec = _Spec(issuer, roster, day, self.wave, self.post_2025, parent, also, area, size)
            writer = _Writer(self.rng, spec)
            text = writer.write()
            if 5_000 <= len(text) <= 40_000:
                break
            size = round(size * (1.25 if len(text) < 5_000 else 0.8))
        yield RealisticPlan(
            name=slug(issuer.slug).replace("-", "_"),
            text=text,
            level=issuer.level,
            issuer=issuer.label,
            number=issuer.number,
            date=day.isoformat(),
            parent_number=parent.number if parent else None,
            obligations=writer.obligations,
            post_2025=self.post_2025,
        )
        return _Doc(issuer.number, day, issuer.cited_as)

    def plans(self) -> Iterator[RealisticPlan]:
        """The province's party and state plans, its departments' and unions', then the plans below."""
        rng, wave, post = self.rng, self.wave, self.post_2025
        start = wave.start + timedelta(days=rng.randint(0, wave.spread))
        province = _place(self.unit, start)
        number = rng.randint(5, 90) if post else rng.randint(150, 420)
        party = _party_issuer(rng, "province-party", province, province, number, True)
        top = yield from self.write(
            party, _party_roster("province-party", province, post, None), start, None, province.full
        )
        day = _after(rng, start, 7, 60, wave)
        ubnd = _people_committee(rng, "province", province, rng.randint(40, 4200))
        main = yield from self.write(ubnd, self._province_roster(province, _period(day)), day, top, province.full)
        departments = _departments(_period(day), "thành phố" if province.city else "tỉnh")
        for dept in rng.sample(departments, k=min(len(departments), rng.randint(2, 4))):
            when = _after(rng, day, 7, 45, wave)
            issuer = _department_issuer(rng, dept, province, rng.randint(200, 3600))
            yield from self.write(issuer, _department_roster(dept, province, _period(when)), when, main, province.full)
        for youth in rng.sample((True, False), k=rng.randint(1, 2)):
            when = _after(rng, start, 10, 50, wave)
            issuer = (_youth_issuer if youth else _women_issuer)(rng, province, rng.randint(20, 400))
            yield from self.write(issuer, _mass_roster(youth, province, post), when, top, province.full)
        yield from (self._communes_2025(province, top, main) if post else self._districts(province, top, main))

    def _province_roster(self, province: _Place, period: int) -> _Roster:
        """The provincial People's Committee's roster, with the kinds of units below it."""
        if self.post_2025:
            below = _kinds_phrase(_communes_2025(self.unit.code), ("xã", "phường", "đặc khu"))
        else:
            below = _kinds_phrase(admin_units.children(self.unit.code), ("huyện", "quận", "thị xã", "thành phố"))
        return _province_roster(province, below, period)

    def _districts(self, province: _Place, top: _Doc, main: _Doc) -> Iterator[RealisticPlan]:
        """Before July 2025: a few districts' party and state plans, then some of their communes'."""
        rng, wave = self.rng, self.wave
        districts = admin_units.children(self.unit.code)
        written: list[tuple[AdminUnit, _Place, _Doc, _Doc]] = []
        for unit in rng.sample(districts, k=min(len(districts), rng.randint(4, 7))):
            place = _place(unit, main.day)
            kinds = _kinds_phrase(admin_units.children(unit.code), ("xã", "phường", "thị trấn"))
            party_doc = top
            if rng.random() < 0.8:
                day = _after(rng, top.day, 10, 45, wave)
                issuer = _party_issuer(rng, "district-party", place, province, rng.randint(40, 320), True)
                state = _district_roster(place, kinds, _period(day))
                roster = _party_roster("district-party", place, False, state)
                party_doc = yield from self.write(issuer, roster, day, top, place.full)
            day = _after(rng, max(main.day, party_doc.day), 7, 40, wave)
            issuer = _people_committee(rng, "district", place, rng.randint(30, 900))
            roster = _district_roster(place, kinds, _period(day))
            also = (party_doc,) if party_doc is not top else ()
            state_doc = yield from self.write(issuer, roster, day, main, place.full, *also)
            written.append((unit, place, party_doc, state_doc))
        for unit, place, party_doc, state_doc in written:
            communes = admin_units.children(unit.code)
            for commune in rng.sample(communes, k=min(len(communes), rng.randint(4, 8))):
                yield from self._commune(_place(commune, state_doc.day), place, party_doc, state_doc, main)

    def _communes_2025(self, province: _Place, top: _Doc, main: _Doc) -> Iterator[RealisticPlan]:
        """After July 2025: a good share of the province's communes and wards, each directly under the province."""
        communes = _communes_2025(self.unit.code)
        for unit in self.rng.sample(communes, k=min(len(communes), self.rng.randint(30, 65))):
            yield from self._commune(_Place(unit.kind, unit.name), province, top, main, None)

    def _commune(
        self, place: _Place, above: _Place, party_doc: _Doc, state_doc: _Doc, province_doc: _Doc | None
    ) -> Iterator[RealisticPlan]:
        """A commune's Đảng ủy plan (for about a third of them), then its People's Committee plan."""
        rng, wave, post = self.rng, self.wave, self.post_2025
        also: tuple[_Doc, ...] = (province_doc,) if province_doc is not None and rng.random() < 0.5 else ()
        if rng.random() < 0.35:
            day = _after(rng, party_doc.day, 7, 40, wave)
            issuer = _party_issuer(rng, "commune-party", place, above, rng.randint(5, 120), post)
            state = _commune_roster(place, self.unit.code, _period(day))
            own = yield from self.write(
                issuer, _party_roster("commune-party", place, post, state), day, party_doc, place.full
            )
            also += (own,)
        day = _after(rng, max([state_doc.day, *(d.day for d in also)]), 5, 35, wave)
        issuer = _people_committee(rng, "commune", place, rng.randint(5, 300))
        roster = _commune_roster(place, self.unit.code, _period(day))
        yield from self.write(issuer, roster, day, state_doc, place.full, *also)


Scheduled = tuple[_Wave, AdminUnit, bool]  # a wave, a province of its era, whether the era is the two-tier one


def _alternate(first: Iterator[Scheduled], second: Iterator[Scheduled]) -> Iterator[Scheduled]:
    """Items of two streams taken in turn, then the rest of the longer one."""
    for a, b in itertools.zip_longest(first, second):
        yield from (x for x in (a, b) if x is not None)


def _schedule(rng: random.Random) -> Iterator[Scheduled]:
    """Cascades to write: each wave's provinces in random order, the two eras in turn; repeated once all are done."""
    pre_units, post_units = admin_units.provinces(), list(_provinces_2025())
    while True:
        pre = ((w, p, False) for w in _PRE_WAVES for p in rng.sample(pre_units, k=len(pre_units)))
        post = ((w, p, True) for w in _POST_WAVES for p in rng.sample(post_units, k=len(post_units)))
        yield from _alternate(pre, post)


def realistic_corpus(n: int, seed: int = 0) -> Iterator[RealisticPlan]:
    """Stream n plans forming cascades, province by province, each written only when asked for."""
    count = 0
    for index, (wave, province, post_2025) in enumerate(_schedule(random.Random(seed))):
        if count >= n:
            return
        for plan in _Cascade(random.Random(f"{seed}:{index}"), wave, province, post_2025).plans():
            count += 1
            yield dataclasses.replace(plan, name=f"{count:05d}_{plan.name}.txt")
            if count == n:
                return


def _save(directory: Path, plan: RealisticPlan) -> int:
    """Write one plan into a directory; return its length in characters."""
    (directory / plan.name).write_text(plan.text, encoding="utf-8")
    return len(plan.text)


def write_corpus(directory: Path, n: int, seed: int = 0) -> int:
    """Write n plans as .txt files into a directory; return the total number of characters written."""
    directory.mkdir(parents=True, exist_ok=True)
    return sum(_save(directory, plan) for plan in realistic_corpus(n, seed))


def _main(argv: list[str] | None = None) -> None:
    """Write a corpus and print its count and sizes."""
    parser = argparse.ArgumentParser(description="Write a corpus of realistic Directive 28 plans.")
    parser.add_argument("--plans", type=int, default=1000, help="how many plans to write")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write them into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [_save(args.out, plan) for plan in realistic_corpus(args.plans, args.seed)]
    mean = statistics.fmean(sizes) if sizes else 0.0
    low, high = min(sizes, default=0), max(sizes, default=0)
    print(f"{len(sizes)} plans, mean {mean:,.0f} characters (min {low:,}, max {high:,})")


if __name__ == "__main__":
    _main()
