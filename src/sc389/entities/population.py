"""A labelled synthetic population of person records, for measuring entity resolution.

Each true person gets one to six records, as different cases and forces would write them: lost diacritics,
old/new tone placement, one-letter typos, the given name written first, the middle name dropped, missing date of
birth, CCCD or phone, day and month swapped, a new phone or address. Family names follow their real frequencies
(about 38 % Nguyễn), so namesakes are common; some persons have a twin (same family, middle name, date of birth,
address and often phone, a look-alike given name such as Hùng/Hưng, a different CCCD): near duplicates that are
not the same person. The `person_id` column is the truth; the resolver ignores it.

The noise model is our own (no public labelled Vietnamese data exists), so figures measured on it are
optimistic for real records: say so wherever they are quoted.
"""

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sc389.core.text import fold

from .resolution.names import (
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    LOOKALIKE_GIVEN,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    TONE_VARIANTS,
)

COLUMNS = ["id", "full_name", "dob", "sex", "cccd", "phone", "address", "tax_code", "plate", "person_id"]

# Provinces' codes in CCCD numbers (the 63 provinces before 2025; Circular 59/2021/TT-BCA).
CCCD_PROVINCES = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44,
    45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87,
    89, 91, 92, 93, 94, 95, 96,
]  # fmt: skip
PHONE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081",
                  "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097", "098"]  # fmt: skip
PROVINCES = [
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ", "Lạng Sơn", "Cao Bằng", "Lào Cai",
    "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi",
    "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "An Giang", "Đồng Tháp", "Vĩnh Long",
    "Cà Mau", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Điện Biên", "Lai Châu", "Sơn La",
]  # fmt: skip
COMMUNE_WORDS = ["An", "Bình", "Hòa", "Phú", "Tân", "Đông", "Tây", "Nam", "Bắc", "Trung", "Hưng", "Thịnh", "Lộc",
                 "Phước", "Thạnh", "Long", "Mỹ", "Vĩnh", "Xuân", "Quang"]  # fmt: skip
PLATE_LETTERS = "ABCDEFGHKLMNPSTUVXYZ"


@dataclass
class Person:
    pid: int
    family: str
    middle: str
    given: str
    dob: dt.date
    sex: str
    cccd: str
    phone: str
    address: str
    tax_code: str
    plate: str


def _weighted(rng: random.Random, items: list, weights: list[float]):
    return rng.choices(items, weights=weights, k=1)[0]


class Population:
    """Draws persons and their records from one seed: the same seed gives the same records."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.families = [n for n, _ in FAMILY_NAMES]
        self.family_weights = [w for _, w in FAMILY_NAMES]
        # Zipf-like popularity of given names: a few are very common, as in real registers.
        self.male_weights = [1 / (i + 1) ** 0.8 for i in range(len(GIVEN_MALE))]
        self.female_weights = [1 / (i + 1) ** 0.8 for i in range(len(GIVEN_FEMALE))]
        self.used_cccd: set[str] = set()

    def _cccd(self, dob: dt.date, sex: str) -> str:
        rng = self.rng
        while True:
            century = (dob.year - 1900) // 100
            digit = 2 * century + (0 if sex == "male" else 1)
            value = (
                f"{rng.choice(CCCD_PROVINCES):03d}{digit}{dob.year % 100:02d}{rng.randrange(1_000_000):06d}"
            )
            if value not in self.used_cccd:
                self.used_cccd.add(value)
                return value

    def _phone(self) -> str:
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"

    def _address(self) -> str:
        rng = self.rng
        kind = rng.choice(["Xã", "Phường"])
        return f"{kind} {rng.choice(COMMUNE_WORDS)} {rng.choice(COMMUNE_WORDS)}, {rng.choice(PROVINCES)}"

    def _plate(self) -> str:
        rng = self.rng
        return f"{rng.randrange(11, 99)}{rng.choice(PLATE_LETTERS)}-{rng.randrange(100, 999)}.{rng.randrange(10, 99)}"

    def person(self, pid: int) -> Person:
        rng = self.rng
        sex = rng.choice(["male", "female"])
        middle = rng.choice(MIDDLE_MALE if sex == "male" else MIDDLE_FEMALE)
        if sex == "male":
            given = _weighted(rng, GIVEN_MALE, self.male_weights)
        else:
            given = _weighted(rng, GIVEN_FEMALE, self.female_weights)
        dob = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 56))
        cccd = self._cccd(dob, sex)
        return Person(
            pid=pid,
            family=_weighted(rng, self.families, self.family_weights),
            middle=middle,
            given=given,
            dob=dob,
            sex=sex,
            cccd=cccd,
            phone=self._phone() if rng.random() < 0.8 else "",
            address=self._address(),
            # household businesses: since 1 July 2025 the personal ID is the tax code (Circular 86/2024/TT-BTC)
            tax_code=cccd if rng.random() < 0.1 else "",
            plate=self._plate() if rng.random() < 0.25 else "",
        )

    def twin(self, of: Person, pid: int) -> Person:
        """Same family, middle name, birth date, address (and often phone); a look-alike given name."""
        rng = self.rng
        given = of.given
        for a, b in LOOKALIKE_GIVEN:
            if of.given in (a, b):
                given = b if of.given == a else a
        if given == of.given:
            pool = GIVEN_MALE if of.sex == "male" else GIVEN_FEMALE
            given = rng.choice([g for g in pool if g != of.given])
        return Person(
            pid=pid,
            family=of.family,
            middle=of.middle,
            given=given,
            dob=of.dob,
            sex=of.sex,
            cccd=self._cccd(of.dob, of.sex),
            phone=of.phone if rng.random() < 0.5 else self._phone(),
            address=of.address,
            tax_code="",
            plate="",
        )

    # ---- one record of a person, with the noise of real entry -------------------------------------------------

    def _typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 3:
            return word
        i = rng.randrange(1, len(word))
        op = rng.random()
        if op < 0.4:
            return word[:i] + word[i + 1 :]
        if op < 0.7:
            return word[:i] + rng.choice("aeiouynhmtg") + word[i + 1 :]
        return word[:i] + word[i] + word[i:]

    def record(self, p: Person, *, first: bool) -> dict[str, str]:
        rng = self.rng
        family, middle, given = p.family, p.middle, p.given
        noisy = not first
        if noisy and rng.random() < 0.2:
            given = TONE_VARIANTS.get(given, given)
        if noisy and rng.random() < 0.08:
            given = self._typo(given)
        elif noisy and rng.random() < 0.04:
            family = self._typo(family)
        words = [family, middle, given]
        if noisy and rng.random() < 0.1:
            words = [family, given]  # middle name left out
        order = rng.random() if noisy else 1.0
        if order < 0.05:
            words = [words[-1], *words[:-1]]  # "Hùng Nguyễn Văn": the given name first
        elif order < 0.08:
            words = list(reversed(words))  # "Hùng Văn Nguyễn": Western order
        name = " ".join(words)
        if noisy and rng.random() < 0.3:
            name = fold(name).title()  # typed without diacritics
        if noisy and rng.random() < 0.05:
            name = name.upper()
        dob = p.dob.isoformat()
        if noisy:
            r = rng.random()
            if r < 0.2:
                dob = ""
            elif r < 0.23 and p.dob.day <= 12:
                dob = dt.date(p.dob.year, p.dob.day, p.dob.month).isoformat()  # day and month swapped
            elif r < 0.25:
                dob = (p.dob + dt.timedelta(days=rng.choice([-10, -1, 1, 10]))).isoformat()
            elif r < 0.3:
                dob = f"{p.dob.day:02d}/{p.dob.month:02d}/{p.dob.year}"  # the Vietnamese way
        cccd = p.cccd
        if noisy:
            r = rng.random()
            if r < 0.45:
                cccd = ""
            elif r < 0.48:
                i = rng.randrange(6, 12)
                cccd = cccd[:i] + str((int(cccd[i]) + 1) % 10) + cccd[i + 1 :]
        phone = p.phone
        if noisy:
            r = rng.random()
            if r < 0.4:
                phone = ""
            elif r < 0.5:
                phone = self._phone()  # a new number
            elif r < 0.6 and phone:
                phone = "+84 " + phone[1:4] + " " + phone[4:7] + " " + phone[7:]
        address = p.address
        if noisy and rng.random() < 0.3:
            address = self._address() if rng.random() < 0.5 else ""
        sex = p.sex if not (noisy and rng.random() < 0.15) else ""
        plate = p.plate if p.plate and not (noisy and rng.random() < 0.6) else ""
        if plate and rng.random() < 0.5:
            plate = plate.replace("-", "").replace(".", "")
        return {
            "full_name": name,
            "dob": dob,
            "sex": sex,
            "cccd": cccd,
            "phone": phone,
            "address": address,
            "tax_code": p.tax_code if rng.random() < 0.5 else "",
            "plate": plate,
            "person_id": str(p.pid),
        }

    def records(self, n: int) -> Iterator[dict[str, str]]:
        """About `n` records (exactly n): 1 to 6 per person, 3 % of persons with a twin."""
        rng = self.rng
        emitted = 0
        pid = 0
        sizes = [1, 2, 3, 4, 5, 6]
        size_weights = [55, 25, 11, 5, 2.5, 1.5]
        while emitted < n:
            pid += 1
            person = self.person(pid)
            group = [person]
            if rng.random() < 0.03:
                pid += 1
                group.append(self.twin(person, pid))
            for p in group:
                for k in range(rng.choices(sizes, weights=size_weights, k=1)[0]):
                    if emitted >= n:
                        return
                    emitted += 1
                    row = self.record(p, first=k == 0)
                    row["id"] = f"r{emitted}"
                    yield row


def write_csv(path: Path, *, n: int, seed: int) -> int:
    """Write `n` labelled records to `path`; returns the number written."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for row in Population(seed).records(n):
            writer.writerow(row)
            count += 1
    return count
