"""Load scenario (issue 6): officers recording and searching cases, leaders and analysts running reports.

Run by bench/load/run.py against gunicorn on 127.0.0.1; the accounts come from SC389_LOAD_USERS (a JSON file the
driver writes from the seeded database: officers with their unit and a place they record cases in, and leaders).
Weights: officers are most of the traffic (list and search 5, open a case 3, record a case 1, add a penalty 1);
one user in five is a leader or analyst (dashboard 2, period report 2, report by area or force 1). Think time 1-3 s
per user, as a person reading a page.
"""

import datetime as dt
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

USERS = json.loads(Path(os.environ["SC389_LOAD_USERS"]).read_text(encoding="utf-8"))
PASSWORD = os.environ.get("SC389_LOAD_PASSWORD", "sc389-demo")
_officers = itertools.cycle(USERS["officers"])
_leaders = itertools.cycle(USERS["leaders"])
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CASE_LINK = re.compile(r'href="/cases/(\d+)/"')
WORDS = ["gà", "thuốc lá", "rượu", "đường", "pháo", "mỹ phẩm", "điện thoại", "quần áo", "xăng", "gỗ"]
CATEGORIES = ["smuggling", "trade_fraud", "counterfeit_ip"]
_serial = itertools.count(1)

# Page timings without the logins (Argon2 by design costs ~0.1-0.5 s a login): what "p95 under 300 ms" is about.
_pages: list[float] = []
_page_failures = [0]


@events.request.add_listener
def _record(name: str, response_time: float, exception=None, **kwargs) -> None:
    if name.startswith("/login/"):
        return
    _pages.append(response_time)
    if exception is not None:
        _page_failures[0] += 1


@events.reset_stats.add_listener
def _reset(**kwargs) -> None:
    _pages.clear()
    _page_failures[0] = 0


@events.quitting.add_listener
def _write(**kwargs) -> None:
    if not os.environ.get("SC389_LOAD_PAGES"):
        return
    times = sorted(_pages)
    at = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else 0.0  # noqa: E731
    out = {
        "requests": len(times),
        "p50": at(0.50),
        "p95": at(0.95),
        "p99": at(0.99),
        "failures": _page_failures[0],
    }
    Path(os.environ["SC389_LOAD_PAGES"]).write_text(json.dumps(out), encoding="utf-8")


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def log_in(self, username: str) -> None:
        page = self.client.get("/login/", name="/login/ (form)")
        token = _CSRF.search(page.text).group(1)
        response = self.client.post(
            "/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/"},
            headers={"Referer": f"{self.host}/login/"},
            name="/login/ (post)",
        )
        if "sessionid" not in self.client.cookies:
            response.failure(f"{username}: not logged in")  # counted as a failure, not a crash
        self.csrf = self.client.cookies.get("csrftoken", "")


class Officer(Person):
    """A unit's officer: searches and opens cases, records new ones with a penalty decision."""

    weight = 4

    def on_start(self) -> None:
        self.account = next(_officers)
        self.log_in(self.account["username"])
        self.case_ids: list[int] = list(self.account.get("case_ids", []))

    def _filters(self) -> dict:
        year = random.choice([2024, 2025])
        filters = {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
        kind = random.random()
        if kind < 0.4:
            filters["q"] = random.choice(WORDS)
        elif kind < 0.7:
            filters["category"] = random.choice(CATEGORIES)
        return filters

    @task(5)
    def list_and_search(self) -> None:
        filters = self._filters()
        name = "/cases/?q=" if "q" in filters else "/cases/?filters"
        page = self.client.get("/cases/", params=filters, name=name)
        found = [int(pk) for pk in _CASE_LINK.findall(page.text)]
        if found:
            self.case_ids = (found + self.case_ids)[:50]

    @task(3)
    def open_case(self) -> None:
        if self.case_ids:
            self.client.get(f"/cases/{random.choice(self.case_ids)}/", name="/cases/[id]/")

    @task(1)
    def record_case_with_penalty(self) -> None:
        headers = {"X-CSRFToken": self.csrf, "Referer": f"{self.host}/cases/"}
        day = dt.date.today() - dt.timedelta(days=random.randint(0, 60))
        body = {
            "lead_unit": self.account["unit_id"],
            "category": random.choice(CATEGORIES),
            "detected_on": day.isoformat(),
            "place": self.account["place_id"],
            "channel": "other",
            "narrative": f"Kiểm tra tải: vận chuyển {random.choice(WORDS)} không rõ nguồn gốc, lần {next(_serial)}",
        }
        with self.client.post(
            "/api/v1/cases", json=body, headers=headers, catch_response=True, name="POST /api/v1/cases"
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return
            case_id = r.json()["id"]
        self.case_ids.insert(0, case_id)
        penalty = {
            "number": f"{case_id}/QĐ-XPHC",
            "decided_on": day.isoformat(),
            "fine_vnd": random.randint(1, 200) * 500_000,
            "confiscated_value_vnd": random.randint(0, 100) * 1_000_000,
        }
        self.client.post(
            f"/api/v1/cases/{case_id}/outcomes/penalty",
            json=penalty,
            headers=headers,
            name="POST /api/v1/cases/[id]/outcomes/penalty",
        )


class Leader(Person):
    """A committee's leader or analyst: the dashboard and the period reports of their area."""

    weight = 1

    def on_start(self) -> None:
        self.log_in(next(_leaders))

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/reports/dashboard/", name="/reports/dashboard/")

    @task(2)
    def period_report(self) -> None:
        kind = random.choice(["first", "quarter", "year"])
        params = {"kind": kind, "year": random.choice([2024, 2025])}
        if kind == "quarter":
            params["n"] = random.randint(1, 4)
        self.client.get("/reports/", params=params, name="/reports/?period")

    @task(1)
    def report_breakdown(self) -> None:
        by = random.choice(["category", "force", "province", "commune"])
        self.client.get("/reports/", params={"kind": "year", "year": 2025, "by": by}, name="/reports/?by")
