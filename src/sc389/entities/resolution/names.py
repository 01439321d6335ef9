"""Vietnamese personal names: the closed set of family names and the frequencies the synthetic population uses.

Family names are few and very unequal (about 38 % Nguyễn, then Trần, Lê, Phạm ...; shares from the 2005 survey
quoted on Wikipedia's "Vietnamese name" page, unverified here), which is why a family name alone is never a
blocking key and why a name written given-name-first can be recognised: its family name is not where it should be.
"""

# (name, share in %): the shares of the 14 most common names follow the published survey; the tail is spread so
# that the total is 100.
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.4),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 3.1),
    ("Huỳnh", 2.0),
    ("Phan", 4.5),
    ("Vũ", 2.0),
    ("Võ", 1.9),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 1.0),
    ("Trịnh", 0.9),
    ("Lâm", 0.8),
    ("Mai", 0.8),
    ("Trương", 0.8),
    ("Đào", 0.7),
    ("Đoàn", 0.7),
    ("Cao", 0.6),
    ("Lương", 0.6),
    ("Hà", 0.6),
    ("Tạ", 0.5),
    ("Chu", 0.4),
    ("Tô", 0.4),
    ("Vương", 0.4),
    ("Lưu", 0.4),
    ("Thái", 0.3),
    ("Quách", 0.3),
    ("Kiều", 0.3),
    ("Nông", 0.4),
]

# Folded family names, the set the resolver uses to put a name back in family-middle-given order. Names that are
# just as often given names ("Mai", "Hà", "Cao", "Lâm", "Thái") are left out: seeing them first proves nothing.
FAMILY_FOLDED: frozenset[str] = frozenset(
    {
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
        "duong", "ly", "dinh", "trinh", "truong", "dao", "doan", "luong", "ta", "chu", "to", "vuong", "luu",
        "quach", "kieu", "nong",
    }
)  # fmt: skip

MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thanh", "Đình", "Xuân", "Ngọc", "Quang", "Trọng"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Thùy", "Bích", "Mỹ"]

GIVEN_MALE = [
    "Hùng", "Hưng", "Dũng", "Tuấn", "Minh", "Mạnh", "Nam", "Long", "Hải", "Sơn", "Thắng", "Quân", "Cường",
    "Đức", "Huy", "Hoàng", "Phúc", "Tùng", "Trung", "Khánh", "Bình", "Thành", "Tài", "Lộc", "Vinh", "Toàn",
    "Hiếu", "Nghĩa", "Tâm", "Kiên", "Phong", "Quang", "Tiến", "Đạt", "Hậu", "Thịnh", "Khoa", "Bảo", "An",
    "Việt", "Hòa", "Thuận", "Lâm", "Tú", "Duy", "Trí", "Công", "Hiển", "Chiến", "Lực",
]  # fmt: skip
GIVEN_FEMALE = [
    "Hương", "Lan", "Hoa", "Hằng", "Linh", "Trang", "Thảo", "Hà", "Ngọc", "Mai", "Nhung", "Phương", "Thủy",
    "Hạnh", "Huyền", "Yến", "Vân", "Anh", "Nga", "Loan", "Hiền", "Dung", "Thu", "Tâm", "Chi", "Quỳnh", "Uyên",
    "Nhi", "Trâm", "Oanh", "Giang", "Liên", "Lý", "My", "Thanh", "Tuyết", "Xuân", "Diệp", "Ánh", "Hồng",
    "Hòa", "Vy", "Thư", "Ly", "Hạ", "Khuê", "Ngân", "Duyên", "Thoa", "Thúy",
]  # fmt: skip

# Given names that fold to the same letters (the resolver must not take one for the other) or differ by one
# letter: the twins of the population are drawn among these.
LOOKALIKE_GIVEN = [
    ("Hùng", "Hưng"),
    ("Minh", "Mạnh"),
    ("Tâm", "Tấm"),
    ("Hà", "Hạ"),
    ("Lan", "Lân"),
    ("Ly", "Lý"),
]

# Old and new tone placement (Decree 30/2020 does not settle it): the same name written both ways.
TONE_VARIANTS = {
    "Hòa": "Hoà",
    "Thủy": "Thuỷ",
    "Thúy": "Thuý",
    "Khoa": "Khoa",
    "Hoàng": "Hoàng",
    "Thùy": "Thuỳ",
}
