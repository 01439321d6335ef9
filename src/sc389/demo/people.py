"""Vietnamese people, businesses, vehicles, phones and online shops for the demo.

Every identifier passes the checks of `sc389.cases.identifiers`: a CCCD encodes the birth year and sex of its
holder (Circular 59/2021/TT-BCA), a tax code carries a valid check digit (python-stdnum's vn.mst), plates and
phones have the shapes the forces write. Numbers are drawn without repeats, so one number is one person.
"""

import datetime as dt
import random
from dataclasses import dataclass
from itertools import accumulate

from sc389.core.text import fold

# Family names with their approximate share of the population (Nguyễn ~38%), plus the Tày and Nùng names common
# along the northern border (Nông, Vi, Lương, Triệu, Lăng, Lục).
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 4.6),
    ("Phan", 3.5),
    ("Vũ", 3.4),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Huỳnh", 1.0),
    ("Võ", 1.0),
    ("Đinh", 1.0),
    ("Đào", 0.8),
    ("Trịnh", 0.8),
    ("Nông", 1.2),
    ("Lương", 0.8),
    ("Hà", 0.8),
    ("Mai", 0.6),
    ("Cao", 0.6),
    ("Vi", 0.6),
    ("Triệu", 0.6),
    ("Lý", 0.5),
    ("Chu", 0.5),
    ("Lâm", 0.5),
    ("Lăng", 0.4),
    ("Lục", 0.4),
    ("Tô", 0.4),
]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Xuân", "Mạnh", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Phương", "Minh", "Hồng", "Bích"]
# fmt: off
GIVEN_MALE = [
    "Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Thắng", "Sơn", "Cường", "Quang", "Huy", "Phong",
    "Trung", "Bình", "Tùng", "Khánh", "Đạt", "Hiếu", "Lâm", "Toàn", "Hưng", "Vinh", "Thịnh", "Tài",
]
GIVEN_FEMALE = [
    "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hà", "Nga", "Hạnh", "Yến", "Huyền",
    "Nhung", "Thủy", "Oanh", "Phượng", "Dung", "Loan", "Hằng", "Vân", "Ngân", "Thơm",
]

# Province of birth registration as the CCCD encodes it (the 63-province codes in use since 2016).
CCCD_PROVINCES = {
    "hanoi": 1, "caobang": 4, "langson": 20, "quangninh": 22, "bacgiang": 24, "haiduong": 30,
    "haiphong": 31, "hungyen": 33, "thaibinh": 34, "namdinh": 36, "thanhhoa": 38, "nghean": 40,
    "hcm": 79, "angiang": 89, "kiengiang": 91,
}
# The two-digit tax office prefix of tax codes issued in each province before 2025.
TAX_PREFIXES = {
    "hanoi": "01", "hcm": "03", "haiphong": "02", "hungyen": "09", "thaibinh": "10", "angiang": "16",
    "kiengiang": "17", "caobang": "48", "langson": "49", "quangninh": "57", "bacgiang": "24",
}
PLATE_PREFIXES = {
    "hanoi": ["29", "30"], "caobang": ["11"], "langson": ["12"], "quangninh": ["14"], "hungyen": ["89"],
    "thaibinh": ["17"], "angiang": ["67"], "kiengiang": ["68"], "bacgiang": ["98"], "haiphong": ["15"],
}
PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035", "036",
                  "037", "038", "039", "081", "082", "083", "084", "085", "070", "076", "077", "078", "079"]

# fmt: on
COMPANY_FORMS = ["Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV"]
# fmt: off
COMPANY_TRADES = [
    "Thương mại và Dịch vụ", "Xuất nhập khẩu", "Thương mại tổng hợp", "Vận tải và Thương mại",
    "Đầu tư Thương mại", "Thương mại Xuất nhập khẩu", "Logistics", "Phát triển Thương mại",
]
COMPANY_BRANDS = [
    "Hoàng Long", "Minh Phát", "Thành Đạt", "Phú Gia", "Tân Thịnh", "Hải Nam", "Đông Á", "Kim Ngân",
    "An Khang", "Việt Trung", "Bảo Minh", "Nam Sơn", "Hưng Thịnh", "Quang Vinh", "Trường An", "Phúc Lộc",
    "Đại Phát", "Tiến Thành", "Hòa Bình", "Sao Mai", "Thiên Phú", "Gia Bảo", "Lộc Phát", "Ngọc Sơn",
]
# fmt: on
SHOP_WORDS = [
    ("Mỹ phẩm", ["Hàn Quốc chính hãng", "Nhật xách tay", "Thái Lan giá sỉ", "Auth giá tốt"]),
    ("Kho sỉ", ["Quảng Châu", "hàng Order", "đồ gia dụng", "giá xưởng"]),
    ("Thời trang", ["nam nữ cao cấp", "hàng hiệu giá rẻ", "Quảng Châu loại 1", "giảm giá sâu"]),
    ("Sữa", ["ngoại nhập chính hãng", "Úc xách tay", "Nhật nội địa"]),
    ("Phụ kiện", ["điện thoại giá sỉ", "công nghệ", "tai nghe chính hãng"]),
]
PLATFORMS = [
    ("Shopee", "https://shopee.vn/{slug}"),
    ("Lazada", "https://www.lazada.vn/shop/{slug}"),
    ("TikTok Shop", "https://www.tiktok.com/@{slug}"),
    ("Facebook", "https://www.facebook.com/{slug}"),
    ("Zalo", ""),
]


@dataclass(frozen=True)
class Person:
    name: str
    date_of_birth: dt.date
    sex: str  # "male" | "female"
    id_number: str
    phone: str
    home: str  # key of CCCD_PROVINCES


@dataclass(frozen=True)
class Business:
    name: str
    tax_code: str


class Registry:
    """Draws people and identifiers from one seeded random source, never the same number twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._used: set[str] = set()
        self._family = [n for n, _ in FAMILY_NAMES]
        self._family_cum = list(accumulate(w for _, w in FAMILY_NAMES))

    def _unique(self, make) -> str:
        while True:
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value

    def full_name(self, sex: str) -> str:
        rng = self.rng
        family = rng.choices(self._family, cum_weights=self._family_cum)[0]
        if sex == "male":
            return f"{family} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
        return f"{family} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"

    def cccd(self, *, home: str, date_of_birth: dt.date, sex: str) -> str:
        """Province code, century-and-sex digit (0/1 for the 1900s, 2/3 for the 2000s), year, six digits."""
        century_digit = 2 * ((date_of_birth.year - 1900) // 100) + (0 if sex == "male" else 1)
        head = f"{CCCD_PROVINCES[home]:03d}{century_digit}{date_of_birth.year % 100:02d}"
        return self._unique(lambda: head + f"{self.rng.randrange(10**6):06d}")

    def phone(self) -> str:
        return self._unique(lambda: self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10**7):07d}")

    def person(self, *, home: str, on: dt.date, sex: str | None = None, min_age: int = 19) -> Person:
        rng = self.rng
        sex = sex or ("male" if rng.random() < 0.78 else "female")
        age = rng.randint(min_age, 64)
        born = on - dt.timedelta(days=365 * age + rng.randrange(365))
        return Person(
            name=self.full_name(sex),
            date_of_birth=born,
            sex=sex,
            id_number=self.cccd(home=home, date_of_birth=born, sex=sex),
            phone=self.phone(),
            home=home,
        )

    def tax_code(self, *, home: str, branch: bool = False) -> str:
        """A 10-digit tax code with its check digit (vn.mst), or a branch's 13 digits (NNNNNNNNNN-NNN)."""
        prefix = TAX_PREFIXES.get(home, "01")

        def make() -> str:
            while True:
                body = prefix + f"{self.rng.randrange(10**7):07d}"
                weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
                check = 10 - sum(w * int(n) for w, n in zip(weights, body, strict=True)) % 11
                if check < 10:  # a remainder of 0 gives no single check digit: draw again
                    return body + str(check)

        code = self._unique(make)
        return f"{code}-{self.rng.randint(1, 30):03d}" if branch else code

    def company(self, *, home: str) -> Business:
        rng = self.rng
        name = f"{rng.choice(COMPANY_FORMS)} {rng.choice(COMPANY_TRADES)} {rng.choice(COMPANY_BRANDS)}"
        return Business(name=name, tax_code=self.tax_code(home=home, branch=rng.random() < 0.12))

    def plate(self, *, home: str, truck: bool = True) -> str:
        """Plates as written on records: 12C-123.45 (trucks, cars) or 12-B1 234.56 (motorcycles)."""
        rng = self.rng
        prefix = rng.choice(PLATE_PREFIXES.get(home, ["29"]))
        if truck:
            letter = rng.choice("CCCHLD")
            return self._unique(
                lambda: f"{prefix}{letter}-{rng.randrange(100, 1000)}.{rng.randrange(100):02d}"
            )
        series = rng.choice(["B1", "F1", "H1", "K1", "E1", "G1"])
        return self._unique(lambda: f"{prefix}-{series} {rng.randrange(100, 1000)}.{rng.randrange(100):02d}")

    def shop(self) -> tuple[str, str, str]:
        """(platform, shop name, url) of an online shop."""
        rng = self.rng
        word, tails = rng.choice(SHOP_WORDS)
        name = f"{word} {rng.choice(tails)}"
        platform, url = rng.choice(PLATFORMS)
        slug = self._unique(lambda: fold(name).replace(" ", "") + str(rng.randrange(10, 1000)))
        return platform, name, url.format(slug=slug)
