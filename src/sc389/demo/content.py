"""What one planned case is made of (place, goods, parties, narrative, outcomes), drawn for a scenario.

The planned rows are plain dataclasses; the writer turns them into model rows. `Rows` lets the services' own
rule (`derive_outcome_state`) run on a planned case, so the demo's status and handled date are the product's.
"""

import csv
import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from sc389.cases.choices import Category, PartyKind, PartyRole
from sc389.core.formats import format_number
from sc389.org.services import HISTORIC_2025_CSV, REFORM_DAY

from .catalog import GOODS
from .org import UNITS
from .people import Registry
from .profiles import Profile, Scenario

UNIT_NAMES = {u.code: u.name for u in UNITS}
UNIT_FORCES = {u.code: u.force for u in UNITS}
# fmt: off
PROVINCE_TITLES = {
    "langson": "tỉnh Lạng Sơn", "hungyen": "tỉnh Hưng Yên", "thaibinh": "tỉnh Thái Bình", "caobang": "tỉnh Cao Bằng",
    "quangninh": "tỉnh Quảng Ninh", "hanoi": "thành phố Hà Nội", "angiang": "tỉnh An Giang",
    "kiengiang": "tỉnh Kiên Giang", "bacgiang": "tỉnh Bắc Giang", "haiduong": "tỉnh Hải Dương",
    "haiphong": "thành phố Hải Phòng", "namdinh": "tỉnh Nam Định", "thanhhoa": "tỉnh Thanh Hóa",
    "nghean": "tỉnh Nghệ An", "hcm": "Thành phố Hồ Chí Minh",
}
VILLAGES = ("Thôn Bản Chu", "Thôn Nà Lầu", "Khu Ga", "Thôn Pò Nhùng", "Khối 3", "Thôn Đông", "Tổ dân phố 5",
            "Thôn Trung", "Xóm Mới", "Thôn Hạ", "Thôn Nà Pàn", "Khu 2", "Thôn Bắc", "Tổ dân phố 12", "Thôn Tân Lập")
# fmt: on
THAI_BINH_DISTRICTS = frozenset({"336", "338", "339", "340", "341", "342", "343", "344"})
KIEN_GIANG_DISTRICTS = frozenset(str(c) for c in range(899, 915))


def _district_names() -> dict[str, str]:
    with open(HISTORIC_2025_CSV, encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: row["name"] for row in csv.DictReader(fh) if row["level"] == "district"}


DISTRICT_NAMES = _district_names()


class Rows(list):
    """A list answering the queryset calls the services' rules make on a case's outcomes."""

    def all(self) -> "Rows":
        return self

    def values_list(self, name: str, flat: bool = False) -> list:
        return [getattr(row, name) for row in self]


@dataclass
class Goods:
    description: str
    group: str
    hs_code: str
    quantity: Decimal
    unit: str
    value_vnd: int


@dataclass
class PartyRow:
    kind: str
    role: str
    name: str = ""
    date_of_birth: dt.date | None = None
    sex: str = ""
    id_number: str = ""
    tax_code: str = ""
    plate: str = ""
    platform: str = ""
    account: str = ""
    url: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class Penalty:
    decided_on: dt.date
    issuer_unit: str
    fine_vnd: int
    confiscated_value_vnd: int = 0
    destroyed: bool = False
    destroyed_value_vnd: int = 0
    other_measures: str = ""
    issuer: str = ""
    number: str = ""


@dataclass
class Remittance:
    remitted_on: dt.date
    kind: str
    amount_vnd: int
    document_number: str = ""


@dataclass
class Prosecution:
    decided_on: dt.date
    defendants: int
    investigating_agency: str
    transferred_on: dt.date | None
    decision_number: str = ""


@dataclass
class Transfer:
    transferred_on: dt.date
    to_unit: str | None
    to_agency: str
    reason: str
    document_number: str = ""


@dataclass(eq=False)
class PlannedCase:
    """One demo case; `status` and `handled_on` are set by cases.services.common.derive_outcome_state."""

    province: str  # profile key
    scenario: str
    category: str
    violation: str
    channel: str
    detected_on: dt.date
    place: tuple[str, str]  # ("district", code) before the reform, ("commune", name) after
    place_text: str
    lead_unit: str
    participants: list[str] = field(default_factory=list)
    channel_url: str = ""
    channel_shop: str = ""
    narrative: str = ""
    closed_reason: str = ""
    goods: list[Goods] = field(default_factory=list)
    parties: list[PartyRow] = field(default_factory=list)
    penalties: Rows = field(default_factory=Rows)
    remittances: list[Remittance] = field(default_factory=list)
    prosecutions: Rows = field(default_factory=Rows)
    transfers: Rows = field(default_factory=Rows)
    merged_into: "PlannedCase | None" = None
    kind: str = (
        ""  # how the plan made it: penalty, prosecution, both, transfer, carry_over, closed, open, duplicate
    )
    window: str = ""  # key of the window it was made for, if any
    status: str = ""
    handled_on: dt.date | None = None
    sequence: int = 0  # per province and year of detection
    external_ref: str = ""

    @property
    def merged_into_id(self) -> int | None:
        return 1 if self.merged_into is not None else None


def loguniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def round_to(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)


class Builder:
    """Draws the contents of a case of one scenario in one province."""

    def __init__(self, profile: Profile, rng: random.Random, registry: Registry):
        self.profile, self.rng, self.registry = profile, rng, registry
        self.homes = [h for h, _ in profile.homes]
        self.home_cum = list(accumulate(w for _, w in profile.homes))

    def place(self, scenario: Scenario, day: dt.date) -> tuple[tuple[str, str], str]:
        """(place key, place name): a historic district before 1 July 2025, a commune of today from then."""
        if day < REFORM_DAY:
            code = self.rng.choice(scenario.before)
            return ("district", code), DISTRICT_NAMES[code]
        name = self.rng.choice(scenario.after)
        return ("commune", name), name

    def province_title(self, place: tuple[str, str], day: dt.date) -> str:
        if day < REFORM_DAY and place[1] in THAI_BINH_DISTRICTS:
            return PROVINCE_TITLES["thaibinh"]
        if day < REFORM_DAY and place[1] in KIEN_GIANG_DISTRICTS:
            return PROVINCE_TITLES["kiengiang"]
        return PROVINCE_TITLES[self.profile.key]

    def case(self, scenario: Scenario, detected_on: dt.date, *, large: bool = False) -> PlannedCase:
        rng = self.rng
        place, place_name = self.place(scenario, detected_on)
        text = rng.choice(scenario.texts) if scenario.texts else ""
        if "{marker}" in text:
            text = text.format(marker=rng.randint(*self.profile.markers))
        case = PlannedCase(
            province=self.profile.key,
            scenario=scenario.key,
            category=scenario.category,
            violation=rng.choice(scenario.violations),
            channel=scenario.channel,
            detected_on=detected_on,
            place=place,
            place_text=text,
            lead_unit=rng.choice(scenario.units),
        )
        case.goods = self.goods(scenario, large=large)
        address = f"{rng.choice(VILLAGES)}, {place_name}, {self.province_title(place, detected_on)}"
        case.parties = self.parties(scenario, case, address)
        if rng.random() < 0.05 and scenario.partners:
            partner = rng.choice(scenario.partners)
            if partner != case.lead_unit:
                case.participants.append(partner)
        case.narrative = self.narrative(scenario, case)
        return case

    def goods(self, scenario: Scenario, *, large: bool) -> list[Goods]:
        rng = self.rng
        if not scenario.goods:
            return []
        keys = rng.sample(
            scenario.goods, k=min(len(scenario.goods), rng.choices((1, 2, 3), cum_weights=(60, 90, 100))[0])
        )
        lines = []
        for i, key in enumerate(keys):
            item = GOODS[key]
            low, high = item.quantity
            quantity = (
                rng.randint(item.large, item.large * 3)
                if large and i == 0
                else int(loguniform(rng, low, high))
            )
            price = rng.randint(*item.price)
            lines.append(
                Goods(
                    item.description,
                    item.group,
                    item.hs_code,
                    Decimal(quantity),
                    item.unit,
                    round_to(quantity * price, 1000),
                )
            )
        return lines

    def person(self, day: dt.date, role: str, address: str, sex: str | None = None) -> PartyRow:
        home = self.rng.choices(self.homes, cum_weights=self.home_cum)[0]
        p = self.registry.person(home=home, on=day, sex=sex)
        if home != self.profile.key:
            address = f"{self.rng.choice(VILLAGES)}, {PROVINCE_TITLES[home]}"
        return PartyRow(
            PartyKind.PERSON,
            role,
            p.name,
            p.date_of_birth,
            p.sex,
            p.id_number,
            phone=p.phone,
            address=address,
        )

    def parties(self, scenario: Scenario, case: PlannedCase, address: str) -> list[PartyRow]:
        rng, day, reg = self.rng, case.detected_on, self.registry
        kind = scenario.parties
        if kind == "person":
            rows = [self.person(day, PartyRole.SUSPECT, address)]
            if rng.random() < 0.2:
                rows.append(self.person(day, PartyRole.RELATED, address))
            return rows
        if kind == "driver":
            driver = self.person(day, PartyRole.DRIVER, address, sex="male")
            rows = [
                driver,
                PartyRow(PartyKind.VEHICLE, PartyRole.RELATED, plate=reg.plate(home=self.profile.key)),
            ]
            if rng.random() < 0.4:
                rows.append(self.person(day, PartyRole.OWNER, address))
            return rows
        if kind == "household":
            owner = self.person(day, PartyRole.OWNER, address)
            # Since 1 July 2025 a household business uses its owner's personal ID as tax code (Circular 86/2024).
            tax = owner.id_number if day >= REFORM_DAY else reg.tax_code(home=self.profile.key)
            shop = PartyRow(
                PartyKind.HOUSEHOLD,
                PartyRole.SUSPECT,
                f"Hộ kinh doanh {owner.name}",
                tax_code=tax,
                address=address,
            )
            return [shop, owner]
        if kind == "company":
            company = reg.company(home=self.profile.key)
            return [
                PartyRow(
                    PartyKind.COMPANY,
                    PartyRole.SUSPECT,
                    company.name,
                    tax_code=company.tax_code,
                    address=address,
                ),
                self.person(day, PartyRole.RELATED, address),
            ]
        if kind == "online":
            platform, shop, url = reg.shop()
            case.channel_shop, case.channel_url = shop, url
            owner = self.person(day, PartyRole.OWNER, address)
            return [
                PartyRow(
                    PartyKind.ONLINE_ACCOUNT,
                    PartyRole.SUSPECT,
                    shop,
                    platform=platform,
                    account=shop,
                    url=url,
                ),
                owner,
                PartyRow(PartyKind.PHONE, PartyRole.RELATED, phone=owner.phone),
            ]
        sender = self.person(day, PartyRole.SUSPECT, address)  # courier
        return [sender, PartyRow(PartyKind.PHONE, PartyRole.RELATED, phone=reg.phone())]

    def narrative(self, scenario: Scenario, case: PlannedCase) -> str:
        unit = UNIT_NAMES[case.lead_unit]
        goods = ", ".join(
            f"{format_number(g.quantity)} {g.unit} {g.description[0].lower()}{g.description[1:]}"
            for g in case.goods
        )
        where = case.place_text or "địa bàn"
        first = case.parties[0]
        if scenario.parties == "person":
            return (
                f"Tổ công tác {unit} phát hiện {first.name} vận chuyển {goods} qua {where.lower()}, "
                "không có giấy tờ chứng minh nguồn gốc xuất xứ."
            )
        if scenario.parties == "driver":
            plate = case.parties[1].plate
            return (
                f"Kiểm tra xe BKS {plate} do {first.name} điều khiển tại {where}, phát hiện {goods} "
                "không có hóa đơn, chứng từ hợp pháp."
            )
        if scenario.parties == "household":
            tail = {
                Category.COUNTERFEIT_IP: "có dấu hiệu giả mạo nhãn hiệu",
                Category.OTHER: "không bảo đảm an toàn thực phẩm",
            }.get(case.category, "không có hóa đơn, chứng từ chứng minh nguồn gốc")
            tail = "" if tail.split()[-1] in goods else " " + tail  # the goods may say it already
            return f"Kiểm tra {first.name} tại {where}, phát hiện đang kinh doanh {goods}{tail}."
        if scenario.parties == "company" and not case.goods:
            invoices = self.rng.randint(3, 60)
            return (
                f"{first.name} (MST {first.tax_code}) mua bán, sử dụng {invoices} hóa đơn giá trị gia tăng "
                "không hợp pháp để hợp thức hóa hàng hóa không rõ nguồn gốc."
            )
        if scenario.parties == "company":
            return f"{first.name} khai sai mã số, trị giá hàng hóa nhập khẩu ({goods}) tại {where}."
        if scenario.parties == "online":
            return (
                f'Qua giám sát trên không gian mạng, phát hiện gian hàng "{case.channel_shop}" trên {first.platform} '
                f"kinh doanh {goods} không rõ nguồn gốc, giả mạo nhãn hiệu."
            )
        return f"Kiểm tra kiện hàng gửi qua {where} của {first.name}, phát hiện {goods} không có hóa đơn, chứng từ."
