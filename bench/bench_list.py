"""The case list page and the API list endpoint at a million cases, against the bare SQL of the same page.

    .venv/bin/python bench/datagen.py --cases 1000000 && .venv/bin/python bench/bench_list.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python bench/bench_list.py

Each figure is the median of 21 requests after 3 warm-ups, in-process through Django's test client (URL routing,
session auth, scope, query, template or JSON rendering), so it is the server's time without the network.
"""

import os

from common import machine, median_ms, setup_django, vendor

os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
PAGE = 50


def personas():
    from django.contrib.auth import get_user_model

    from sc389.org import services as org
    from sc389.org.models import AdministrativeUnit, Committee, Unit

    User = get_user_model()
    lang_son = AdministrativeUnit.objects.get(level="province", code="20", valid_to__isnull=True)
    unit = Unit.objects.get(code="B-20-customs")

    def ensure(username, role, **where):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = org.user_create(username=username, password="bench")
            org.membership_grant(user=user, role=role, **where)
        return user

    return (
        {
            "national": User.objects.get(username="bench_admin"),
            "province leader": ensure(
                "bench_leader20", "leader", committee=Committee.objects.get(code="B-BCD-20")
            ),
            "unit officer": ensure("bench_officer", "officer", unit=unit),
        },
        lang_son,
        unit,
    )


SELECT = (
    "SELECT c.id, c.reference, c.category, c.detected_on, c.status, c.place_text, u.name, p.name, pl.name "
    "FROM cases_case c JOIN org_unit u ON u.id = c.lead_unit_id JOIN org_administrativeunit p ON p.id = c.province_id "
    "JOIN org_administrativeunit pl ON pl.id = c.place_id "
)


def scenarios(lang_son, unit):
    """(persona, query string, bare SQL with its parameters) — the SQL a person would write for the same page."""
    order = f" ORDER BY c.detected_on DESC, c.id DESC LIMIT {PAGE}"
    return [
        (
            "national",
            f"province={lang_son.pk}&category=smuggling",
            SELECT + "WHERE c.merged_into_id IS NULL AND c.province_id = %s AND c.category = %s" + order,
            [lang_son.pk, "smuggling"],
        ),
        (
            "national",
            "date_from=2023-01-01&date_to=2023-03-31&category=counterfeit_ip",
            SELECT
            + "WHERE c.merged_into_id IS NULL AND c.detected_on BETWEEN %s AND %s AND c.category = %s"
            + order,
            ["2023-01-01", "2023-03-31", "counterfeit_ip"],
        ),
        (
            "province leader",
            "category=trade_fraud",
            SELECT + "WHERE c.merged_into_id IS NULL AND c.province_id = %s AND c.category = %s" + order,
            [lang_son.pk, "trade_fraud"],
        ),
        (
            "unit officer",
            "status=open",
            SELECT + "WHERE c.merged_into_id IS NULL AND c.status = %s AND (c.lead_unit_id = %s OR c.id IN "
            "(SELECT case_id FROM cases_caseunit WHERE unit_id = %s))" + order,
            ["open", unit.pk, unit.pk],
        ),
        (
            "national",
            "q=thuoc+la",
            SELECT
            + "WHERE c.merged_into_id IS NULL AND c.search_folded LIKE %s AND c.search_folded LIKE %s"
            + order,
            ["%thuoc%", "%la%"],
        ),
    ]


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client

    from sc389.cases.models import Case

    users, lang_son, unit = personas()
    print(f"# case list at {Case.objects.count():,} cases on {vendor()} — {machine()}")
    print("| persona | filter | page ms | API ms | bare SQL ms | page / SQL | API / SQL |")
    print("|---|---|---|---|---|---|---|")
    for persona, query, sql, params in scenarios(lang_son, unit):
        client = Client()
        client.force_login(users[persona])

        def page(client=client, query=query):
            response = client.get(f"/cases/?{query}")
            assert response.status_code == 200, response.status_code
            return response

        def api(client=client, query=query):
            response = client.get(f"/api/v1/cases?{query}&limit={PAGE}")
            assert response.status_code == 200, response.content[:300]
            return response

        def bare(sql=sql, params=params):
            with connection.cursor() as cur:
                cur.execute(sql, params)
                return cur.fetchall()

        p, a, b = median_ms(page), median_ms(api), median_ms(bare)
        print(f"| {persona} | `{query}` | {p:.1f} | {a:.1f} | {b:.1f} | {p / b:.1f}x | {a / b:.1f}x |")


if __name__ == "__main__":
    main()
