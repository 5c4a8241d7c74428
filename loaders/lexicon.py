"""Vocabulary of Vietnamese public administration used to recognise agencies, as folded regex fragments.

Fragments are written against `folding.fold` output (lower case, no diacritics), so they match text
with or without accents. Nothing here names a particular province, district or plan.
"""

from __future__ import annotations

# A province's bloc party committee: "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh" (from 2025), before it "Đảng ủy Khối
# các cơ quan tỉnh" and "Đảng ủy Khối Doanh nghiệp tỉnh".
BLOC_COMMITTEE = (
    r"dang uy khoi(?:\s+cac)?(?:\s+co quan)?(?:\s*(?:va|&)\s*doanh nghiep|\s+doanh nghiep)?"
    r"(?:\s+(?:tinh|thanh pho))?"
)

# Sector names that follow Bộ / Sở / Phòng: canonical Vietnamese name -> folded alias pattern.
# Longer names come first so that "Tài chính - Kế hoạch" wins over "Tài chính".
SECTORS: dict[str, str] = {
    "Lao động - Thương binh và Xã hội": r"lao dong\s*[-,]?\s*(?:thuong binh|tb)\s*(?:va|&)?\s*(?:xa hoi|xh)"
    r"|ld\s*-?\s*tb\s*(?:&|va)?\s*xh",
    "Giáo dục và Đào tạo": r"giao duc\s*(?:va|&)\s*dao tao|gd\s*&?\s*dt",
    "Văn hóa, Thể thao và Du lịch": r"van hoa\s*,?\s*the thao\s*(?:va|&)\s*du lich|vhttdl|vh\s*,?\s*tt\s*(?:&|va)\s*dl",
    "Văn hóa và Thể thao": r"van hoa\s*(?:va|&)\s*the thao|vh\s*&\s*tt",
    "Văn hóa và Thông tin": r"van hoa\s*(?:va|&)\s*thong tin|vhtt|vh\s*-\s*tt",
    "Văn hóa - Xã hội": r"van hoa\s*-\s*xa hoi|vh\s*-\s*xh",
    "Thông tin và Truyền thông": r"thong tin\s*(?:va|&)\s*truyen thong|tt\s*&\s*tt|tttt",
    "Kế hoạch và Đầu tư": r"ke hoach\s*(?:va|&)\s*dau tu|kh\s*&\s*dt|khdt",
    "Tài chính - Kế hoạch": r"tai chinh\s*-\s*ke hoach|tckh|tc\s*-\s*kh",
    "Tài chính": r"tai chinh",
    "Nông nghiệp và Phát triển nông thôn": r"nong nghiep\s*(?:va|&)\s*phat trien nong thon|nn\s*&\s*ptnt|nnptnt",
    "Nông nghiệp và Môi trường": r"nong nghiep\s*(?:va|&)\s*moi truong",
    "Tài nguyên và Môi trường": r"tai nguyen\s*(?:va|&)\s*moi truong|tn\s*&\s*mt|tnmt",
    "Khoa học và Công nghệ": r"khoa hoc\s*(?:va|&)\s*cong nghe|kh\s*&\s*cn|khcn",
    "Y tế": r"y te|yt",
    "Tư pháp": r"tu phap",
    "Nội vụ": r"noi vu",
    "Công Thương": r"cong thuong",
    "Xây dựng": r"xay dung",
    "Giao thông vận tải": r"giao thong\s*(?:-\s*)?van tai",
    "Ngoại vụ": r"ngoai vu",
    "Kinh tế, Hạ tầng và Đô thị": r"kinh te\s*,?\s*ha tang\s*(?:va|&)\s*do thi",
    "Kinh tế - Hạ tầng": r"kinh te\s*(?:-|va|&)\s*ha tang",
    "Kinh tế": r"kinh te",
    "Dân tộc và Tôn giáo": r"dan toc\s*(?:va|&)\s*ton giao",
    "Dân tộc": r"dan toc",
    "Du lịch": r"du lich",
    "Quản lý đô thị": r"quan ly do thi",
}

# Administrative level words as they follow a head noun ("Ủy ban nhân dân quận ...").
LEVEL_WORDS: dict[str, str] = {
    "tinh": "province",
    "thanh pho": "province-or-district",
    "tp": "province-or-district",
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
}
LEVEL_PATTERN = r"(?:thanh pho|thi xa|thi tran|dac khu|tinh|huyen|quan|xa(?! hoi)|phuong|tp\.?)"

# Mass organisations: canonical name -> folded pattern (full names and their usual short forms).
MASS_ORGANISATIONS: dict[str, str] = {
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh": r"doan thanh nien(?: cong san ho chi minh)?|doan tncs(?: ho chi minh)?",
    "Hội Liên hiệp Phụ nữ": r"hoi lien hiep phu nu(?: viet nam)?|hoi lhpn|hoi phu nu",
    "Hội Nông dân": r"hoi nong dan(?: viet nam)?",
    "Hội Cựu chiến binh": r"hoi cuu chien binh(?: viet nam)?|hoi ccb",
    "Liên đoàn Lao động": r"lien doan lao dong",
    "Hội Chữ thập đỏ": r"hoi chu thap do",
    "Hội Khuyến học": r"hoi khuyen hoc",
    "Hội Bảo trợ người khuyết tật và trẻ mồ côi": r"hoi bao tro nguoi khuyet tat va tre mo coi",
    "Hội Liên hiệp Thanh niên Việt Nam": r"hoi lien hiep thanh nien(?: viet nam)?|hoi lhtn(?: viet nam| vn)?",
    "Hội Người cao tuổi": r"hoi nguoi cao tuoi",
    "Liên minh Hợp tác xã": r"lien minh hop tac xa",
}

# Head nouns of single agencies: agency kind -> folded pattern. Order matters (first match wins).
HEADS: list[tuple[str, str]] = [
    ("politburo", r"bo chinh tri"),
    ("secretariat", r"ban bi thu"),
    ("party-central-committee", r"ban chap hanh trung uong(?: dang)?"),
    ("prime-minister", r"thu tuong chinh phu"),
    ("labour-confederation", r"tong lien doan(?:\s+lao dong)?(?:\s+viet nam)?"),
    (
        "central-mass-organisation",
        r"trung uong\s+(?:"
        + "|".join(
            p for name, pattern in MASS_ORGANISATIONS.items() if name.startswith("Hội ") for p in pattern.split("|")
        )
        + r")(?:\s+viet nam|\s+vn)?",
    ),
    ("central-youth-union", r"(?:ban chap hanh\s+)?trung uong doan(?:\s+(?:tncs|thanh nien cong san)\s+ho chi minh)?"),
    ("government", r"chinh phu"),
    ("national-assembly", r"quoc hoi"),
    ("fatherland-front", r"(?:uy ban\s*|ub\.?\s*)?(?:mat tran to quoc|mttq)(?:\s*viet nam|\s*vn)?"),
    ("people-council", r"(?:thuong truc\s+|tt\.?\s*)?(?:hoi dong nhan dan|hdnd)"),
    ("people-committee", r"(?:uy ban nhan dan|uy ban nhan|ubnd|ub nhan dan)"),
    (
        "party-board",
        r"(?:uy ban kiem tra|ban (?:tuyen giao(?:\s*(?:va|&)\s*dan van)?|dan van|to chuc(?:\s*-\s*kiem tra)?|kiem tra"
        r"|noi chinh"
        r"|xay dung dang|chinh sach\s*,\s*chien luoc))",
    ),
    (
        "party-committee",
        r"(?:(?:ban thuong vu|thuong truc|tt\.?)\s*)?(?:tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy (?:xa|phuong"
        r"|thi tran|dac khu)|" + BLOC_COMMITTEE + ")",
    ),
    ("military-command", r"(?:ban|bo) chi huy quan su|bch\s+quan su"),
    ("bank", r"(?:chi nhanh\s+|phong giao dich\s+)?ngan hang chinh sach xa hoi"),
    ("treasury", r"kho bac nha nuoc"),
    ("assembly-office", r"van phong doan dai bieu quoc hoi\s*(?:va|&)\s*(?:hoi dong nhan dan|hdnd)"),
    ("border-guard", r"bo chi huy bo doi bien phong|bo doi bien phong|bdbp"),
    ("ministry", r"bo"),
    ("department", r"so"),
    ("office", r"phong|p\.\s?"),
    ("police", r"cong an|ca(?=\s+(?:tinh|huyen|quan|thi xa|thanh pho|xa|phuong|thi tran|dac khu)(?![a-z]))"),
    ("social-insurance", r"bao hiem xa hoi|bhxh"),
    ("statistics-office", r"chi cuc thong ke|cctk"),
    ("health-centre", r"trung tam y te|ttyt"),
    ("culture-sport-centre", r"trung tam van hoa(?=\s*[-,]|\s+(?:va|the thao|thong tin|truyen thong))|ttvhtt"),
    ("joint-office", r"van phong (?:hoi dong nhan dan|hdnd)\s*(?:va|-|&)\s*(?:uy ban nhan dan|ubnd)"),
    ("health-station", r"tram y te"),
    ("party-delegation", r"ban can su dang|dang doan|dang uy(?! khoi)|chi bo"),
    (
        "youth-union",
        r"(?:tinh|thanh|huyen|quan|thi)\s+doan|(?:ban chap hanh|bch)\s+doan(?:\s+tncs ho chi minh)?"
        r"(?=\s+(?:tinh|thanh pho|huyen|quan|thi xa)\s)",
    ),
    ("procuracy", r"vien kiem sat nhan dan|vksnd"),
    ("court", r"toa an nhan dan|tand"),
    ("hospital", r"benh vien"),
    ("school", r"truong"),
    (
        "media",
        r"dai phat thanh(?:\s*(?:va|-)?\s*truyen hinh)?|dai pt\s*-?\s*th|dai truyen thanh|cong thong tin dien tu"
        r"|bao va phat thanh\s*,?\s*truyen hinh"
        r"|bao(?! cao)|bao(?= cao bang)",
    ),  # 'báo cáo' is a report; 'Báo Cao Bằng' the one paper of a 'Cao' place
    ("civil-servant", r"cong chuc"),
    ("central-office", r"cuc|vu"),
    ("agency-office", r"van phong|thanh tra|chi cuc"),
    ("board", r"ban"),
    ("centre", r"trung tam|nha (?:van hoa )?thieu nhi"),
    ("youth-council", r"hoi dong doi"),
    ("trade-union", r"cong doan(?:\s+cac(?=\s+khu))?"),
    ("fund", r"quy"),
    ("mass-organisation", "|".join(MASS_ORGANISATIONS.values())),
]

# Cities whose own name includes the word "Thành phố" (the city named after a person): their party committee is
# "Thành ủy Thành phố Hồ Chí Minh"; any other city's is "Thành ủy <name>" ("Thành ủy Hải Phòng").
CITY_IN_NAME = frozenset({"Hồ Chí Minh"})

# Head words whose folded form other words share: how each kind's head is written, and the look-alikes a head of
# that kind must not be read from (a word outside both, as an abbreviation, passes).
HEAD_SPELLINGS: dict[str, frozenset[str]] = {
    "central-office": frozenset({"cục", "vụ"}),
    "department": frozenset({"sở"}),
    "ministry": frozenset({"bộ"}),
    "office": frozenset({"phòng", "p"}),
    "fund": frozenset({"quỹ"}),
    "police": frozenset({"công", "ca"}),
    "media": frozenset({"báo", "đài", "cổng"}),
}
HEAD_LOOKALIKES: dict[str, frozenset[str]] = {
    "central-office": frozenset({"cúc", "vũ", "vú", "vù", "vu", "cuc"}),
    "department": frozenset({"số", "sổ", "sơ", "sớ", "sợ", "so"}),
    "ministry": frozenset({"bố", "bổ", "bỏ", "bò", "bó", "bo"}),
    "office": frozenset({"phong", "phóng", "phỏng"}),
    "fund": frozenset({"quy", "quý", "quỳ", "quỷ"}),
    "police": frozenset({"cá", "cà", "cả", "cạ", "cã"}),
    "media": frozenset({"bảo", "bào", "bão", "bạo", "bao"}),
}

# Party committees (folded) -> the level of their unit.
PARTY_LEVELS: dict[str, str] = {
    "tinh uy": "province",
    "thanh uy": "province-or-district",
    "huyen uy": "district",
    "quan uy": "district",
    "thi uy": "district",
    "dang uy xa": "commune",
    "dang uy phuong": "commune",
    "dang uy thi tran": "commune",
    "dang uy dac khu": "commune",
}

# Kinds whose name is a sector from SECTORS; kinds whose name is a run of capitalised words.
SECTOR_KINDS = {"ministry", "department", "office"}
NAMED_KINDS = {
    "hospital",
    "centre",
    "culture-sport-centre",
    "school",
    "agency-office",
    "central-office",
    "media",
    "civil-servant",
    "board",
    "fund",
    "youth-council",
    "trade-union",
}
# Named units that only a commune (or the issuer's own unit) has: placed in the document's own unit.
LOCAL_KINDS = {"civil-servant"}
# Internal units: without a level word of their own they belong to the body that issues the document.
INTERNAL_KINDS = {"agency-office", "office"}
# Units of a ministry: named with the ministry that issues the document, else central units as written.
MINISTRY_UNITS = {"central-office"}

# Level implied by a kind when the text gives no level word.
KIND_LEVEL: dict[str, str] = {
    "politburo": "central",
    "central-youth-union": "central",
    "central-mass-organisation": "central",
    "labour-confederation": "central",
    "trade-union": "province",
    "secretariat": "central",
    "party-central-committee": "central",
    "prime-minister": "central",
    "government": "central",
    "national-assembly": "central",
    "ministry": "central",
    "department": "province",
    "office": "district",
    "statistics-office": "district",
    "health-centre": "district",
    "culture-sport-centre": "district",
    "health-station": "commune",
    "joint-office": "district",
    "military-command": "commune",
    "bank": "province",
    "treasury": "province",
    "assembly-office": "province",
    "border-guard": "province",
    "central-office": "central",
}

# Words that end a unit's name written in sentence case ("Trung tâm Kiểm soát bệnh tật | chủ trì"): the verbs and
# function words that follow a subject, folded; single syllables and two-syllable words.
NAME_STOPS = frozenset(
    """
chu tri|phoi hop|thuc hien|to chuc|trien khai|tham muu|huong dan|co trach|trach nhiem|xay dung|can cu|chi dao|theo doi
|bao cao|tang cuong|phu trach|day manh|ra soat|kiem tra|tuyen truyen|bo tri|dam bao|quan ly|tiep tuc|nang cao
|phat huy|uu tien|cap nhat|giam sat|hoan thanh|tong hop|nghien cuu|phan cong|lanh dao|quan triet|chu dong|ban hanh
|de xuat|kien nghi|tiep nhan|cung cap|duy tri|ho tro|van dong|kien toan|cung co|phat hien|can thiep|xu ly|phong ngua
|tap huan|dao tao|boi duong|danh gia|so ket|tong ket|tham gia|bao dam|huy dong|long ghep|phat trien|mo rong|thuc thi
|tuyen duong|khen thuong|nhan rong|chi tra|cap phat|dieu tra|theo doi|dieu phoi|giai quyet|thong tin|truyen thong
|tiep can|quan tam|nghiem tuc|khan truong|kip thoi|thuong xuyen|chiu trach|phu hop|trien khai|xay dung|ra soat
|lam dau|lam viec|dong vai|tham dinh|phe duyet|quyet toan|thanh toan""".replace("\n", "").split("|")
)
# Noun phrases of unit names that hold a word pair of NAME_STOPS ("Cục Công nghệ thông tin", "Cục Nhà giáo và Cán bộ
# quản lý giáo dục", "Trung tâm Dịch vụ tổng hợp"): folded, the pair at their end or inside.
NAME_PHRASES = frozenset(
    """cong nghe thong tin|can bo quan ly|quan ly giao duc|quan ly thi truong|quan ly do thi
|dich vu tong hop|kiem soat benh tat|ho tro phap ly|tro giup phap ly|tro giup xa hoi|bao tro xa hoi|cham soc suc khoe
|giao duc phap luat|pho bien giao duc|dao tao boi duong|phat trien nong thon|phat trien ben vung|tuyen truyen giao duc
|thong tin truyen thong|van hoa thong tin|thong tin va truyen thong|giao duc thuong xuyen|phat trien kinh te""".replace(
        "\n", ""
    ).split("|")
)
# Pairs a unit's name writes with a comma ("học sinh, sinh viên"; "Phòng, chống tệ nạn xã hội").
NAME_COMMA_PAIRS = frozenset(
    {
        ("hoc sinh", "sinh vien"),
        ("phong", "chong"),
        ("can bo", "cong chuc"),
        ("vien chuc", "nguoi lao dong"),
        ("chinh tri", "tu tuong"),
        ("thi dua", "khen thuong"),
        ("kham", "chua benh"),
    }
)

# Single words that end such a name, as written (accents matter: "về" ends a name, "vệ" does not).
NAME_STOP_WORDS = frozenset(
    [
        "là",
        "có",
        "của",
        "với",
        "để",
        "tại",
        "trong",
        "về",
        "theo",
        "được",
        "đã",
        "sẽ",
        "cùng",
        "những",
        "khi",
        "nếu",
        "thì",
        "nhằm",
        "vào",
        "cho",
        "ra",
        "từ",
        "đến",
        "trên",
        "dưới",
        "mỗi",
        "hằng",
        "hàng",
        "định",
        "gửi",
        "qua",
        "sau",
        "trước",
        "này",
        "do",
        "gồm",
        "phải",
        "cần",
        "năm",
        "tháng",
        "ngày",
        "hướng",
        "đưa",
        "giúp",
        "chỉ",
        "lập",
        "tổ",
        "nắm",
        "rà",
        "in",
        "mở",
        "tạo",
        "tăng",
        "giảm",
    ]
)

# Collective nouns that make up group owners ("các sở, ban, ngành, đoàn thể").
GROUP_NOUNS = (
    r"(?:so|cuc|vu(?! viec| an)|ban can su dang|dang doan|ban (?:xay dung )?dang(?:\s+(?:cua\s+)?(?:tinh uy|thanh uy"
    r"|huyen uy|quan uy|thi uy))?|ban|nganh|doan the(?: chinh tri\s*-\s*xa hoi)?|co quan bao chi|co quan chuyen mon"
    r"|co quan|don vi su nghiep(?: cong lap)?|don vi|phong|to chuc chinh tri\s*-\s*xa hoi"
    r"|to chuc ct\s*-\s*xh|to chuc xa hoi|to chuc dang|to chuc|ca nhan|dia phuong|cap uy(?: dang)?|chinh quyen"
    r"|hoi doan|hoi"
    r"|chi(?=\s*,\s*dang bo)|chi bo(?: co so)?|dang bo(?: co so)?|huyen uy|thi uy|thanh uy|quan uy"
    r"|huyen doan|thanh doan|thi doan|quan doan|doan truc thuoc|co so doan|chi doan"
    r"|dang uy|nha truong|truong (?:mam non|tieu hoc|trung hoc co so|trung hoc pho thong|thcs|thpt|ptdtnt|hoc"
    r"|pho thong(?: dan toc (?:noi tru|ban tru))?)"
    r"|truong(?! hop)|bo phan|co so giao duc|co so (?:tro giup xa hoi|kham benh\s*,?\s*chua benh|y te)"
    r"|mam non|tieu hoc|trung hoc co so|trung hoc pho thong|thcs|thpt|ptdtnt|benh vien|trung tam y te"
    r"|trung tam giao duc nghe nghiep\s*-\s*giao duc thuong xuyen|trung tam|tram y te"
    r"|don bien phong|chua|thon|to dan pho|khom|ap|xom|khu pho|buon|lang|soc|plei|ban)"
)
# Nouns that join the one before them without a comma ("các sở, ban ngành", "các cơ quan đơn vị").
JOINED_NOUNS = r"(?:nganh|ban nganh|doan the|don vi|dia phuong|hoi doan|truong hoc|to dan pho)(?![a-z])"
GROUP_TAIL = (
    r"(?:\s+(?:thanh vien|chuc nang|chuyen mon))?(?:\s+(?:(?:xa|phuong|thi tran)(?:\s*,\s*(?:xa|phuong|thi tran"
    r"|dac khu))+"
    r"|tinh|huyen|quan|thanh pho|thi xa|phuong|xa(?! hoi)|dac khu|cap khoi|khoi"
    r"|tuyen (?:tinh|huyen|xa|trung uong)|khu vuc"
    r"|cac cap|cap (?:tinh|huyen|xa|co so)))?(?:\s+(?:co\s+)?lien quan)?"
    r"(?:\s+(?:thuoc\s*(?:,|va)\s*truc thuoc|truc thuoc|thuoc)(?:\s+(?:(?:so|bo)(?:\s+(?:"
    + "|".join(SECTORS.values())
    + r"))?(?![a-z])"
    r"|tinh uy|huyen uy|thanh uy|quan uy|thi uy|dang uy(?: xa| phuong)?"
    r"|(?:uy ban nhan dan|ubnd)(?:\s+(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu))?"
    r"|tinh|thanh pho|huyen|quan|thi xa|xa(?! hoi)|phuong|thi tran|dac khu))?)?"
    r"(?:\s+cua\s+(?:tinh|huyen|quan|thanh pho|thi xa|phuong|xa(?! hoi)))?"
    r"(?:\s+co\s+(?:duong\s+)?bien gioi|\s+ven bien|\s+vung (?:sau|xa|cao|bien)(?:\s*,\s*vung (?:sau|xa|cao|bien))*)?"
    r"(?:\s+tren dia ban(?:\s+(?:tinh|huyen|quan|thanh pho|thi xa|phuong|xa(?! hoi)))?)?"
    r"(?:\s+duoc (?:giao|phan cong)(?:\s+(?:nhiem vu|chu tri)(?:\s+thuc hien)?)?(?:\s+cac\s+(?:noi dung|nhiem vu))?"
    r"(?:\s+(?:tai|trong|theo)\s+(?:ke hoach|cong van|van ban|quyet dinh|chuong trinh|huong dan)\s+nay"
    r"|\s+(?:tai|trong|theo)\s+(?:muc|phan|diem|khoan)\s+[ivx\d]+(?:\.\d+)*(?:\s+(?:cua\s+)?ke hoach nay)?)?)?"
)

# Words that mark a group as vague (no identifiable members).
VAGUE = r"lien quan|cac cap"
