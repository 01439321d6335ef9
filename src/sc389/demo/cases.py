"""The plan of the demo cases: deterministic, and exact on the published figures.

Each province is planned day by day from the date its cases are handled (the first penalty, prosecution or
transfer). Days are split into segments at the edges of the published windows; a window's handled cases are
made to its exact composition (penalty only, prosecution only, both, transfer only), other segments follow the
province's volume and season. Around that: cases penalised in a window after a transfer before it (handled ≠
penalised), cases still open or closed without violation, the same event recorded by two forces and merged
(merged cases never count), joint cases (counted once). Money is then brought to the published sums, and the
plan checks itself against every published figure with `figures()` before anything is written.

Nothing here touches the database: the same plan comes out of every run, whatever the hash seed.
"""

import datetime as dt
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import accumulate

from sc389.cases.choices import Category
from sc389.cases.services.common import derive_outcome_state

from .content import (
    UNIT_FORCES,
    UNIT_NAMES,
    Builder,
    Penalty,
    PlannedCase,
    Prosecution,
    Transfer,
    loguniform,
    round_to,
)
from .figures import check_figures
from .money import money_to_targets, remittances_add, remitted_to_target
from .people import Registry
from .profiles import END, PROFILES, START, WINDOWS, Profile, Scenario, Window

SEED = "sc389-demo-2025"
WEEKDAY = (1.17, 1.17, 1.17, 1.17, 1.17, 0.7, 0.45)
CLOSED_REASONS = (
    "Kiểm tra không phát hiện vi phạm",
    "Hàng hóa có đủ hóa đơn, chứng từ hợp pháp",
    "Không đủ căn cứ xác định vi phạm",
    "Tin báo không chính xác",
)
MIN_OPEN_IN_CAMPAIGN = 30  # cases detected in the Hưng Yên campaign still open or closed without violation


@dataclass
class Plan:
    cases: list[PlannedCase]
    undone_merges: list[tuple[PlannedCase, PlannedCase]]

    def checksum(self) -> str:
        """A digest of every case's reference, dates, places, parties and amounts."""
        digest = hashlib.sha256()
        for c in self.cases:
            digest.update(case_fingerprint(c).encode())
        return digest.hexdigest()


def case_fingerprint(c: PlannedCase) -> str:
    parts = [
        c.province,
        str(c.sequence),
        c.detected_on.isoformat(),
        c.lead_unit,
        c.place[1],
        c.status,
        str(c.handled_on),
        ";".join(p.id_number or p.tax_code or p.plate or p.phone for p in c.parties),
        ";".join(str(g.value_vnd) for g in c.goods),
        ";".join(f"{p.number}:{p.fine_vnd}:{p.confiscated_value_vnd}" for p in c.penalties),
        ";".join(str(r.amount_vnd) for r in c.remittances),
        ";".join(f"{p.decided_on}:{p.defendants}" for p in c.prosecutions),
    ]
    return "|".join(parts) + "\n"


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder; ties to the earliest)."""
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


class ProvincePlanner:
    def __init__(self, profile: Profile, registry: Registry):
        self.profile = profile
        self.rng = random.Random(f"{SEED}/{profile.key}")
        self.build = Builder(profile, self.rng, registry)
        self.windows = [w for w in WINDOWS if w.province == profile.key]
        self.cases: list[PlannedCase] = []
        self.undone: list[tuple[PlannedCase, PlannedCase]] = []
        self._scenario_cum: dict[tuple[dt.date, str], list[float]] = {}

    # --- time ---------------------------------------------------------------------------------------------
    def window_of(self, day: dt.date) -> Window | None:
        return next((w for w in self.windows if w.contains(day)), None)

    def day_weight(self, day: dt.date) -> float:
        volume = self.profile.volume[day.year]
        month_days = ((day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)).day
        return volume * self.profile.month_factor(day) / month_days * WEEKDAY[day.weekday()]

    def segments(self) -> list[tuple[dt.date, dt.date, Window | None]]:
        edges = {START, END + dt.timedelta(days=1)}
        for w in self.windows:
            edges |= {w.start, w.end + dt.timedelta(days=1)}
        edges |= {dt.date(y, 1, 1) for y in range(START.year + 1, END.year + 1)}
        cuts = sorted(edges)
        return [
            (a, b - dt.timedelta(days=1), self.window_of(a)) for a, b in zip(cuts, cuts[1:], strict=False)
        ]

    def later(self, day: dt.date, low: int, high: int) -> dt.date:
        """A follow-up date that never moves into another window nor past the demo's end."""
        candidate = day + dt.timedelta(days=self.rng.randint(low, high))
        if candidate > END or self.window_of(candidate) not in (None, self.window_of(day)):
            return day
        return candidate

    def lag(self) -> int:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.randint(0, 6)
        if r < 0.8:
            return self.rng.randint(7, 30)
        if r < 0.98:
            return self.rng.randint(31, 90)
        return self.rng.randint(91, 200)

    # --- cases --------------------------------------------------------------------------------------------
    def scenario(self, day: dt.date, kind: str) -> Scenario:
        key = (day, kind)
        if key not in self._scenario_cum:
            options = self.profile.scenarios
            weights = [self.profile.scenario_weight(s, day) for s in options]
            if kind in ("prosecution", "both"):
                weights = [w * s.prosecute for w, s in zip(weights, options, strict=True)]
            if kind in ("transfer", "carry_over"):
                weights = [w if s.partners else 0.0 for w, s in zip(weights, options, strict=True)]
            self._scenario_cum = {key: list(accumulate(weights))}  # days come in order: keep the last only
        return self.rng.choices(self.profile.scenarios, cum_weights=self._scenario_cum[key])[0]

    def issuer(self, unit: str, fine: int, case: PlannedCase) -> str:
        """Who signs: the unit's head within his powers; the People's Committee chair above them."""
        if fine > 75_000_000:
            return f"Chủ tịch Ủy ban nhân dân {self.build.province_title(case.place, case.detected_on)}"
        name = UNIT_NAMES[unit]
        if name.startswith("Phòng "):
            return f"Trưởng phòng {name.removeprefix('Phòng ')}"
        for prefix, title in (
            ("Đội", "Đội trưởng"),
            ("Đồn", "Đồn trưởng"),
            ("Chi cục", "Chi cục trưởng"),
            ("Hải quan", "Trưởng"),
            ("Bộ Chỉ huy", "Chỉ huy trưởng"),
            ("Bộ Tư lệnh", "Tư lệnh"),
            ("Công an", "Trưởng"),
        ):
            if name.startswith(prefix):
                return f"{title} {name}"
        return f"Thủ trưởng {name}"

    def penalty(
        self, case: PlannedCase, scenario: Scenario, day: dt.date, *, first: bool, unit: str = ""
    ) -> Penalty:
        rng = self.rng
        fine = (
            round_to(loguniform(rng, *scenario.fine) * 1_000_000, 500_000)
            if first
            else round_to(loguniform(rng, 1, 8) * 1_000_000, 500_000)
        )
        confiscated = (
            sum(g.value_vnd for g in case.goods) if first and rng.random() < scenario.confiscate else 0
        )
        measures = {
            Category.COUNTERFEIT_IP: "Buộc tiêu hủy hàng giả, loại bỏ yếu tố vi phạm",
            Category.TRADE_FRAUD: "Buộc nộp lại số lợi bất hợp pháp",
        }.get(case.category, "Buộc tiêu hủy hàng hóa" if scenario.destroy and confiscated else "")
        unit = unit or case.lead_unit
        return Penalty(
            decided_on=day,
            issuer_unit=unit,
            fine_vnd=fine,
            confiscated_value_vnd=confiscated,
            destroyed=scenario.destroy and confiscated > 0,
            destroyed_value_vnd=confiscated if scenario.destroy else 0,
            other_measures=measures,
            issuer=self.issuer(unit, fine, case),
        )

    def prosecution(self, case: PlannedCase, day: dt.date) -> Prosecution:
        agency = (
            f"Cơ quan Cảnh sát điều tra Công an {self.build.province_title(case.place, case.detected_on)}"
        )
        defendants = self.rng.choices([1, 2, 3, 4], [55, 28, 12, 5])[0]
        return Prosecution(day, defendants, agency, self.later(day, 0, 7))

    def transfer(self, case: PlannedCase, scenario: Scenario, day: dt.date) -> Transfer:
        to_unit = self.rng.choice(scenario.partners) if scenario.partners else None
        if to_unit and UNIT_FORCES[to_unit] != UNIT_FORCES[case.lead_unit] and self.rng.random() < 0.7:
            return Transfer(day, to_unit, "", "Chuyển lực lượng có thẩm quyền xử lý theo quy định")
        title = self.build.province_title(case.place, case.detected_on)
        return Transfer(
            day, None, f"Cơ quan Cảnh sát điều tra Công an {title}", "Chuyển xử lý hình sự theo thẩm quyền"
        )

    def handled(self, day: dt.date, kind: str, window: Window | None) -> PlannedCase:
        scenario = self.scenario(day, kind)
        detected = day - dt.timedelta(days=self.lag())
        case = self.build.case(scenario, detected, large=kind in ("prosecution", "both"))
        case.kind, case.window = kind, window.key if window else ""
        if kind in ("penalty", "both"):
            case.penalties.append(self.penalty(case, scenario, day, first=True))
            if self.rng.random() < 0.08:
                case.penalties.append(self.penalty(case, scenario, self.later(day, 1, 25), first=False))
        if kind == "prosecution":
            case.prosecutions.append(self.prosecution(case, day))
        if kind == "both":
            decided = self.later(day, 0, 20)
            if window is not None and not window.contains(decided):
                decided = window.end
            case.prosecutions.append(self.prosecution(case, decided))
        if kind == "transfer":
            case.transfers.append(self.transfer(case, scenario, day))
        return case

    def carry_over(self, window: Window) -> PlannedCase:
        """Handed to another force before the window (handled then); that force penalises it in the window."""
        while True:
            handed = window.start - dt.timedelta(days=self.rng.randint(5, 55))
            if self.window_of(handed) is None and handed >= START:
                break
        scenario = self.scenario(handed, "carry_over")
        case = self.build.case(scenario, handed - dt.timedelta(days=self.lag()))
        case.kind, case.window = "carry_over", window.key
        to_unit = next((u for u in scenario.partners if u != case.lead_unit), scenario.partners[0])
        case.transfers.append(
            Transfer(handed, to_unit, "", "Chuyển lực lượng có thẩm quyền xử lý theo quy định")
        )
        decided = window.start + dt.timedelta(days=self.rng.randint(0, 40))
        case.penalties.append(self.penalty(case, scenario, decided, first=True, unit=to_unit))
        return case

    def unhandled(self, day: dt.date, kind: str) -> PlannedCase:
        case = self.build.case(self.scenario(day, kind), day)
        case.kind = kind
        if kind == "closed":
            case.closed_reason = self.rng.choice(CLOSED_REASONS)
        return case

    # --- the province -------------------------------------------------------------------------------------
    def run(self) -> tuple[list[PlannedCase], list[tuple[PlannedCase, PlannedCase]]]:
        rng = self.rng
        for start, end, window in self.segments():
            span = days(start, end)
            weights = [self.day_weight(d) for d in span]
            if window is None:
                kinds = None
                total = round(sum(weights))
            else:
                comp = window.composition()
                kinds = [k for k, n in comp.items() for _ in range(n)]
                rng.shuffle(kinds)
                total = len(kinds)
            made = []
            for day, count in zip(span, allocate(total, weights), strict=True):
                for _ in range(count):
                    kind = kinds.pop() if kinds is not None else self.background_kind()
                    made.append(self.handled(day, kind, window))
            self.cases += made
            if window is not None:
                self.second_prosecutions(made, window)
                self.defendants(window)
            self.cases += self.never_handled(span, weights, window)
        for window in self.windows:
            self.cases += [self.carry_over(window) for _ in range(window.carry_over)]
        for window in self.windows:
            if window.detected is not None:
                self.fill_detected(window)
        self.duplicates()
        self.undone_merges()
        return self.cases, self.undone

    def background_kind(self) -> str:
        return self.rng.choices(["penalty", "prosecution", "both", "transfer"], [82, 6, 0.5, 11.5])[0]

    def second_prosecutions(self, made: list[PlannedCase], window: Window) -> None:
        prosecuted = [c for c in made if c.kind == "prosecution"]
        for case in self.rng.sample(prosecuted, window.second_prosecutions):
            first = case.prosecutions[0]
            case.prosecutions.append(self.prosecution(case, self.later(first.decided_on, 3, 40)))
            case.prosecutions[-1].decided_on = min(case.prosecutions[-1].decided_on, window.end)

    def defendants(self, window: Window) -> None:
        """Spread the published number of defendants over the window's prosecution decisions (one at least)."""
        decisions = [p for c in self.cases for p in c.prosecutions if window.contains(p.decided_on)]
        for p in decisions:
            p.defendants = 1
        for _ in range(window.defendants - len(decisions)):
            candidates = [p for p in decisions if p.defendants < 6]
            self.rng.choices(candidates, [1 / p.defendants for p in candidates])[0].defendants += 1

    def never_handled(
        self, span: list[dt.date], weights: list[float], window: Window | None
    ) -> list[PlannedCase]:
        """Cases closed without violation along the way, and those still open at the demo's end."""
        if window is not None and window.detected is not None:
            return []  # the campaign's own detections are made to measure in fill_detected
        rng, made = self.rng, []
        for _ in range(round(0.03 * sum(weights))):
            made.append(self.unhandled(rng.choices(span, weights)[0], "closed"))
        for _ in range(round(0.004 * sum(weights))):
            made.append(self.unhandled(rng.choices(span, weights)[0], "open"))
        if span[-1] == END:  # recent detections not yet handled
            recent = span[-60:]
            for _ in range(round(0.45 * sum(weights[-60:]))):
                made.append(self.unhandled(rng.choices(recent, weights[-60:])[0], "open"))
        return made

    def fill_detected(self, window: Window) -> None:
        """Bring the window's detections to the published number with cases still open or closed."""
        inside = [c for c in self.cases if c.merged_into is None and window.contains(c.detected_on)]
        excess = len(inside) + MIN_OPEN_IN_CAMPAIGN - window.detected
        if excess > 0:  # some of the earliest were in truth detected before the campaign began
            movable = sorted((c for c in inside if c.window == window.key), key=lambda c: c.detected_on)
            for case in movable[:excess]:
                case.detected_on = window.start - dt.timedelta(days=self.rng.randint(1, 25))
            inside = [c for c in self.cases if c.merged_into is None and window.contains(c.detected_on)]
        span = days(window.start, window.end)
        weights = [self.day_weight(d) for d in span]
        for _ in range(window.detected - len(inside)):
            day = self.rng.choices(span, weights)[0]
            self.cases.append(self.unhandled(day, "open" if self.rng.random() < 0.6 else "closed"))

    def duplicates(self) -> None:
        """About one case in a hundred was also recorded by a second force and merged into the first."""
        for case in list(self.cases):
            scenario = next(s for s in self.profile.scenarios if s.key == case.scenario)
            others = [u for u in scenario.partners if u != case.lead_unit]
            if case.kind in ("penalty", "prosecution", "both") and others and self.rng.random() < 0.01:
                copy = replace(
                    case,
                    lead_unit=self.rng.choice(others),
                    participants=[],
                    goods=[replace(g) for g in case.goods],
                    parties=[replace(p) for p in case.parties],
                    penalties=type(case.penalties)(),
                    remittances=[],
                    prosecutions=type(case.prosecutions)(),
                    transfers=type(case.transfers)(),
                    kind="duplicate",
                    window="",
                    merged_into=case,
                )
                copy.narrative = f"{UNIT_NAMES[copy.lead_unit]} ghi nhận: {case.narrative}"
                if copy.lead_unit not in case.participants:
                    case.participants.append(copy.lead_unit)
                self.cases.append(copy)

    def undone_merges(self) -> None:
        """A few merges made in error and undone: both cases stand alone again."""
        plain = [c for c in self.cases if c.kind == "penalty" and not c.window and c.merged_into is None]
        for a, b in zip(plain[100:400:100], plain[101:401:100], strict=False):
            self.undone.append((a, b))


def _number(cases: list[PlannedCase]) -> None:
    """Case sequences per province and year; the forces' own ids; document numbers per issuer and year."""
    order = sorted(range(len(cases)), key=lambda i: (cases[i].province, cases[i].detected_on, i))
    counters: dict[tuple, int] = defaultdict(int)

    def next_number(*key) -> int:
        counters[key] += 1
        return counters[key]

    for i in order:
        c = cases[i]
        c.sequence = next_number("case", c.province, c.detected_on.year)
        c.external_ref = (
            f"{c.lead_unit}-{c.detected_on.year}-{next_number('ref', c.lead_unit, c.detected_on.year):05d}"
        )
    documents = []
    for i, c in enumerate(cases):
        documents += [(p.decided_on, i, "penalty", p) for p in c.penalties]
        documents += [(p.decided_on, i, "prosecution", p) for p in c.prosecutions]
        documents += [(t.transferred_on, i, "transfer", t) for t in c.transfers]
        documents += [(r.remitted_on, i, "remittance", r) for r in c.remittances]
    for day, i, kind, doc in sorted(documents, key=lambda d: (d[0], d[1], d[2])):
        c = cases[i]
        if kind == "penalty":
            doc.number = f"{next_number(kind, doc.issuer_unit, day.year)}/QĐ-XPHC"
        elif kind == "prosecution":
            doc.decision_number = f"{next_number(kind, c.province, day.year)}/QĐ-KTVA"
        elif kind == "transfer":
            doc.document_number = f"{next_number(kind, c.lead_unit, day.year)}/BB-BGHS"
        else:
            doc.document_number = f"{next_number(kind, c.province, day.year)}/GNT-KBNN"


def build_plan() -> Plan:
    """The whole demo, the same on every run."""
    registry = Registry(random.Random(f"{SEED}/people"))
    cases: list[PlannedCase] = []
    undone: list[tuple[PlannedCase, PlannedCase]] = []
    for profile in PROFILES:
        made, reverted = ProvincePlanner(profile, registry).run()
        cases += made
        undone += reverted
    rng = random.Random(f"{SEED}/money")
    for window in WINDOWS:
        money_to_targets(cases, window)
    remittances_add(cases, rng)
    for window in WINDOWS:
        if window.remitted_vnd is not None:
            remitted_to_target(cases, window, rng)
    for case in cases:
        derive_outcome_state(case)
    _number(cases)
    check_figures(cases, WINDOWS)
    return Plan(cases, undone)
