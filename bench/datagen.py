"""Generate a nationwide case population for benchmarks: N cases over five years in all 34 provinces.

    .venv/bin/python bench/datagen.py --cases 1000000            # SQLite: var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python bench/datagen.py --cases 1000000

Each case gets one goods line; about 80% a penalty decision, 5% a prosecution, 60% a remittance, 10% a second
participating unit. Deterministic (seed 389). Runs migrate and load_units first; does nothing when the database
already holds N generated cases.
"""

import argparse
import datetime as dt
import random
import time

from common import setup_django

BENCH_USER = "bench_admin"


def build_org():
    from django.contrib.auth import get_user_model

    from sc389.org import services as org
    from sc389.org.models import AdministrativeUnit, Committee, Unit

    User = get_user_model()
    if Unit.objects.filter(code__startswith="B-").exists():
        return
    forces = {
        code: org.force_ensure(code=code, name=name)
        for code, name in [
            ("customs", "Hải quan"),
            ("border_guard", "Bộ đội Biên phòng"),
            ("police", "Công an"),
            ("market_surveillance", "Quản lý thị trường"),
            ("tax", "Thuế"),
        ]
    }
    national = Committee.objects.filter(level="national").first() or org.committee_create(
        code="B-BCD389", name="Ban Chỉ đạo 389 quốc gia", level="national", area=None
    )
    for p in AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True):
        for code, force in forces.items():
            org.unit_create(
                code=f"B-{p.code}-{code}",
                name=f"{force.name} {p.name}",
                force=force,
                home_province=p,
                area=[p],
            )
        org.committee_create(
            code=f"B-BCD-{p.code}",
            name=f"Ban Chỉ đạo 389 {p.name}",
            level="province",
            area=p,
            parent=national,
        )
    admin = User.objects.filter(username=BENCH_USER).first() or org.user_create(
        username=BENCH_USER, password="bench"
    )
    org.membership_grant(user=admin, role="admin", committee=national)


def next_id(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cur.fetchone()[0]


def insert(table: str, columns: str, rows: list[tuple]) -> None:
    """Plain executemany: Django's bulk_create spends most of its time compiling SQL at this volume."""
    from django.db import connection

    if not rows:
        return
    cols = columns.split()
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
    with connection.cursor() as cur:
        cur.executemany(sql, rows)
        if connection.vendor == "postgresql" and "id" in cols:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )


def generate(n: int, seed: int = 389) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from sc389.cases.models import Case
    from sc389.core.text import fold
    from sc389.org.models import AdministrativeUnit, Unit

    have = Case.objects.filter(reference__startswith="B").count()
    if have >= n:
        print(f"{have} generated cases already there")
        return
    rng = random.Random(seed + have)
    communes = list(
        AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).values_list(
            "id", "name", "parent_id"
        )
    )
    units_by_province: dict[int, list[int]] = {}
    for uid, pid in Unit.objects.filter(code__startswith="B-").values_list("id", "home_province_id"):
        units_by_province.setdefault(pid, []).append(uid)
    start = dt.date(2021, 1, 1)
    days = 5 * 365
    categories = ["smuggling", "trade_fraud", "counterfeit_ip", "other"]
    channels = [
        "trail",
        "border_gate",
        "inland_market",
        "warehouse",
        "ecommerce",
        "social_network",
        "courier",
        "road",
    ]
    goods = [
        "Gia cầm",
        "Thuốc lá điếu",
        "Đường cát",
        "Xăng dầu",
        "Mỹ phẩm",
        "Sữa bột",
        "Điện thoại",
        "Quần áo giả nhãn hiệu",
    ]
    batch = 20000
    t0 = time.time()
    for offset in range(have, n, batch):
        size = min(batch, n - offset)
        cases = []
        for i in range(offset, offset + size):
            cid, cname, pid = communes[rng.randrange(len(communes))]
            detected = start + dt.timedelta(days=rng.randrange(days))
            g = rng.choice(goods)
            cases.append(
                Case(
                    reference=f"B{i:09d}",
                    category=rng.choice(categories),
                    channel=rng.choice(channels),
                    detected_on=detected,
                    place_id=cid,
                    province_id=pid,
                    commune_id=cid,
                    lead_unit_id=rng.choice(units_by_province[pid]),
                    narrative=f"Phát hiện {g.lower()} không rõ nguồn gốc tại {cname}",
                    search_folded=fold(f"B{i:09d} {cname} {g}"),
                )
            )
        plans = []
        for c in cases:
            penalty = prosecution = remittance = None
            handled = None
            if rng.random() < 0.8:
                decided = c.detected_on + dt.timedelta(days=rng.randrange(1, 60))
                penalty = (decided, rng.randrange(1, 200) * 500_000, rng.randrange(0, 100) * 1_000_000)
                handled = decided
            if rng.random() < 0.05:
                decided = c.detected_on + dt.timedelta(days=rng.randrange(10, 90))
                prosecution = (decided, rng.randrange(1, 5))
                handled = min(handled, decided) if handled else decided
            if handled and rng.random() < 0.75:
                remittance = (handled + dt.timedelta(days=15), rng.randrange(1, 300) * 500_000)
            joint = None
            if rng.random() < 0.1:
                joint = rng.choice([u for u in units_by_province[c.province_id] if u != c.lead_unit_id])
            c.handled_on = handled
            c.status = "prosecuted" if prosecution else "sanctioned" if penalty else "open"
            plans.append((penalty, prosecution, remittance, joint))
        with transaction.atomic():
            now = timezone.now()
            first_id = next_id("cases_case")
            case_rows, lines, penalties, prosecutions, remittances, joints = [], [], [], [], [], []
            for k, (c, (penalty, prosecution, remittance, joint)) in enumerate(
                zip(cases, plans, strict=True)
            ):
                cid = first_id + k
                case_rows.append(
                    (
                        cid,
                        c.reference,
                        "",
                        c.category,
                        c.channel,
                        "",
                        "",
                        c.detected_on,
                        c.place_id,
                        c.province_id,
                        c.commune_id,
                        "",
                        c.lead_unit_id,
                        c.narrative,
                        c.status,
                        c.handled_on,
                        "",
                        c.search_folded,
                        1,
                        now,
                        now,
                    )
                )
                desc = c.narrative[10:40]
                lines.append((cid, desc, fold(desc), "", "kg", rng.randrange(1, 500) * 1_000_000))
                if penalty:
                    penalties.append(
                        (cid, f"{cid}/QĐ-XPHC", penalty[0], "", penalty[1], penalty[2], False, 0, "")
                    )
                if prosecution:
                    prosecutions.append((cid, f"{cid}/QĐ-KTVA", prosecution[0], prosecution[1], ""))
                if remittance:
                    remittances.append((cid, "", remittance[0], "fine", remittance[1]))
                if joint:
                    joints.append((cid, joint))
            insert(
                "cases_case",
                "id reference external_ref category channel channel_url channel_shop detected_on "
                "place_id province_id commune_id place_text lead_unit_id narrative status handled_on closed_reason "
                "search_folded version created_at updated_at",
                case_rows,
            )
            insert("cases_goodsline", "case_id description description_folded hs_code unit value_vnd", lines)
            insert(
                "cases_penaltydecision",
                "case_id number decided_on issuer fine_vnd confiscated_value_vnd destroyed "
                "destroyed_value_vnd other_measures",
                penalties,
            )
            insert(
                "cases_prosecution",
                "case_id decision_number decided_on defendants investigating_agency",
                prosecutions,
            )
            insert(
                "cases_budgetremittance", "case_id document_number remitted_on kind amount_vnd", remittances
            )
            insert("cases_caseunit", "case_id unit_id", joints)
        done = offset + size
        print(f"{done:>9} cases  {done / (time.time() - t0):,.0f}/s", flush=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sc389.org.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():
        call_command("load_units")
    build_org()
    generate(args.cases)


if __name__ == "__main__":
    main()
