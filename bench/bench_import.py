"""Throughput of the case import on generated files (not a test; timings live outside the test suite).

    DATABASE_URL=sqlite:////tmp/sc389-bench.sqlite3 .venv/bin/python tests/imports/bench_import.py --rows 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python tests/imports/bench_import.py

Migrates the database, loads the administrative units, creates one customs unit and officer, generates a CSV and
an XLSX of `--rows` valid cases (communes of Lạng Sơn and Cao Bằng, a goods line, a person with a CCCD matching
the birth date and sex, a penalty decision on two rows in three), and times import_cases on each (validation
included), then the same CSV again (all unchanged).
"""

import argparse
import cProfile
import csv
import datetime as dt
import io
import pstats
import random
import time

from common import setup_django


def generate(rows: int, communes: list[str], prefix: str, seed: int = 389) -> list[list]:
    from sc389.cases.imports.columns import CASE_COLUMNS

    rnd = random.Random(seed)
    keys = [c.key for c in CASE_COLUMNS]
    goods = [
        ("Gà thải loại", "kg"),
        ("Thuốc lá điếu", "bao"),
        ("Đường kính", "kg"),
        ("Mỹ phẩm", "hộp"),
        ("Quần áo giả nhãn hiệu", "chiếc"),
    ]
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]
    given = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà"]
    out = []
    for n in range(rows):
        detected = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(0, 2300))
        born = dt.date(rnd.randrange(1960, 2004), rnd.randrange(1, 13), rnd.randrange(1, 29))
        female = rnd.random() < 0.4
        gender_digit = (0 if born.year < 2000 else 2) + (1 if female else 0)
        cccd = f"020{gender_digit}{born.year % 100:02d}{rnd.randrange(0, 10**6):06d}"
        description, unit = rnd.choice(goods)
        value = rnd.randrange(1, 500) * 100_000
        row = {
            "external_ref": f"{prefix}-{n:07d}",
            "detected_on": detected.strftime("%d/%m/%Y"),
            "category": rnd.choice(["Buôn lậu", "Gian lận thương mại", "Hàng giả"]),
            "channel": rnd.choice(["Đường mòn", "Cửa khẩu", "Chợ", "Kho"]),
            "place": rnd.choice(communes),
            "place_text": f"Km {rnd.randrange(1, 200)}",
            "narrative": f"Phát hiện vận chuyển {description.lower()} không rõ nguồn gốc",
            "goods_description": description,
            "goods_quantity": f"{rnd.randrange(1, 5000):,}".replace(",", "."),
            "goods_unit": unit,
            "goods_value_vnd": f"{value:,}".replace(",", "."),
            "party_name": f"{rnd.choice(families)} {rnd.choice(given)}",
            "party_date_of_birth": born.strftime("%d/%m/%Y"),
            "party_sex": "Nữ" if female else "Nam",
            "party_id_number": cccd,
        }
        if n % 3:
            decided = min(detected + dt.timedelta(days=rnd.randrange(1, 30)), dt.date.today())
            row.update(
                penalty_number=f"{n}/QĐ-XPHC",
                penalty_date=decided.strftime("%d/%m/%Y"),
                penalty_fine_vnd=f"{rnd.randrange(1, 100) * 500_000:,}".replace(",", "."),
                penalty_confiscated_vnd=row["goods_value_vnd"],
            )
        out.append([row.get(k, "") for k in keys])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the CSV import")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from sc389.cases.imports.columns import CASE_COLUMNS
    from sc389.cases.imports.importer import import_cases
    from sc389.cases.models import Case
    from sc389.org import services as org
    from sc389.org.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():
        org.admin_units_load_current()
        org.admin_units_load_historic(path=org.HISTORIC_2025_CSV)
    force = org.force_ensure(code="customs", name="Hải quan")
    ls = AdministrativeUnit.objects.get(level="province", code="20", valid_to__isnull=True)
    cb = AdministrativeUnit.objects.get(level="province", code="4", valid_to__isnull=True)
    from sc389.org.models import Unit

    unit = Unit.objects.filter(code="BENCH-HQ").first() or org.unit_create(
        code="BENCH-HQ",
        name="Chi cục Hải quan khu vực VI (bench)",
        force=force,
        home_province=ls,
        area=[ls, cb],
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="bench_importer").first()
    if user is None:
        user = org.user_create(username="bench_importer", password="bench-password-389")
        org.membership_grant(user=user, role="officer", unit=unit)
    communes = list(
        AdministrativeUnit.objects.filter(
            level="commune", valid_to__isnull=True, parent__in=[ls, cb]
        ).values_list("code", flat=True)
    )
    stamp = str(int(time.time()))
    header = [c.header for c in CASE_COLUMNS]
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; existing cases: {Case.objects.count()}"
    )

    def run(label: str, data: bytes, name: str) -> None:
        profiler = cProfile.Profile() if args.profile and label == "CSV new" else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = import_cases(data=data, file_name=name, unit=unit, actor=user)
        seconds = time.perf_counter() - start
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumtime").print_stats(30)
        assert result.ok, [str(e) for e in result.errors[:5]]
        print(
            f"{label}: {result.total_rows} rows in {seconds:.1f} s = {result.total_rows / seconds:,.0f} rows/s "
            f"(created {result.created}, updated {result.updated}, unchanged {result.unchanged})"
        )

    rows = generate(args.rows, communes, f"CSV{stamp}")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    csv_data = out.getvalue().encode("utf-8")
    run("CSV new", csv_data, "bench.csv")
    run("CSV again", csv_data, "bench.csv")
    if not args.skip_xlsx:
        import openpyxl

        rows = generate(args.rows, communes, f"XLSX{stamp}", seed=390)
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Vụ việc")
        ws.append(header)
        for row in rows:
            ws.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        run("XLSX new", buf.getvalue(), "bench.xlsx")


if __name__ == "__main__":
    main()
