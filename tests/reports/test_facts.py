"""The report facts stay equal to the cases under every write.

A generated sequence of writes through the real services (create, edit dates, category, place and lead unit,
add, correct and remove outcomes, merge and undo, hand-over, delete and restore, import a file and re-import it
corrected, approve a submission); after each step every report computed from the facts equals the same report
computed by scanning the cases and outcomes (indicators.compute_from_cases, the reference), and at the end a
fresh rebuild finds nothing to change.
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sc389.cases import services as cases
from sc389.cases.imports import pipeline
from sc389.cases.imports.importer import import_cases
from sc389.cases.models import Case, CaseMerge
from sc389.coordination.handover import case_hand_over
from sc389.reports import facts, periods
from sc389.reports.indicators import Area, compute
from sc389.reports.models import FactKind, ReportFact, ReportFactMonth
from sc389.reports.periods import Period
from sc389.reports.selectors import report_build

from ..imports.files import csv_bytes, good_row
from .world import submission

pytestmark = pytest.mark.django_db

UNITS = ("customs_huunghi", "bp_langson", "qltt_langson5", "police_hungyen")
PLACES = ("dongdang", "kyla", "hungyen_ward")
KINDS = ("penalty", "prosecution", "remittance")
PERIODS = (
    periods.year(2025),  # whole months: the rollup
    Period(dt.date(2025, 2, 10), dt.date(2025, 7, 20)),  # partial months at both ends, whole ones between
    Period(dt.date(2025, 3, 5), dt.date(2025, 3, 25)),  # inside one month
)
BREAKDOWNS = (None, "category", "force", "unit", "province", "commune", "channel", "month")


def day(rng: random.Random) -> dt.date:
    return dt.date(2024, 12, 1) + dt.timedelta(days=rng.randrange(420))


def nonzero(figures: dict) -> dict:
    return {code: {k: v for k, v in groups.items() if v} for code, groups in figures.items()}


def assert_same(tree, step: str, breakdowns=BREAKDOWNS) -> None:
    areas = [
        Area("national"),
        Area("province", tree.provinces["langson"]),
        Area("commune", tree.communes["kyla"]),
    ]
    for area in areas:
        for period in PERIODS:
            for by in breakdowns:
                for user in (None, tree.users["leader_langson"], tree.users["officer_langson_customs"]):
                    got = compute(area=area, period=period, by=by, user=user)
                    want = compute(area=area, period=period, by=by, user=user, engine="cases")
                    assert nonzero(got) == nonzero(want), (step, area.code, period, by, user)


class Writer:
    """One random write through a service per call; the test checks the reports after each."""

    def __init__(self, tree, rng: random.Random):
        self.tree, self.rng = tree, rng
        self.admin = tree.users["admin_national"]
        self.imported = 0

    def live(self) -> list[Case]:
        return list(Case.objects.filter(merged_into__isnull=True).order_by("pk"))

    def pick(self) -> Case | None:
        found = self.live()
        return self.rng.choice(found) if found else None

    def create(self) -> str:
        rng, tree = self.rng, self.tree
        unit = rng.choice(UNITS)
        place = "hungyen_ward" if unit == "police_hungyen" else rng.choice(PLACES[:2])
        case = cases.case_create(
            actor=self.admin,
            lead_unit=tree.units[unit],
            category=rng.choice(["smuggling", "trade_fraud", "counterfeit_ip", "other"]),
            detected_on=day(rng),
            place=tree.communes[place],
            channel=rng.choice(["trail", "border_gate", "ecommerce"]),
        )
        return f"create {case.pk}"

    def edit(self) -> str:
        case, rng, tree = self.pick(), self.rng, self.tree
        if case is None:
            return self.create()
        change = rng.choice(["detected_on", "category", "place", "lead_unit", "channel"])
        value = {
            "detected_on": day(rng),
            "category": rng.choice(["smuggling", "other"]),
            "place": tree.communes[rng.choice(PLACES)],
            "lead_unit": tree.units[rng.choice(UNITS)],
            "channel": rng.choice(["road", "courier"]),
        }[change]
        cases.case_update(case=case, actor=self.admin, **{change: value})
        return f"edit {case.pk} {change}"

    def add_outcome(self) -> str:
        case, rng = self.pick(), self.rng
        if case is None:
            return self.create()
        kind = rng.choice(KINDS)
        when = rng.choice([day(rng), case.detected_on])
        existing = list(case.penalties.all()) + list(case.prosecutions.all())
        if existing and rng.random() < 0.3:  # the same day as an outcome it has: one fact row, summed
            when = existing[0].decided_on
        values = {
            "penalty": {"number": "1/QĐ", "decided_on": when, "fine_vnd": rng.randrange(1, 9) * 10**6},
            "prosecution": {"decision_number": "1/KT", "decided_on": when, "defendants": rng.randrange(1, 4)},
            "remittance": {"remitted_on": when, "amount_vnd": rng.randrange(1, 9) * 10**6},
        }[kind]
        cases.outcome_add(case=case, actor=self.admin, kind=kind, values=values)
        return f"add {kind} to {case.pk} on {when}"

    def outcomes(self) -> list:
        out = []
        for case in self.live():
            out += list(case.penalties.all()) + list(case.prosecutions.all()) + list(case.remittances.all())
        return out

    def correct_outcome(self) -> str:
        found = self.outcomes()
        if not found:
            return self.add_outcome()
        outcome = self.rng.choice(found)
        field = "remitted_on" if hasattr(outcome, "remitted_on") else "decided_on"
        cases.outcome_update(outcome=outcome, actor=self.admin, values={field: day(self.rng)})
        return f"correct {type(outcome).__name__} {outcome.pk}"

    def remove_outcome(self) -> str:
        found = self.outcomes()
        if not found:
            return self.add_outcome()
        outcome = self.rng.choice(found)
        cases.outcome_remove(outcome=outcome, actor=self.admin, reason="nhập nhầm")
        return f"remove {type(outcome).__name__} {outcome.pk}"

    def merge(self) -> str:
        live = self.live()
        if len(live) < 2:
            return self.create()
        survivor, absorbed = self.rng.sample(live, 2)
        cases.case_merge(survivor=survivor, absorbed=absorbed, actor=self.admin, reason="trùng")
        return f"merge {absorbed.pk} into {survivor.pk}"

    def unmerge(self) -> str:
        merge = CaseMerge.objects.filter(undone_at__isnull=True).order_by("pk").first()
        if merge is None:
            return self.merge()
        cases.case_unmerge(merge=merge, actor=self.admin)
        return f"unmerge {merge.absorbed_id}"

    def hand_over(self) -> str:
        case = self.pick()
        if case is None:
            return self.create()
        to = self.tree.units[self.rng.choice([u for u in UNITS if u != "police_hungyen"])]
        if to.pk == case.lead_unit_id:
            return self.edit()
        case_hand_over(case=case, to_unit=to, actor=self.admin, reason="đúng thẩm quyền")
        return f"hand over {case.pk}"

    def delete(self) -> str:
        case = self.pick()
        if case is None:
            return self.create()
        cases.case_delete(case=case, actor=self.admin, reason="ghi nhầm")
        if self.rng.random() < 0.5:
            cases.case_restore(case=case, actor=self.admin)
            return f"delete and restore {case.pk}"
        return f"delete {case.pk}"

    def import_file(self) -> str:
        """A file of three cases, then the same file corrected (dates, fines): created, then updated in place."""
        self.imported += 1
        rows = [
            good_row(self.imported * 10 + i, detected_on=f"{5 + i:02d}/03/2025", penalty_date="20/03/2025")
            for i in range(3)
        ]
        tree = self.tree
        unit, actor = tree.units["customs_huunghi"], tree.users["officer_langson_customs"]
        first = import_cases(data=csv_bytes(rows), file_name="a.csv", unit=unit, actor=actor)
        assert first.ok, first
        assert_same(tree, "import")
        for row in rows:
            row.update(detected_on="28/02/2025", penalty_date="02/04/2025", penalty_fine_vnd="7.000.000")
        second = import_cases(data=csv_bytes(rows), file_name="a-sua.csv", unit=unit, actor=actor)
        assert second.ok, second
        return "import and re-import"

    def approve_submission(self) -> str:
        if not getattr(self, "submitted", False):
            submission(self.tree, period=periods.month(2025, 3), status="approved")
            self.submitted = True
        return self.add_outcome()

    def step(self) -> str:
        moves = [
            (self.create, 4),
            (self.edit, 3),
            (self.add_outcome, 5),
            (self.correct_outcome, 2),
            (self.remove_outcome, 2),
            (self.merge, 1),
            (self.unmerge, 1),
            (self.hand_over, 1),
            (self.delete, 1),
            (self.import_file, 1),
            (self.approve_submission, 1),
        ]
        move = self.rng.choices([m for m, _ in moves], weights=[w for _, w in moves])[0]
        return move()


@pytest.mark.parametrize("seed", [1, 2])
def test_every_write_keeps_the_facts_equal_to_the_cases(tree, seed):
    rng = random.Random(seed)
    writer = Writer(tree, rng)
    for _ in range(6):
        writer.create()
    for n in range(22):
        step = writer.step()
        # the total after every write, and each breakdown in turn (every one is checked three times a seed)
        assert_same(tree, f"{n}: {step}", breakdowns=(None, BREAKDOWNS[1 + n % (len(BREAKDOWNS) - 1)]))
    assert_same(tree, "end")
    assert facts.check() == []


def test_full_reports_from_facts_equal_the_reports_from_cases(tree):
    # given: a few cases with outcomes, one case with two penalty days (it counts once, on its first day)
    writer = Writer(tree, random.Random(7))
    for _ in range(8):
        writer.create()
    for _ in range(12):
        writer.add_outcome()
    case = Case.objects.order_by("pk").first()
    for when in (dt.date(2025, 1, 20), dt.date(2025, 4, 2), dt.date(2025, 4, 2)):
        cases.outcome_add(
            case=case, actor=writer.admin, kind="penalty", values={"number": "2/QĐ", "decided_on": when}
        )
    # then: whole reports agree, comparison and rows included
    area = Area("province", tree.provinces["langson"])
    for by in BREAKDOWNS:
        for period in PERIODS:
            got = report_build(area=area, period=period, by=by).as_json()
            want = report_build(area=area, period=period, by=by, engine="cases").as_json()
            got.pop("data_cutoff"), want.pop("data_cutoff")
            assert got == want, (by, period)
    assert ReportFact.objects.filter(case_id=case.pk, kind=3, prev_on__isnull=False).exists()


def test_rebuild_and_check_find_a_stale_row(tree, make_case):
    # given: a case written through the service has its facts
    case = make_case(detected_on=dt.date(2025, 3, 1))
    assert ReportFact.objects.filter(case_id=case.pk).count() == 1
    assert ReportFactMonth.objects.get(province_id=case.province_id).detected == 1
    # when: a row goes stale behind the engine's back
    ReportFact.objects.filter(case_id=case.pk).update(on=dt.date(2025, 5, 1))
    # then: the check names it, and a rebuild repairs it
    assert facts.check() != []
    facts.rebuild_all()
    assert facts.check() == []
    assert ReportFact.objects.get(case_id=case.pk).on == dt.date(2025, 3, 1)


def test_cases_inspected_is_the_cases_detected_from_cases_and_the_submitted_number_otherwise(tree, make_case):
    for d in (dt.date(2025, 1, 3), dt.date(2025, 1, 9), dt.date(2025, 2, 2)):
        make_case(detected_on=d, unit="bp_langson", officer="officer_langson_bp")
    area = Area("province", tree.provinces["langson"])
    figures = compute(area=area, period=periods.year(2025))
    assert figures["cases_inspected"] == figures["cases_detected"] == {"__total__": 3}
    # an approved submission of January for the Hữu Nghị customs: its own inspected count, detected otherwise
    figures_in = {"cases_inspected": {"total": 40}, "cases_detected": {"total": 12}}
    submission(tree, period=periods.month(2025, 1), status="approved", figures=figures_in)
    figures = compute(area=area, period=periods.year(2025))
    assert figures["cases_inspected"]["__total__"] == 3 + 40
    assert figures["cases_detected"]["__total__"] == 3 + 12


def test_a_pipelined_import_builds_the_facts_from_its_rows_equal_to_a_rebuild(tree, monkeypatch, settings):
    # given: the pipelined import (forked workers, chunks of three rows) and a file whose cases span two months,
    # with and without a penalty, with a prosecution or a remittance
    monkeypatch.setattr(pipeline, "MIN_ROWS", 1)
    monkeypatch.setattr(pipeline, "CHUNK_ROWS", 3)
    settings.SC389_IMPORT_WORKERS = 2
    rows = []
    for n in range(1, 11):
        row = good_row(n, external_ref=f"F-{n:03d}", detected_on=f"{n + 10:02d}/0{2 + n % 2}/2025")
        if n % 4 == 0:
            row.update(penalty_number="", penalty_date="", penalty_fine_vnd="", penalty_confiscated_vnd="")
        if n % 3 == 0:
            row.update(prosecution_number=f"{n}/QĐ-KTVA", prosecution_date="25/03/2025", defendants="2")
        if n % 5 == 0:
            row.update(remittance_date="28/03/2025", remittance_amount_vnd="15.000.000")
        rows.append(row)
    unit, actor = tree.units["customs_huunghi"], tree.users["officer_langson_customs"]
    # when: it is imported
    with CaptureQueriesContext(connection) as queries:
        result = import_cases(data=csv_bytes(rows), file_name="f.csv", unit=unit, actor=actor)
    # then: no fact was built by reading the cases back, and the facts and rollup equal a fresh rebuild
    assert result.ok and result.created == 10, result
    built = [q["sql"] for q in queries if f'INSERT INTO "{ReportFact._meta.db_table}" ' in q["sql"]]
    assert not [sql for sql in built if "SELECT" in sql]  # (on PostgreSQL they are COPYed: not captured)
    ids = result.created_ids
    kinds = sorted(ReportFact.objects.filter(case_id__in=ids).values_list("kind", flat=True))
    assert kinds.count(FactKind.DETECTED) == 10 and kinds.count(FactKind.PENALTY) == 8
    assert kinds.count(FactKind.PROSECUTION) == 3 and kinds.count(FactKind.REMITTANCE) == 2
    assert facts.check() == []
    assert_same(tree, "pipelined import", breakdowns=(None, "month"))
