"""Word search over direction tasks (the to-do page and GET /api/v1/direction/tasks?q=) at 20,000 tasks.

    DATABASE_URL=sqlite:///var/bench_tasks.sqlite3 .venv/bin/python bench/bench_task_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench_tasks .venv/bin/python bench/bench_task_search.py

Runs migrate, load_units and datagen's organisation first, then gives each province committee sessions with
conclusions and tasks for its five units through the services (seed 389) until the database holds --tasks tasks.
Each figure is the median of 21 requests after 3 warm-ups through Django's test client; the match count and a
digest of the ids returned are printed so that two runs (before and after a change) can be compared for results.
"""

import argparse
import hashlib
import os
import random

from common import machine, median_ms, setup_django, vendor

os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SC389_OTP_REQUIRED", "false")  # the bench users sign in without a device

ACTIONS = ["Kiểm tra", "Rà soát", "Tuần tra", "Xử lý", "Truy xét", "Phối hợp kiểm soát", "Báo cáo kết quả"]
GOODS = [
    "thuốc lá điếu nhập lậu",
    "đường cát",
    "hàng giả nhãn hiệu",
    "xăng dầu",
    "pháo nổ",
    "gia cầm",
    "mỹ phẩm",
    "điện thoại di động",
    "rượu ngoại",
    "vàng trang sức",
    "thực phẩm chức năng",
    "phân bón",
]
PLACES = [
    "cửa khẩu",
    "đường mòn lối mở",
    "chợ biên giới",
    "kho bãi",
    "sàn thương mại điện tử",
    "bến thủy nội địa",
]
PERIODS = ["trước Tết Nguyên đán", "quý I", "quý II", "đợt cao điểm 15/5–15/6", "cuối năm"]
SESSIONS_PER_COMMITTEE = 6
CONCLUSIONS_PER_SESSION = 5

# (persona, query): everyday words (hundreds to thousands of matches), a rare pair, a unit's name, nothing
QUERIES = ["xang dau", "phao no cho bien gioi", "Biên phòng", "khong co tu nay"]


def build_tasks(total: int) -> None:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from sc389.direction import services
    from sc389.direction.models import Task
    from sc389.org.models import Committee, Unit

    have = Task.objects.count()
    if have >= total:
        return
    rng = random.Random(389 + have)
    actor = get_user_model().objects.get(username="bench_admin")
    committees = list(Committee.objects.filter(code__startswith="B-BCD-").select_related("area"))
    units = {c.pk: list(Unit.objects.filter(home_province=c.area)) for c in committees}
    start = dt.date(2025, 1, 1)

    def sentence() -> str:
        return f"{rng.choice(ACTIONS)} {rng.choice(GOODS)} tại {rng.choice(PLACES)} {rng.choice(PERIODS)}"

    made = have
    while made < total:
        for committee in committees:
            with transaction.atomic():
                session = services.session_create(
                    actor=actor,
                    committee=committee,
                    held_on=start + dt.timedelta(days=rng.randrange(365)),
                    title=f"Giao ban {rng.choice(PERIODS)}",
                    conclusions=[sentence() for _ in range(CONCLUSIONS_PER_SESSION)],
                )
                per_conclusion = max(1, (total - have) // (len(committees) * SESSIONS_PER_COMMITTEE * 5))
                for conclusion in session.conclusions.all():
                    for _ in range(per_conclusion):
                        if made >= total:
                            break
                        services.task_assign(
                            actor=actor,
                            committee=committee,
                            assignee=rng.choice(units[committee.pk]),
                            title=sentence(),
                            description=f"Nhiệm vụ số {made + 1}: {sentence()}",
                            due_on=start + dt.timedelta(days=rng.randrange(540)),
                            conclusion=conclusion,
                        )
                        made += 1
            if made >= total:
                break


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=20_000)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sc389.org.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():
        call_command("load_units", verbosity=0)
    from bench_list import personas
    from datagen import build_org
    from django.test import Client

    from sc389.api import services as api_services
    from sc389.direction.models import Task

    build_org()
    build_tasks(args.tasks)
    users, _lang_son, _unit = personas()
    print(f"# task search at {Task.objects.count():,} tasks on {vendor()} — {machine()}")
    print("| persona | q | matches | ids digest | page ms | API ms |")
    print("|---|---|---|---|---|---|")
    for persona, user in users.items():
        client = Client()
        client.force_login(user)
        bearer = {"Authorization": f"Bearer {api_services.api_token_create(user=user, name='bench').raw}"}
        for q in QUERIES:

            def page(client=client, q=q):
                response = client.get("/direction/", {"q": q})
                assert response.status_code == 200, response.status_code
                return response

            def api(client=client, q=q, bearer=bearer):
                response = client.get("/api/v1/direction/tasks", {"q": q}, headers=bearer)
                assert response.status_code == 200, response.content[:300]
                return response

            ids = [row["id"] for row in api().json()]
            digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:10]
            p, a = median_ms(page), median_ms(api)
            print(f"| {persona} | `{q}` | {len(ids)} | {digest} | {p:.1f} | {a:.1f} |")


if __name__ == "__main__":
    main()
