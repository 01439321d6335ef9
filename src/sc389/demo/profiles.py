"""What the demo's provinces look like: volumes over time, the kinds of cases, and the published figures.

A scenario is one recurring kind of case in a province (poultry carried over border trails, counterfeit clothes
in a market, invoices sold to legalise smuggled goods ...): who detects it, where, which goods, who is involved,
how it is usually punished. A window is a period whose published figures the demo must reproduce exactly
(../shared/reference/seed-figures.json).
"""

import datetime as dt
from dataclasses import dataclass

from sc389.cases.choices import Category, Channel

START = dt.date(2018, 11, 1)  # first day a case may be handled (cases detected a little earlier)
END = dt.date(2025, 12, 31)  # the demo's last day

# Month factors of an ordinary year: the run-up to Tết is busiest, the Tết month quietest.
SEASON = (1.25, 0.7, 0.9, 0.95, 1.0, 0.95, 0.95, 1.0, 1.0, 1.05, 1.1, 1.25)


@dataclass(frozen=True)
class Scenario:
    key: str
    weight: float
    category: str
    violations: tuple[str, ...]
    channel: str
    goods: tuple[str, ...]  # keys of catalog.GOODS; empty for invoice cases
    units: tuple[str, ...]  # lead units
    partners: tuple[str, ...]  # units of other forces that join or record the same event
    before: tuple[str, ...]  # historic district codes (places before 1 July 2025)
    after: tuple[str, ...]  # commune names (places from 1 July 2025)
    parties: str  # person | driver | company | household | online | courier
    fine: tuple[int, int]  # usual fine, million VND
    confiscate: float = 0.9  # share of cases whose goods are confiscated
    destroy: bool = False  # confiscated goods destroyed (animal products, counterfeits)
    prosecute: float = 0.0  # weight among the prosecuted cases
    texts: tuple[str, ...] = ()  # place descriptions; {marker} is a border marker number


@dataclass(frozen=True)
class Window:
    """A published period and its figures; the composition says how the handled cases are made up."""

    key: str
    province: str  # profile key
    start: dt.date
    end: dt.date
    penalty_cases: int
    prosecuted_cases: int
    defendants: int
    both: int  # cases with a penalty and a prosecution in the window
    carry_over: int  # cases transferred before the window and penalised in it (handled earlier)
    second_prosecutions: int  # prosecuted cases with a second decision in the window
    handled: int | None = None  # cases_handled, when published
    transfer_only: int = 0  # when cases_handled is not published
    detected: int | None = None
    fines_vnd: int | None = None
    confiscated_vnd: int | None = None
    remitted_vnd: int | None = None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def composition(self) -> dict[str, int]:
        """Handled cases of the window by kind: penalty only, prosecution only, both, transfer only."""
        penalty_only = self.penalty_cases - self.both - self.carry_over
        prosecution_only = self.prosecuted_cases - self.both
        transfer = (
            self.handled - penalty_only - prosecution_only - self.both
            if self.handled is not None
            else self.transfer_only
        )
        return {
            "penalty": penalty_only,
            "prosecution": prosecution_only,
            "both": self.both,
            "transfer": transfer,
        }


# fmt: off
WINDOWS = [
    # Lạng Sơn, 10 months of 2019: the same period the 2020 report compares with (81.27%, 84.70%, 96.98%).
    Window("lang-son-2019-10m", "langson", dt.date(2019, 1, 1), dt.date(2019, 10, 31), handled=5371,
           penalty_cases=4242, prosecuted_cases=341, defendants=497, both=18, carry_over=10, second_prosecutions=3),
    # Lạng Sơn, 10 months of 2020: fines nearly 66.4 billion, confiscated goods more than 27 billion.
    Window("lang-son-2020-10m", "langson", dt.date(2020, 1, 1), dt.date(2020, 10, 31), handled=4365,
           penalty_cases=3593, prosecuted_cases=328, defendants=482, both=20, carry_over=12, second_prosecutions=4,
           fines_vnd=66_387_450_000, confiscated_vnd=27_046_830_000),
    # Hưng Yên (with Thái Bình after 1 July 2025), campaign 17/5–15/10/2025: remitted nearly 25 billion.
    Window("hung-yen-2025-campaign", "hungyen", dt.date(2025, 5, 17), dt.date(2025, 10, 15), detected=898,
           penalty_cases=842, prosecuted_cases=56, defendants=76, both=6, carry_over=5, second_prosecutions=1,
           transfer_only=28, remitted_vnd=24_937_615_000),
]
# fmt: on


@dataclass(frozen=True)
class Profile:
    key: str  # also the key of people.CCCD_PROVINCES for most residents
    code: str  # today's province code
    volume: dict[int, int]  # handled cases in an ordinary month, by year
    months: dict[int, tuple[float, ...]]  # month factors for unusual years (default SEASON)
    homes: tuple[tuple[str, float], ...]  # where the people involved come from
    scenarios: tuple[Scenario, ...]
    markers: tuple[int, int] = (0, 0)  # border marker numbers
    dips: tuple[tuple[dt.date, dt.date, tuple[str, ...], float], ...] = ()  # (from, to, channels, factor)
    growth: tuple[tuple[dt.date, tuple[str, ...], float], ...] = ()  # (from, channels, yearly growth)

    def month_factor(self, day: dt.date) -> float:
        return self.months.get(day.year, SEASON)[day.month - 1]

    def scenario_weight(self, scenario: Scenario, day: dt.date) -> float:
        weight = scenario.weight
        for start, end, channels, factor in self.dips:
            if start <= day <= end and scenario.channel in channels:
                weight *= factor
        for start, channels, rate in self.growth:
            if day >= start and scenario.channel in channels:
                weight *= 1 + rate * ((day - start).days / 365)
        return weight


# fmt: off
LS_BORDER_BEFORE = ("182", "183", "188", "180", "189")  # Văn Lãng, Cao Lộc, Lộc Bình, Tràng Định, Đình Lập
LS_BORDER_AFTER = ("Xã Đồng Đăng", "Xã Na Sầm", "Xã Hoàng Văn Thụ", "Xã Thụy Hùng", "Xã Văn Lãng", "Xã Hội Hoan",
                   "Xã Lộc Bình", "Xã Mẫu Sơn", "Xã Xuân Dương", "Xã Công Sơn", "Xã Ba Sơn", "Xã Cao Lộc",
                   "Xã Tràng Định", "Xã Quốc Khánh", "Xã Đình Lập")
LS_TOWN_BEFORE = ("178", "183", "187", "186")  # Thành phố Lạng Sơn, Cao Lộc, Chi Lăng, Hữu Lũng
LS_TOWN_AFTER = ("Phường Đông Kinh", "Phường Kỳ Lừa", "Phường Lương Văn Tri", "Phường Tam Thanh", "Xã Chi Lăng",
                 "Xã Hữu Lũng", "Xã Đồng Đăng")
LS_TRAIL = ("Đường mòn khu vực mốc {marker}", "Lối mở khu vực mốc {marker}", "Đường mòn Nà Lừa, gần mốc {marker}",
            "Khu vực biên giới gần mốc {marker}")
LS_GATE = ("Cửa khẩu quốc tế Hữu Nghị", "Cửa khẩu Chi Ma", "Lối thông quan Tân Thanh",
           "Ga đường sắt liên vận quốc tế Đồng Đăng", "Cửa khẩu Cốc Nam")
LS_MARKET = ("Chợ Đông Kinh", "Chợ Kỳ Lừa", "Chợ Giếng Vuông", "Chợ biên giới Tân Thanh", "Chợ Đồng Đăng")
LS_ROAD = ("Quốc lộ 1A, km 18", "Quốc lộ 4B", "Quốc lộ 31", "Quốc lộ 1A, trạm thu phí Hữu Nghị", "Quốc lộ 279")
COURIER = ("Bưu cục Viettel Post", "Kho J&T Express", "Điểm giao nhận Giao Hàng Tiết Kiệm", "Bưu cục VNPost",
           "Kho Best Express")
ONLINE = ("Gian hàng trực tuyến", "Trang mạng xã hội")

S, TF, CF, OT = Category.SMUGGLING, Category.TRADE_FRAUD, Category.COUNTERFEIT_IP, Category.OTHER
LS_BP = ("BP-LS-CHIMA", "BP-LS-HUUNGHI", "BP-LS-TANTHANH", "BP-LS-BAOLAM", "BP-LS-COCNAM")
LS_QLTT = ("QLTT-LS-1", "QLTT-LS-3", "QLTT-LS-5", "QLTT-LS-CD")
LS_CUSTOMS = ("HQ-HUUNGHI", "HQ-DONGDANG", "HQ-CHIMA", "HQ-TANTHANH")

LANGSON = Profile(
    key="langson",
    code="20",
    volume={2018: 560, 2019: 545, 2020: 535, 2021: 300, 2022: 270, 2023: 250, 2024: 240, 2025: 230},
    # 2020: Covid-19 closed the border from February to mid-June; 2021: closures again in winter and summer.
    months={
        2020: (1.3, 0.45, 0.5, 0.4, 0.5, 0.75, 1.0, 1.05, 1.1, 1.1, 1.15, 1.2),
        2021: (1.1, 0.6, 0.85, 0.95, 0.9, 0.8, 0.75, 0.7, 0.8, 1.0, 1.1, 1.2),
    },
    homes=(("langson", 0.78), ("bacgiang", 0.06), ("hanoi", 0.05), ("caobang", 0.04), ("thanhhoa", 0.03),
           ("nghean", 0.02), ("haiphong", 0.02)),
    markers=(1000, 1250),
    # Trails almost empty from February to mid-June 2020; trade fraud by invoices and couriers from June 2020.
    dips=((dt.date(2020, 2, 1), dt.date(2020, 6, 15), (Channel.TRAIL, Channel.BORDER_GATE), 0.06),),
    growth=(
        (dt.date(2020, 6, 1), (Channel.COURIER, Channel.WAREHOUSE), 0.6),
        (dt.date(2019, 1, 1), (Channel.ECOMMERCE, Channel.SOCIAL_NETWORK), 0.35),
    ),
    scenarios=(
        Scenario("ls_trail_poultry", 24, S, ("cross_border", "smuggling"), Channel.TRAIL,
                 ("hens", "chicks", "chicken_feet", "offal"), LS_BP + ("QLTT-LS-CD", "CA-LS-KT"), ("QLTT-LS-5",),
                 LS_BORDER_BEFORE, LS_BORDER_AFTER, "person", (2, 13), 0.85, destroy=True, texts=LS_TRAIL),
        Scenario("ls_trail_goods", 12, S, ("cross_border", "smuggling", "prohibited_goods"), Channel.TRAIL,
                 ("sugar", "cigarettes", "fruit", "phones", "medicines", "firecrackers"), LS_BP, ("HQ-CHIMA",),
                 LS_BORDER_BEFORE, LS_BORDER_AFTER, "person", (3, 22), 0.8, prosecute=3.0, texts=LS_TRAIL),
        Scenario("ls_gate_smuggling", 7, S, ("smuggling", "cross_border"), Channel.BORDER_GATE,
                 ("phones", "earphones", "clothes", "fruit", "cosmetics_smuggled"), LS_CUSTOMS, ("BP-LS-HUUNGHI",),
                 ("183", "182", "188"), ("Xã Đồng Đăng", "Xã Na Sầm", "Xã Lộc Bình", "Xã Cao Lộc"), "driver",
                 (8, 80), 0.5, prosecute=1.0, texts=LS_GATE),
        Scenario("ls_gate_fraud", 5, TF, ("tax_fraud", "origin_fraud"), Channel.BORDER_GATE,
                 ("fruit", "household", "earphones", "clothes"), LS_CUSTOMS, (), ("183", "182", "188"),
                 ("Xã Đồng Đăng", "Xã Na Sầm", "Xã Lộc Bình"), "company", (20, 180), 0.2, texts=LS_GATE),
        Scenario("ls_market", 20, S, ("unknown_origin",), Channel.INLAND_MARKET,
                 ("cosmetics_smuggled", "toys", "clothes", "supplements", "milk", "earphones", "household"),
                 LS_QLTT, ("CA-LS-KT",), LS_TOWN_BEFORE, LS_TOWN_AFTER, "household", (3, 27), 0.6, texts=LS_MARKET),
        Scenario("ls_counterfeit", 8, CF, ("counterfeit", "trademark"), Channel.INLAND_MARKET,
                 ("clothes_fake", "shoes_fake", "bags_fake", "cosmetics_fake"), LS_QLTT, (), LS_TOWN_BEFORE,
                 LS_TOWN_AFTER, "household", (5, 40), 1.0, destroy=True, texts=LS_MARKET),
        Scenario("ls_road", 9, S, ("smuggling", "prohibited_goods", "unknown_origin"), Channel.ROAD,
                 ("cigarettes", "sugar", "firecrackers", "diesel", "spirits"), ("CA-LS-KT", "QLTT-LS-CD") + LS_QLTT,
                 ("BP-LS-BAOLAM",), ("187", "186", "183", "178"), ("Xã Chi Lăng", "Xã Hữu Lũng", "Xã Cao Lộc",
                 "Phường Tam Thanh"), "driver", (5, 55), 0.7, prosecute=4.0, texts=LS_ROAD),
        Scenario("ls_courier", 4, S, ("unknown_origin", "smuggling"), Channel.COURIER,
                 ("cosmetics_smuggled", "supplements", "earphones", "medicines"), LS_QLTT + ("CA-LS-KT",), (),
                 LS_TOWN_BEFORE, LS_TOWN_AFTER, "courier", (4, 30), 0.9, texts=COURIER),
        Scenario("ls_invoice", 4, TF, ("invoice_legalising", "invoice_trading"), Channel.WAREHOUSE, (),
                 ("CA-LS-KT", "THUE-KV7"), ("QLTT-LS-5",), ("178", "183"), ("Phường Đông Kinh", "Phường Kỳ Lừa"),
                 "company", (25, 200), 0.0, prosecute=3.0, texts=("Trụ sở doanh nghiệp", "Kho hàng của doanh nghiệp")),
        Scenario("ls_online", 3, TF, ("ecommerce", "unknown_origin"), Channel.ECOMMERCE,
                 ("cosmetics_smuggled", "clothes_fake", "supplements", "milk"), LS_QLTT, (), LS_TOWN_BEFORE,
                 LS_TOWN_AFTER, "online", (5, 35), 0.9, texts=ONLINE),
    ),
)

HY_BEFORE = ("323", "325", "326", "327", "328", "330", "332", "336", "338", "339", "340", "341", "342", "343", "344")
HY_AFTER = ("Phường Phố Hiến", "Phường Sơn Nam", "Phường Mỹ Hào", "Xã Như Quỳnh", "Xã Văn Giang", "Xã Yên Mỹ",
            "Xã Khoái Châu", "Phường Thái Bình", "Phường Trần Hưng Đạo", "Xã Thái Thụy", "Xã Tiền Hải", "Xã Quỳnh Phụ",
            "Xã Hưng Hà", "Xã Đông Hưng", "Xã Vũ Thư", "Xã Kiến Xương", "Xã Lạc Đạo")
HY_MARKET = ("Chợ Phố Hiến", "Chợ Như Quỳnh", "Chợ Bo (Thái Bình)", "Chợ Diêm Điền", "Chợ Văn Giang", "Chợ Yên Mỹ")
HY_ROAD = ("Quốc lộ 5, đoạn qua Như Quỳnh", "Quốc lộ 39", "Cao tốc Hà Nội – Hải Phòng", "Quốc lộ 10", "Đường 379")
HY_QLTT = ("QLTT-HY-1", "QLTT-HY-4", "QLTT-HY-7")

HUNGYEN = Profile(
    key="hungyen",
    code="33",
    volume={2018: 110, 2019: 115, 2020: 100, 2021: 95, 2022: 110, 2023: 115, 2024: 120, 2025: 150},
    months={2025: (1.25, 0.7, 0.9, 0.95, 1.15, 1.2, 1.15, 1.15, 1.2, 1.0, 0.8, 0.95)},
    homes=(("hungyen", 0.55), ("thaibinh", 0.3), ("hanoi", 0.06), ("haiduong", 0.05), ("namdinh", 0.04)),
    growth=((dt.date(2019, 1, 1), (Channel.ECOMMERCE, Channel.SOCIAL_NETWORK), 0.3),),
    scenarios=(
        Scenario("hy_market", 24, S, ("unknown_origin",), Channel.INLAND_MARKET,
                 ("cosmetics_smuggled", "milk", "supplements", "toys", "household", "spirits"), HY_QLTT, ("CA-HY-KT",),
                 HY_BEFORE, HY_AFTER, "household", (3, 30), 0.85, texts=HY_MARKET),
        Scenario("hy_counterfeit", 14, CF, ("counterfeit", "trademark", "substandard"), Channel.INLAND_MARKET,
                 ("clothes_fake", "shoes_fake", "bags_fake", "cosmetics_fake"), HY_QLTT, (), HY_BEFORE, HY_AFTER,
                 "household", (5, 45), 1.0, destroy=True, texts=HY_MARKET),
        Scenario("hy_online", 9, TF, ("ecommerce", "unknown_origin"), Channel.SOCIAL_NETWORK,
                 ("cosmetics_smuggled", "clothes_fake", "supplements", "milk", "earphones"), HY_QLTT + ("CA-HY-KT",),
                 (), HY_BEFORE, HY_AFTER, "online", (5, 40), 0.9, texts=ONLINE),
        Scenario("hy_fuel", 8, S, ("unknown_origin", "smuggling"), Channel.ROAD, ("diesel", "petrol"),
                 ("CA-HY-KT",) + HY_QLTT, (), HY_BEFORE, HY_AFTER, "driver", (10, 80), 0.9, prosecute=2.0,
                 texts=HY_ROAD),
        Scenario("hy_cigarettes", 10, S, ("prohibited_goods", "smuggling"), Channel.ROAD,
                 ("cigarettes", "firecrackers", "spirits"), ("CA-HY-KT",) + HY_QLTT, ("QLTT-HY-4",), HY_BEFORE,
                 HY_AFTER, "driver", (5, 50), 1.0, prosecute=4.0, texts=HY_ROAD),
        Scenario("hy_invoice", 6, TF, ("invoice_trading", "tax_fraud"), Channel.WAREHOUSE, (),
                 ("CA-HY-KT", "THUE-KV4"), ("QLTT-HY-1",), HY_BEFORE, HY_AFTER, "company", (30, 250), 0.0,
                 prosecute=3.0, texts=("Trụ sở doanh nghiệp", "Văn phòng giao dịch của doanh nghiệp")),
        Scenario("hy_food", 10, OT, ("food_safety",), Channel.WAREHOUSE, ("offal", "chicken_feet"), ("CA-HY-MT",),
                 ("QLTT-HY-7",), HY_BEFORE, HY_AFTER, "household", (5, 40), 1.0, destroy=True,
                 texts=("Cơ sở kinh doanh thực phẩm đông lạnh", "Kho lạnh trong khu dân cư")),
        Scenario("hy_courier", 5, S, ("unknown_origin",), Channel.COURIER, ("cosmetics_smuggled", "medicines"),
                 HY_QLTT, (), HY_BEFORE, HY_AFTER, "courier", (4, 25), 0.9, texts=COURIER),
        Scenario("hy_coast", 3, S, ("smuggling",), Channel.SEAPORT, ("diesel",), ("CSB-V1", "BP-HY"), ("CA-HY-KT",),
                 ("341", "342"), ("Xã Thái Thụy", "Xã Tiền Hải"), "driver", (20, 120), 1.0, prosecute=2.0,
                 texts=("Vùng biển cửa Diêm Điền", "Cửa Trà Lý", "Vùng biển Tiền Hải")),
    ),
)

CAOBANG = Profile(
    key="caobang",
    code="4",
    volume=dict.fromkeys(range(2018, 2026), 18),
    months={2020: LANGSON.months[2020]},
    homes=(("caobang", 0.85), ("langson", 0.1), ("hanoi", 0.05)),
    markers=(650, 900),
    dips=LANGSON.dips,
    scenarios=(
        Scenario("cb_trail", 10, S, ("cross_border", "smuggling"), Channel.TRAIL,
                 ("hens", "chicks", "sugar", "cigarettes", "firecrackers"), ("BP-CB-TRALINH", "BP-CB-TALUNG"),
                 ("HQ-TRALINH",), ("47", "48", "49", "53"), ("Xã Trà Lĩnh", "Xã Trùng Khánh", "Xã Hạ Lang",
                 "Xã Quang Long", "Xã Đàm Thuỷ", "Xã Thạch An", "Xã Lý Quốc"), "person", (2, 15), 1.0,
                 destroy=True, prosecute=2.0, texts=("Đường mòn khu vực mốc {marker}", "Lối mở gần mốc {marker}")),
        Scenario("cb_gate", 3, S, ("smuggling",), Channel.BORDER_GATE, ("fruit", "household", "clothes"),
                 ("HQ-TRALINH",), (), ("49", "53"), ("Xã Trà Lĩnh", "Xã Thạch An"), "driver", (10, 60), 0.7,
                 texts=("Cửa khẩu Trà Lĩnh", "Cửa khẩu quốc tế Tà Lùng")),
        Scenario("cb_market", 5, S, ("unknown_origin", "counterfeit"), Channel.INLAND_MARKET,
                 ("cosmetics_smuggled", "clothes_fake", "toys"), ("QLTT-CB", "CA-CB-KT"), (), ("40", "49"),
                 ("Phường Thục Phán", "Phường Tân Giang", "Xã Quảng Uyên"), "household", (3, 25), 0.9,
                 texts=("Chợ Xanh Cao Bằng", "Chợ Sông Bằng")),
    ),
)

QUANGNINH = Profile(
    key="quangninh",
    code="22",
    volume=dict.fromkeys(range(2018, 2026), 24),
    months={2020: LANGSON.months[2020]},
    homes=(("quangninh", 0.8), ("haiphong", 0.1), ("hanoi", 0.05), ("bacgiang", 0.05)),
    markers=(1300, 1380),
    dips=LANGSON.dips,
    scenarios=(
        Scenario("qn_gate", 8, S, ("smuggling", "cross_border"), Channel.BORDER_GATE,
                 ("phones", "clothes", "fruit", "cosmetics_smuggled", "offal"),
                 ("HQ-MONGCAI", "BP-QN-MONGCAI"), ("QLTT-QN",), ("194", "201"), ("Phường Móng Cái 1",
                 "Phường Móng Cái 2", "Xã Hải Sơn", "Xã Hải Ninh"), "driver", (10, 80), 0.9, prosecute=1.0,
                 texts=("Cửa khẩu quốc tế Móng Cái", "Cầu Bắc Luân II", "Cửa khẩu Bắc Phong Sinh")),
        Scenario("qn_trail", 6, S, ("cross_border",), Channel.TRAIL, ("hens", "chicken_feet", "cigarettes"),
                 ("BP-QN-MONGCAI", "BP-QN-BACPHONGSINH"), (), ("194", "198", "201"), ("Xã Bình Liêu",
                 "Xã Hoành Mô", "Xã Hải Sơn", "Phường Móng Cái 3"), "person", (2, 15), 1.0, destroy=True,
                 prosecute=2.0, texts=("Đường mòn khu vực mốc {marker}", "Bờ sông Ka Long")),
        Scenario("qn_sea", 4, S, ("smuggling",), Channel.SEAPORT, ("diesel", "sugar"), ("CSB-V1", "HQ-CAILAN"),
                 ("BP-QN",), ("193", "203", "195"), ("Phường Hồng Gai", "Phường Bãi Cháy", "Đặc khu Vân Đồn"),
                 "driver", (20, 150), 1.0, prosecute=2.0, texts=("Cảng Cái Lân", "Vùng biển Vân Đồn", "Vịnh Bái Tử Long")),
        Scenario("qn_market", 5, CF, ("counterfeit", "unknown_origin"), Channel.INLAND_MARKET,
                 ("clothes_fake", "cosmetics_fake", "toys"), ("QLTT-QN", "CA-QN-KT"), (), ("193", "194"),
                 ("Phường Hồng Gai", "Phường Móng Cái 1"), "household", (3, 30), 1.0, destroy=True,
                 texts=("Chợ Hạ Long 1", "Chợ Trung tâm Móng Cái")),
    ),
)

HANOI = Profile(
    key="hanoi",
    code="1",
    volume=dict.fromkeys(range(2018, 2026), 20),
    months={2021: LANGSON.months[2021]},
    homes=(("hanoi", 0.75), ("hungyen", 0.06), ("namdinh", 0.05), ("thanhhoa", 0.05), ("nghean", 0.05),
           ("hcm", 0.04)),
    growth=((dt.date(2019, 1, 1), (Channel.ECOMMERCE, Channel.SOCIAL_NETWORK), 0.4),),
    scenarios=(
        Scenario("hn_counterfeit", 10, CF, ("counterfeit", "trademark"), Channel.WAREHOUSE,
                 ("clothes_fake", "shoes_fake", "bags_fake", "cosmetics_fake"), ("QLTT-HN-13", "QLTT-HN"),
                 ("CA-HN-KT",), ("2", "6", "7", "8"), ("Phường Hoàn Kiếm", "Phường Cửa Nam", "Phường Đống Đa",
                 "Phường Hoàng Mai"), "household", (10, 70), 1.0, destroy=True,
                 texts=("Phố Hàng Bông", "Chợ Ninh Hiệp", "Kho hàng phố Hàng Đào", "Chợ Đồng Xuân")),
        Scenario("hn_online", 8, TF, ("ecommerce", "counterfeit"), Channel.ECOMMERCE,
                 ("cosmetics_fake", "supplements", "milk", "phones"), ("QLTT-HN-TMDT",), (), ("5", "9", "268"),
                 ("Phường Cầu Giấy", "Phường Thanh Xuân", "Phường Hà Đông"), "online", (5, 60), 0.9, texts=ONLINE),
        Scenario("hn_airport", 4, S, ("smuggling",), Channel.AIRPORT, ("phones", "spirits", "cosmetics_smuggled"),
                 ("HQ-NOIBAI",), (), ("16",), ("Phường Long Biên",), "person", (5, 60), 0.8,
                 texts=("Nhà ga T2, Cảng hàng không quốc tế Nội Bài",)),
        Scenario("hn_invoice", 3, TF, ("invoice_trading", "tax_fraud"), Channel.OTHER, (), ("CA-HN-KT", "THUE-KV1"),
                 (), ("6", "5", "268"), ("Phường Đống Đa", "Phường Cầu Giấy"), "company", (40, 300), 0.0,
                 prosecute=3.0, texts=("Trụ sở doanh nghiệp",)),
    ),
)

ANGIANG = Profile(
    key="angiang",
    code="91",
    volume=dict.fromkeys(range(2018, 2026), 20),
    months={2021: LANGSON.months[2021]},
    homes=(("angiang", 0.7), ("kiengiang", 0.25), ("hcm", 0.05)),
    markers=(200, 320),
    dips=LANGSON.dips,
    scenarios=(
        Scenario("ag_trail", 10, S, ("cross_border", "smuggling"), Channel.TRAIL, ("sugar", "cigarettes", "fruit"),
                 ("BP-AG-TINHBIEN", "BP-AG-VINHXUONG"), ("QLTT-AG",), ("886", "890", "887", "914", "900"),
                 ("Xã An Phú", "Xã Vĩnh Xương", "Phường Tịnh Biên", "Xã Giang Thành", "Phường Hà Tiên"), "person",
                 (3, 20), 1.0, prosecute=3.0, texts=("Đường mòn khu vực mốc {marker}", "Kênh Vĩnh Tế")),
        Scenario("ag_gate", 3, S, ("smuggling",), Channel.BORDER_GATE, ("cigarettes", "sugar", "household"),
                 ("HQ-TINHBIEN",), ("BP-AG-TINHBIEN",), ("890", "884"), ("Phường Tịnh Biên", "Phường Châu Đốc"),
                 "driver", (10, 60), 0.9, texts=("Cửa khẩu quốc tế Tịnh Biên", "Cửa khẩu quốc tế Vĩnh Xương")),
        Scenario("ag_market", 6, S, ("unknown_origin", "counterfeit"), Channel.INLAND_MARKET,
                 ("cosmetics_smuggled", "clothes_fake", "spirits", "milk"), ("QLTT-AG", "CA-AG-KT"), (),
                 ("883", "884", "899"), ("Phường Long Xuyên", "Phường Châu Đốc", "Phường Rạch Giá"), "household",
                 (3, 30), 0.9, texts=("Chợ Long Xuyên", "Chợ Châu Đốc", "Chợ Rạch Giá")),
    ),
)

PROFILES = (LANGSON, HUNGYEN, CAOBANG, QUANGNINH, HANOI, ANGIANG)
# fmt: on
